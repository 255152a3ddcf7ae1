import {
  BracketTable,
  type BracketRow,
  Dec,
  EngineError,
  type Field,
  type Market,
  ZERO,
  binanceCoinMarket,
  binanceUsdsMarket,
  coinOf,
  isCoinMargined,
} from '../engine';
import { ccxtSymbol } from './bracketFormats';
import { type CompactRow, type DecodedSnapshot, decodeSchedules } from './compactBrackets';
import { SNAPSHOT_AS_OF, SNAPSHOT_DATA } from './usdsSnapshot';
import { COIN_CONTRACT_SIZES, COIN_SNAPSHOT_AS_OF, COIN_SNAPSHOT_DATA } from './coinSnapshot';

export { SNAPSHOT_AS_OF, SNAPSHOT_SOURCE, SNAPSHOT_SYMBOL_COUNT } from './usdsSnapshot';
export { COIN_SNAPSHOT_AS_OF, COIN_SNAPSHOT_SOURCE, COIN_SNAPSHOT_SYMBOL_COUNT } from './coinSnapshot';

/** Where a bundled market's tiers come from, as title rows and notes say it. */
export const BUNDLED = 'bundled snapshot';
/** The bundled USDS-M brackets with their date, as every place that shows a number says it. */
export const BUNDLED_SNAPSHOT = `${BUNDLED} of ${SNAPSHOT_AS_OF}`;
/** The bundled COIN-M brackets with their date. */
export const BUNDLED_COIN_SNAPSHOT = `${BUNDLED} of ${COIN_SNAPSHOT_AS_OF}`;
/** Both bundled snapshots, for a number whose market is not known where it is said (a frozen formula's note). */
export const BUNDLED_SNAPSHOTS = `${BUNDLED_SNAPSHOT} (USDS-M; COIN-M of ${COIN_SNAPSHOT_AS_OF})`;

/** The bundled snapshot a symbol's tiers come from, with its date. */
export function bundledSnapshotOf(symbol: string): string {
  return isCoinMargined(symbol) ? BUNDLED_COIN_SNAPSHOT : BUNDLED_SNAPSHOT;
}

/** How old a snapshot of `asOf` is at `now`, in whole days (the USDS-M snapshot's by default). */
export function snapshotAgeDays(now: Date, asOf = SNAPSHOT_AS_OF): number {
  return Math.floor((now.getTime() - Date.parse(`${asOf}T00:00:00Z`)) / 86_400_000);
}

/** The exchange a market name means when it names none. */
export const DEFAULT_EXCHANGE = 'BINANCE';

let snapshot: DecodedSnapshot | null = null;
let coinSnapshot: DecodedSnapshot | null = null;
const markets = new Map<string, Market>();

/** The USDS-M snapshot, decoded on first use (loading the script does no work). */
function loadSnapshot(): DecodedSnapshot {
  snapshot ??= decodeSchedules(SNAPSHOT_DATA);
  return snapshot;
}

/** The COIN-M snapshot, decoded on first use. */
function loadCoinSnapshot(): DecodedSnapshot {
  coinSnapshot ??= decodeSchedules(COIN_SNAPSHOT_DATA);
  return coinSnapshot;
}

/** Every symbol in the bundled USDS-M snapshot, sorted. */
export function snapshotSymbols(): string[] {
  return [...loadSnapshot().symbols.keys()].sort();
}

/** Every symbol in the bundled COIN-M snapshot, sorted. */
export function coinSnapshotSymbols(): string[] {
  return [...loadCoinSnapshot().symbols.keys()].sort();
}

/** USD per contract of a COIN-M symbol of the bundled snapshot, or `null` for a symbol not in it. */
export function bundledContractSize(symbol: string): number | null {
  if (!loadCoinSnapshot().symbols.has(symbol)) return null;
  const coin = coinOf(symbol);
  const entries = COIN_CONTRACT_SIZES.split(',');
  const exception = entries.slice(0, -1).find((entry) => entry.startsWith(`${coin}:`));
  return Number(exception ? exception.slice(coin.length + 1) : entries[entries.length - 1]);
}

/** A market's full name: `BINANCE:BTCUSDT`. */
export function marketName(symbol: string): string {
  return `${DEFAULT_EXCHANGE}:${symbol}`;
}

/**
 * The exchange symbol a typed name means: upper case, `BINANCE:` dropped, ccxt's `BTC/USDT:USDT` as `BTCUSDT`,
 * separators removed (`btc-usdt`, `BTCUSDT PERP`), while a dated future keeps its `_261225` and a COIN-M symbol its
 * `USD_PERP`. Another exchange's prefix stays, for the caller to refuse.
 */
export function normalizeSymbol(text: string): string {
  let name = text.trim().toUpperCase();
  if (name.startsWith(`${DEFAULT_EXCHANGE}:`)) name = name.slice(DEFAULT_EXCHANGE.length + 1).trim();
  if (name.includes('/')) return ccxtSymbol(name);
  name = name.replace(/[\s-]+/g, '');
  if (isCoinMargined(name)) return name;
  const dated = /^(.+?)_?(\d{6})$/.exec(name);
  if (dated && /USD[TC]$/.test(dated[1])) return `${dated[1].replace(/_/g, '')}_${dated[2]}`;
  return name.replace(/_/g, '').replace(/PERP(ETUAL)?$/, '');
}

/**
 * The market of a symbol from the dated snapshot (case-insensitive, `BINANCE:` optional; a bare base asset such as
 * `BTC` means its USDT perpetual). An unknown name is an error that names it, suggests the closest symbols and says
 * how to import current brackets.
 */
export function snapshotMarket(symbol: string, field: Field = 'market'): Market {
  const key = resolveSymbol(symbol);
  if (key === null) throw unknownMarket(symbol, field);
  let market = markets.get(key);
  if (!market) {
    const coin = isCoinMargined(key);
    const decoded = coin ? loadCoinSnapshot() : loadSnapshot();
    const tiers = BracketTable.fromRows(expandRows(decoded.schedule(decoded.symbols.get(key)!)), key, field);
    market = coin
      ? binanceCoinMarket(tiers, key, new Dec(bundledContractSize(key)!), COIN_SNAPSHOT_AS_OF, BUNDLED)
      : binanceUsdsMarket(tiers, key, SNAPSHOT_AS_OF, BUNDLED);
    markets.set(key, market);
  }
  return market;
}

function unknownMarket(text: string, field: Field): EngineError {
  const typed = text.trim();
  const exchange = /^([A-Z]+):/i.exec(typed)?.[1]?.toUpperCase();
  if (exchange !== undefined && exchange !== DEFAULT_EXCHANGE)
    return new EngineError(
      'unknownSymbol',
      field,
      text,
      (w) => `${w.name}: "${typed}" names the exchange ${exchange}; expected a Binance market such as BINANCE:BTCUSDT.`,
    );
  const key = normalizeSymbol(typed);
  const coin = isCoinMargined(key);
  const perpetual = `${key}_PERP`;
  const suggestions = [
    ...(!coin && loadCoinSnapshot().symbols.has(perpetual) ? [`${perpetual} (COIN-M)`] : []),
    ...closestSymbols(key, coin ? coinSnapshotSymbols() : snapshotSymbols()),
  ].slice(0, 3);
  const hint = suggestions.length > 0 ? ` Did you mean ${suggestions.join(', ')}?` : '';
  const snapshotName = coin ? `COIN-M snapshot of ${COIN_SNAPSHOT_AS_OF}` : `USDS-M snapshot of ${SNAPSHOT_AS_OF}`;
  return new EngineError(
    'unknownSymbol',
    field,
    text,
    (w) =>
      `${w.name}: "${typed}" is not a market of the bundled Binance ${snapshotName}.${hint} ` +
      `For a market listed since, or today's brackets: Extensions → Liquidation Planner → Import brackets…, then ` +
      `pass the named range BRACKETS_${/^[\p{Lu}\p{Lo}\p{N}_]{1,40}$/u.test(key) ? key : '<market>'}.`,
  );
}

/**
 * Full bracket rows from stored ones: each floor is the previous cap, and cum follows Binance's
 * recurrence `cum_k = cum_{k−1} + floor_k·(mmr_k − mmr_{k−1})`, computed exactly.
 */
function expandRows(rows: readonly CompactRow[]): BracketRow[] {
  let floor = ZERO;
  let cum = ZERO;
  let previousRate = ZERO;
  return rows.map(([cap, rate, maxLeverage]) => {
    const mmr = new Dec(rate);
    cum = cum.plus(floor.times(mmr.minus(previousRate)));
    const row: BracketRow = [floor, cap, mmr, cum, maxLeverage];
    floor = new Dec(cap);
    previousRate = mmr;
    return row;
  });
}

/**
 * The canonical snapshot symbol for `text` (`BTC` is BTCUSDT), or `null`. `BTCUSD` is not taken for BTCUSD_PERP: a
 * COIN-M market counts contracts and coins, so it must be named as such (the error suggests it).
 */
export function resolveSymbol(text: string): string | null {
  const key = normalizeSymbol(text);
  if (isCoinMargined(key)) return loadCoinSnapshot().symbols.has(key) ? key : null;
  const symbols = loadSnapshot().symbols;
  if (symbols.has(key)) return key;
  if (symbols.has(key + 'USDT')) return key + 'USDT';
  return null;
}

/** Up to three snapshot symbols closest to `key` by edit distance (or sharing its base). */
function closestSymbols(key: string, candidates: readonly string[]): string[] {
  if (key === '') return [];
  const scored = candidates
    .map((candidate) => ({ candidate, distance: editDistance(key, candidate) }))
    .filter(
      ({ candidate, distance }) =>
        distance <= Math.max(2, Math.floor(key.length / 3)) || candidate.includes(key) || sharesBase(key, candidate),
    )
    .sort((a, b) => a.distance - b.distance || a.candidate.localeCompare(b.candidate));
  return scored.slice(0, 3).map((s) => s.candidate);
}

/** `PEPE` and `1000PEPEUSDT`: the typed text is the candidate's base with a little around it. */
function sharesBase(key: string, candidate: string): boolean {
  const base = candidate.replace(/USDT$/, '').replace(/^1000+/, '');
  return base.length >= 3 && (key.includes(base) || base.includes(key)) && Math.abs(key.length - base.length) <= 4;
}

/** Levenshtein distance, two rows at a time. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}

import {
  BracketTable,
  type BracketRow,
  Dec,
  EngineError,
  type Field,
  type Market,
  ZERO,
  binanceUsdsMarket,
} from '../engine';
import { SNAPSHOT_AS_OF, SNAPSHOT_SCHEDULES_JSON, SNAPSHOT_SYMBOLS_JSON } from './bracketSnapshot';

export { SNAPSHOT_AS_OF, SNAPSHOT_SOURCE } from './bracketSnapshot';

/** A stored row: [cap, maintenance margin rate, maximum leverage]. */
type CompactRow = readonly [number, number, number];

interface Snapshot {
  readonly schedules: readonly (readonly CompactRow[])[];
  readonly symbols: Readonly<Record<string, number>>;
}

let snapshot: Snapshot | null = null;
const markets = new Map<string, Market>();

/** The snapshot, parsed on first use (loading the script does no work). */
function loadSnapshot(): Snapshot {
  snapshot ??= {
    schedules: JSON.parse(SNAPSHOT_SCHEDULES_JSON) as CompactRow[][],
    symbols: JSON.parse(SNAPSHOT_SYMBOLS_JSON) as Record<string, number>,
  };
  return snapshot;
}

/** Every symbol in the bundled snapshot, sorted. */
export function snapshotSymbols(): string[] {
  return Object.keys(loadSnapshot().symbols).sort();
}

/**
 * Upper case without separators, so `btc/usdt`, `BTC-USDT` and ccxt's `BTC/USDT:USDT` all read as
 * `BTCUSDT`.
 */
export function normalizeSymbol(text: string): string {
  return text
    .trim()
    .toUpperCase()
    .replace(/:USDT$/, '')
    .replace(/[\s/_-]+/g, '')
    .replace(/PERP(ETUAL)?$/, '');
}

/**
 * The market of a symbol from the dated snapshot (case-insensitive; a bare base asset such as `BTC`
 * means its USDT perpetual). An unknown symbol is an error that suggests the closest names.
 */
export function snapshotMarket(symbol: string, field: Field = 'market'): Market {
  const { schedules, symbols } = loadSnapshot();
  const key = resolveSymbol(symbol, symbols);
  if (key === null) {
    const suggestions = closestSymbols(normalizeSymbol(symbol), Object.keys(symbols));
    const hint = suggestions.length > 0 ? ` Did you mean ${suggestions.join(', ')}?` : '';
    throw new EngineError(
      'unknownSymbol',
      field,
      symbol,
      (w) =>
        `${w.name}: "${symbol}" is not a symbol in the ${SNAPSHOT_AS_OF} ` +
        `Binance USDS-M bracket snapshot; expected ${w.expected}.${hint}`,
    );
  }
  let market = markets.get(key);
  if (!market) {
    market = binanceUsdsMarket(
      BracketTable.fromRows(expandRows(schedules[symbols[key]]), key, field),
      key,
      SNAPSHOT_AS_OF,
    );
    markets.set(key, market);
  }
  return market;
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

/** The canonical snapshot symbol for `text`, or `null`. */
export function resolveSymbol(
  text: string,
  symbols: Readonly<Record<string, number>> = loadSnapshot().symbols,
): string | null {
  const key = normalizeSymbol(text);
  if (key in symbols) return key;
  if (key + 'USDT' in symbols) return key + 'USDT';
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

import { Dec } from '../engine';

// Reading leverage brackets in every form a user can get them: Binance's signed API (USDS-M and COIN-M), its web
// endpoint, ccxt's fetch_leverage_tiers (and freqtrade's tiers file), this project's snapshot files, and a table
// copied from a web page. Pure: text in, tables out; validation is `checkedTable`'s.

/** A bracket row as read: floor, cap, rate, maintenance amount (`null` when the source omits it), leverage. */
export type ReadRow = readonly [floor: number, cap: number, rate: number, amount: number | null, maxLeverage: number];

export interface ReadTable {
  /** The exchange symbol, upper case: `BTCUSDT`, `BTCUSDT_261225`, `BTCUSD_PERP`. */
  readonly symbol: string;
  readonly rows: readonly ReadRow[];
  /** Binance's per-account bracket multiplier, when the source gives one (recorded, the brackets taken as given). */
  readonly notionalCoef?: number;
  /** USD per contract, for a COIN-M symbol whose source gives it. */
  readonly contractSize?: number;
  /** Where the table starts in a pasted text table (1-based line), for messages. */
  readonly line?: number;
}

export interface ReadTables {
  /** The format recognised, in words ("Binance API JSON"). */
  readonly format: string;
  readonly tables: readonly ReadTable[];
  /** The date the source says it is of, when it says (`YYYY-MM-DD`). */
  readonly asOf?: string;
  readonly source?: string;
}

/** A paste the import cannot read: the message says what is wrong, where, and what is expected. */
export class BracketFormatError extends Error {
  override readonly name = 'BracketFormatError';
}

const FORMATS =
  "Binance's leverageBracket JSON (fapi or dapi), its web brackets JSON, ccxt's fetch_leverage_tiers JSON, or a " +
  'table of rows symbol, floor, cap, maint_margin_rate, maint_amount, max_leverage';

/** Reads pasted text in any supported format; throws `BracketFormatError` saying why it cannot. */
export function readBracketText(text: string): ReadTables {
  const trimmed = text.trim();
  if (trimmed === '') throw new BracketFormatError(`Nothing was pasted; expected ${FORMATS}.`);
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    let json: unknown;
    try {
      json = JSON.parse(trimmed);
    } catch (error) {
      throw new BracketFormatError(
        `The paste starts like JSON but is not valid JSON (${(error as Error).message}); copy the whole response.`,
      );
    }
    return readJson(json);
  }
  return readTextTable(trimmed);
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A field as a number: numbers and numeric text (APIs send both); `undefined` when absent. */
function numberField(entry: Json, keys: readonly string[], where: string): number | undefined {
  for (const key of keys) {
    if (!(key in entry) || entry[key] === null || entry[key] === '') continue;
    const value = typeof entry[key] === 'string' ? Number(entry[key]) : entry[key];
    if (typeof value !== 'number' || !Number.isFinite(value))
      throw new BracketFormatError(`${where}: ${key} is ${JSON.stringify(entry[key])}, not a number.`);
    return value;
  }
  return undefined;
}

function required(entry: Json, keys: readonly string[], where: string): number {
  const value = numberField(entry, keys, where);
  if (value === undefined) throw new BracketFormatError(`${where}: ${keys[0]} is missing.`);
  return value;
}

function readJson(json: unknown): ReadTables {
  if (isObject(json) && isObject(json.symbols) && typeof json.asOf === 'string') return readSnapshotFile(json);
  if (isObject(json) && isObject(json.data) && Array.isArray(json.data.brackets))
    return readWebBrackets(json.data.brackets);
  const list = Array.isArray(json) ? json : isObject(json) && Array.isArray(json.brackets) ? [json] : null;
  if (list !== null && list.every((item) => isObject(item) && Array.isArray(item.brackets)))
    return { format: 'Binance leverageBracket JSON', tables: list.map((item) => readApiItem(item as Json)) };
  const tiers = isObject(json) && isObject(json.data) ? json.data : json;
  if (isObject(tiers) && Object.values(tiers).length > 0 && Object.values(tiers).every(Array.isArray))
    return {
      format: 'ccxt leverage tiers JSON',
      tables: Object.entries(tiers).map(([key, list]) => readCcxt(key, list as unknown[])),
    };
  throw new BracketFormatError(`The JSON is not a bracket format the import knows; expected ${FORMATS}.`);
}

/** `GET /fapi/v1/leverageBracket` (notional) or `/dapi/v1|v2/leverageBracket` (qty, and Binance's `qtylFloor`). */
function readApiItem(item: Json): ReadTable {
  const symbol = String(item.symbol ?? item.pair ?? '').toUpperCase();
  if (symbol === '') throw new BracketFormatError('A leverageBracket entry has no symbol.');
  const rows = (item.brackets as unknown[]).map((entry, i): ReadRow => {
    const where = `${symbol}, bracket ${i + 1}`;
    if (!isObject(entry)) throw new BracketFormatError(`${where} is not an object.`);
    return [
      required(entry, ['notionalFloor', 'qtyFloor', 'qtylFloor'], where),
      required(entry, ['notionalCap', 'qtyCap'], where),
      required(entry, ['maintMarginRatio'], where),
      numberField(entry, ['cum'], where) ?? null,
      required(entry, ['initialLeverage'], where),
    ];
  });
  const notionalCoef = numberField(item, ['notionalCoef'], symbol);
  return { symbol: apiSymbol(symbol), rows, ...(notionalCoef === undefined ? {} : { notionalCoef }) };
}

/** dapi v1 names a pair (`BTCUSD`): its perpetual. */
function apiSymbol(symbol: string): string {
  return /^[A-Z0-9]+USD$/.test(symbol) ? `${symbol}_PERP` : symbol;
}

/** The web endpoint's `data.brackets[].riskBrackets[]` (USDS-M notional or COIN-M quantity). */
function readWebBrackets(entries: unknown[]): ReadTables {
  const tables = entries.map((entry): ReadTable => {
    if (!isObject(entry) || !Array.isArray(entry.riskBrackets))
      throw new BracketFormatError('A data.brackets entry has no riskBrackets list.');
    const symbol = String(entry.symbol ?? '').toUpperCase();
    const rows = entry.riskBrackets.map((bracket, i): ReadRow => {
      const where = `${symbol}, bracket ${i + 1}`;
      if (!isObject(bracket)) throw new BracketFormatError(`${where} is not an object.`);
      return [
        required(bracket, ['bracketNotionalFloor', 'bracketQtyFloor'], where),
        required(bracket, ['bracketNotionalCap', 'bracketQtyCap'], where),
        required(bracket, ['bracketMaintenanceMarginRate'], where),
        numberField(bracket, ['cumFastMaintenanceAmount', 'cum'], where) ?? null,
        required(bracket, ['maxOpenPosLeverage', 'initialLeverage'], where),
      ];
    });
    return { symbol, rows };
  });
  return { format: 'Binance web brackets JSON', tables };
}

/**
 * ccxt's unified symbols: `BTC/USDT:USDT` → BTCUSDT, `BTC/USDT:USDT-261225` → BTCUSDT_261225, `BTC/USD:BTC` →
 * BTCUSD_PERP, `BTC/USD:BTC-261225` → BTCUSD_261225; an exchange id (`BTCUSDT`) stays.
 */
export function ccxtSymbol(key: string): string {
  const match = /^([A-Z0-9]+)\/([A-Z0-9]+):([A-Z0-9]+)(?:-(\d{6}))?$/i.exec(key.trim());
  if (!match) return key.trim().toUpperCase();
  const [, base, quote, settle, expiry] = match.map((part) => part?.toUpperCase());
  const inverse = quote === 'USD' && settle !== 'USD';
  return `${base}${quote}${expiry ? `_${expiry}` : inverse ? '_PERP' : ''}`;
}

/** ccxt `fetch_leverage_tiers` (a map of symbol to tiers) and freqtrade's tiers file (the same, maybe under `data`). */
function readCcxt(key: string, tiers: unknown[]): ReadTable {
  const symbol = ccxtSymbol(key);
  const rows = tiers.map((tier, i): ReadRow => {
    const where = `${symbol}, tier ${i + 1}`;
    if (!isObject(tier)) throw new BracketFormatError(`${where} is not an object.`);
    const info = isObject(tier.info) ? tier.info : {};
    return [
      required(tier, ['minNotional'], where),
      required(tier, ['maxNotional'], where),
      required(tier, ['maintenanceMarginRate'], where),
      numberField(tier, ['maintAmt'], where) ?? numberField(info, ['cum'], where) ?? null,
      required(tier, ['maxLeverage'], where),
    ];
  });
  return { symbol, rows };
}

/** This project's snapshot files: `symbols` → rows of 5 (USDS-M) or `{contractSize, brackets}` (COIN-M). */
function readSnapshotFile(json: Json): ReadTables {
  const tables = Object.entries(json.symbols as Json).map(([symbol, value]): ReadTable => {
    const entry = isObject(value) ? value : { brackets: value };
    if (!Array.isArray(entry.brackets)) throw new BracketFormatError(`${symbol}: no brackets.`);
    const rows = entry.brackets.map((row, i): ReadRow => {
      if (!Array.isArray(row) || row.length !== 5 || !row.every((v) => typeof v === 'number'))
        throw new BracketFormatError(`${symbol}, row ${i + 1}: expected 5 numbers.`);
      return row as unknown as ReadRow;
    });
    return {
      symbol: symbol.toUpperCase(),
      rows,
      ...(typeof entry.contractSize === 'number' ? { contractSize: entry.contractSize } : {}),
    };
  });
  return {
    format: 'Liquidation Planner snapshot file',
    tables,
    asOf: json.asOf as string,
    ...(typeof json.source === 'string' ? { source: json.source } : {}),
  };
}

/** One cell of a copied table: thousands separators, `%`, a trailing `x`/`×` after a leverage allowed. */
function tableNumber(cell: string, percentIsFraction: boolean, where: string): number {
  const text = cell.trim().replace(/[x×]$/i, '').replace(/,/g, '');
  const percent = text.endsWith('%');
  const value = Number(percent ? text.slice(0, -1) : text);
  if (text === '' || !Number.isFinite(value))
    throw new BracketFormatError(`${where}: ${JSON.stringify(cell)} is not a number.`);
  // In decimals: 0.65 / 100 in floats is 0.006500000000000001, not Binance's 0.0065.
  return percent && percentIsFraction ? new Dec(text.slice(0, -1)).div(100).toNumber() : value;
}

/** Splits a line of a CSV (double quotes allowed around a cell with commas) or a tab-separated copy. */
function cells(line: string): string[] {
  if (line.includes('\t')) return line.split('\t');
  const out: string[] = [];
  for (const match of line.matchAll(/\s*(?:"((?:[^"]|"")*)"|([^,]*))\s*(?:,|$)/g)) {
    if (match.index === line.length && out.length > 0) break;
    out.push(match[1] !== undefined ? match[1].replace(/""/g, '"') : match[2]);
  }
  return out;
}

/** Rows `symbol, floor, cap, maint_margin_rate, maint_amount, max_leverage`; a header and blank lines are skipped. */
function readTextTable(text: string): ReadTables {
  const bySymbol = new Map<string, { rows: ReadRow[]; line: number }>();
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = i + 1;
    if (raw.trim() === '') return;
    const parts = cells(raw).map((c) => c.trim());
    const first = parts[1] ?? '';
    if (bySymbol.size === 0 && !/\d/.test(first)) return; // a header line
    if (parts.length !== 6)
      throw new BracketFormatError(
        `Line ${line} has ${parts.length} cells; expected 6: symbol, floor, cap, maint_margin_rate, maint_amount, ` +
          `max_leverage (or paste ${FORMATS.split(', or ')[0]}).`,
      );
    const where = `Line ${line} (${parts[0]})`;
    const symbol = ccxtSymbol(parts[0]);
    const row: ReadRow = [
      tableNumber(parts[1], false, `${where}, floor`),
      tableNumber(parts[2], false, `${where}, cap`),
      tableNumber(parts[3], true, `${where}, maint_margin_rate`),
      parts[4] === '' ? null : tableNumber(parts[4], false, `${where}, maint_amount`),
      tableNumber(parts[5], false, `${where}, max_leverage`),
    ];
    const table = bySymbol.get(symbol) ?? { rows: [], line };
    table.rows.push(row);
    bySymbol.set(symbol, table);
  });
  if (bySymbol.size === 0) throw new BracketFormatError(`No bracket rows found; expected ${FORMATS}.`);
  return {
    format: 'table of bracket rows',
    tables: [...bySymbol].map(([symbol, { rows, line }]) => ({ symbol, rows, line })),
  };
}

import { BracketFormatError, readBracketText } from '../data/bracketFormats';
import { type ImportedMarket, checkedMarkets } from '../data/importedMarkets';
import { readOwnTitleRow, titleRow } from '../data/marketTitle';
import { bundledContractSize, marketName, normalizeSymbol, resolveSymbol, snapshotMarket } from '../data/symbols';
import { formatAmount, formatRate, Dec } from '../engine';
import { BRACKET_COLUMNS } from '../shared/columns';
import type { CellValue, SheetApi, SheetEnv } from '../shared/sheetApi';
import type { ImportPreview, ImportResult, ImportedBrackets } from '../shared/protocol';
import { growSheet, undoAll } from './gridWriter';

// Import brackets…: pasted text in any format bracketFormats reads becomes one table per market on a sheet of the
// add-on's own, in the layout BRACKETS spills, each with a named range BRACKETS_<symbol> that every function takes as
// `brackets`. All or nothing; never over a user's data.

/** The sheet the add-on writes imported brackets to (or `… (2)` if the user has a sheet of that name). */
export const BRACKETS_SHEET = 'Liquidation Planner: brackets';
/** The first cell of that sheet: how the add-on knows the sheet is its own. */
const MARKER = 'Liquidation Planner: imported brackets.';
/** How every imported table's named range begins. */
export const BRACKETS_RANGE_PREFIX = 'BRACKETS_';

/** A table as it is (or will be) on the brackets sheet. */
interface StoredTable {
  readonly symbol: string;
  readonly title: CellValue[];
  readonly asOf: string | null;
  readonly rows: readonly (readonly number[])[];
}

/** The named range of a market's imported table: `BRACKETS_BTCUSDT`, `BRACKETS_BTCUSD_PERP`. */
export function bracketsRangeName(symbol: string): string {
  return BRACKETS_RANGE_PREFIX + symbol.replace(/[^\p{L}\p{N}_]/gu, '_');
}

/** Reads and checks a paste: the markets, or why not (naming the symbol and the row). */
function readPaste(text: unknown): { format: string; markets: ImportedMarket[]; asOf?: string } {
  if (typeof text !== 'string') throw new BracketFormatError('Nothing was pasted.');
  const read = readBracketText(text);
  return {
    format: read.format,
    markets: checkedMarkets(read, bundledContractSize),
    ...(read.asOf ? { asOf: read.asOf } : {}),
  };
}

/** A paste the import cannot read, as the dialog's answer; any other failure is not the paste's and is thrown. */
function refused(error: unknown): { readonly status: 'refused'; readonly message: string } {
  if (error instanceof BracketFormatError) return { status: 'refused', message: error.message };
  throw error;
}

/** The add-on's brackets sheet, if there is one (its first cell is the marker). */
function ownSheet(env: SheetEnv): SheetApi | null {
  for (const sheet of env.spreadsheet.getSheets()) {
    if (!sheet.getName().startsWith(BRACKETS_SHEET)) continue;
    const first = sheet.getRange(1, 1, 1, 1).getValues()[0][0];
    if (typeof first === 'string' && first.startsWith(MARKER)) return sheet;
  }
  return null;
}

/** The tables on the add-on's sheet: a title row, a header, numeric rows up to a blank row. */
function storedTables(sheet: SheetApi): StoredTable[] {
  const last = sheet.getLastRow();
  if (last < 2) return [];
  const values = sheet.getRange(1, 1, last, BRACKET_COLUMNS.length).getValues();
  const tables: StoredTable[] = [];
  for (let r = 1; r < values.length; r++) {
    const title = readOwnTitleRow(values[r]);
    if (title === null) continue;
    const rows: number[][] = [];
    let k = r + 2;
    while (k < values.length && typeof values[k][0] === 'number') rows.push(values[k++].map(Number));
    tables.push({ symbol: title.symbol, title: values[r], asOf: title.asOf, rows });
    r = k;
  }
  return tables;
}

/** The first difference between two tables, in a trader's words ("bracket 1 cap 300,000 → 500,000"). */
function firstDifference(before: readonly (readonly number[])[], after: readonly (readonly number[])[]): string {
  const columns = ['floor', 'cap', 'maintenance rate', 'maintenance amount', 'max leverage'];
  const shown = (value: number, c: number) =>
    c === 2 ? formatRate(new Dec(value)) : c === 4 ? `${value}×` : formatAmount(new Dec(value));
  for (let i = 0; i < Math.max(before.length, after.length); i++) {
    if (!before[i]) return `bracket ${i + 1} added (${after.length} brackets, were ${before.length})`;
    if (!after[i]) return `${before.length - after.length} bracket(s) removed (${after.length}, were ${before.length})`;
    for (let c = 0; c < columns.length; c++)
      if (before[i][c] !== after[i][c])
        return `bracket ${i + 1} ${columns[c]} ${shown(before[i][c], c)} → ${shown(after[i][c], c)}`;
  }
  return 'same';
}

function bundledRows(symbol: string): number[][] | null {
  if (resolveSymbol(symbol) !== symbol) return null;
  return snapshotMarket(symbol).tiers.brackets.map((b) =>
    [b.floor, b.cap, b.mmr, b.cum, b.maxLeverage ?? new Dec(0)].map((v) => v.toNumber()),
  );
}

/** What importing the paste would change, compared with the bundled snapshot and the last import. */
export function previewImport(env: SheetEnv, text: unknown): ImportPreview {
  try {
    const { format, markets } = readPaste(text);
    const sheet = ownSheet(env);
    const previous = new Map((sheet ? storedTables(sheet) : []).map((t) => [t.symbol, t.rows]));
    return {
      status: 'preview',
      format,
      markets: markets.map((m) => {
        const bundled = bundledRows(m.symbol);
        const last = previous.get(m.symbol);
        return {
          market: marketName(m.symbol),
          vsBundled: bundled ? firstDifference(bundled, m.rows) : 'new',
          vsLastImport: last ? firstDifference(last, m.rows) : 'first import',
        };
      }),
    };
  } catch (error) {
    return refused(error);
  }
}

/** `YYYY-MM-DD` of a date, in UTC. */
function day(date: Date): string {
  return date.toISOString().slice(0, 10);
}

function tableOf(market: ImportedMarket, asOf: string, note: string): StoredTable {
  const exchange = market.family === 'COIN-M' ? 'Binance COIN-M' : 'Binance USDS-M';
  const size = market.contractSizeAssumed ? `; contract size ${market.contractSize} USD assumed` : '';
  const coef = market.notionalCoef !== undefined ? `; notionalCoef ${market.notionalCoef}` : '';
  // The date as text (an apostrophe keeps Sheets from making it a date).
  const facts = { symbol: market.symbol, exchange, contractSize: market.contractSize, asOf: `'${asOf}` };
  return {
    symbol: market.symbol,
    title: titleRow(facts, note + size + coef),
    asOf,
    rows: market.rows,
  };
}

/**
 * Imports the paste (only `markets`, by name or symbol, when given): writes every table on the add-on's brackets
 * sheet in one batch and names each range. Re-importing a market replaces its table; others stay. A refusal changes
 * nothing; so does a failure part way (what was written is undone).
 */
export function importPastedBrackets(env: SheetEnv, text: unknown, markets?: unknown): ImportResult {
  let pasted: ReturnType<typeof readPaste>;
  try {
    pasted = readPaste(text);
  } catch (error) {
    return refused(error);
  }
  let chosen = pasted.markets;
  if (markets !== undefined && markets !== null) {
    if (!Array.isArray(markets) || !markets.every((m) => typeof m === 'string'))
      return { status: 'refused', message: 'markets: expected a list of market names.' };
    const wanted = new Set(markets.map(normalizeSymbol));
    chosen = chosen.filter((m) => wanted.has(m.symbol));
    const unknown = [...wanted].filter((w) => !pasted.markets.some((m) => m.symbol === w));
    if (unknown.length > 0)
      return { status: 'refused', message: `${unknown.join(', ')}: not in the paste; nothing was imported.` };
  }
  if (chosen.length === 0) return { status: 'refused', message: 'No market chosen; nothing was imported.' };
  const book = env.spreadsheet;
  const ours = ownSheet(env);
  const names = new Map(chosen.map((m) => [bracketsRangeName(m.symbol), m.symbol]));
  for (const named of book.getNamedRanges()) {
    const sheet = named.getRange().getSheet();
    if (names.has(named.getName()) && (ours === null || sheet.getName() !== ours.getName()))
      return {
        status: 'refused',
        message:
          `${named.getName()} already names ${sheet.getName()}!${named.getRange().getA1Notation()}, which the ` +
          `add-on did not write; rename or delete that named range, then import again. Nothing was imported.`,
      };
  }
  const today = day(env.now());
  const note = `imported ${today} from ${pasted.format}`;
  const fresh = chosen.map((m) => tableOf(m, pasted.asOf ?? today, note));
  const kept = (ours ? storedTables(ours) : []).filter((t) => !fresh.some((f) => f.symbol === t.symbol));
  const tables = [...kept, ...fresh].sort((a, b) => a.symbol.localeCompare(b.symbol));
  return writeTables(
    env,
    ours,
    tables,
    today,
    fresh.map((t) => t.symbol),
  );
}

function writeTables(
  env: SheetEnv,
  ours: SheetApi | null,
  tables: StoredTable[],
  today: string,
  imported: readonly string[],
): ImportResult {
  const book = env.spreadsheet;
  const width = BRACKET_COLUMNS.length;
  const values: CellValue[][] = [
    [
      `${MARKER} ${tables.length} markets, last import ${today}. Import brackets… replaces them; ` +
        'edits here are not kept.',
    ],
    [''],
  ];
  const places: { symbol: string; row: number; rows: number }[] = [];
  for (const table of tables) {
    places.push({ symbol: table.symbol, row: values.length + 1, rows: table.rows.length + 2 });
    values.push(table.title, BRACKET_COLUMNS.slice(), ...table.rows.map((r) => r.slice()), ['']);
  }
  const grid = values.map((row) => [...row, ...Array<CellValue>(width - row.length).fill('')].slice(0, width));
  // What to put back if a step fails: the sheet as it was, and the add-on's named ranges.
  const before = ours ? ours.getRange(1, 1, Math.max(ours.getLastRow(), 1), width).getValues() : null;
  const ourRanges = book
    .getNamedRanges()
    .filter(
      (n) =>
        n.getName().startsWith(BRACKETS_RANGE_PREFIX) &&
        ours !== null &&
        n.getRange().getSheet().getName() === ours.getName(),
    )
    .map((n) => {
      const range = n.getRange();
      return { name: n.getName(), at: [range.getRow(), range.getColumn(), range.getNumRows(), range.getNumColumns()] };
    });
  let sheet = ours;
  let created = false;
  try {
    if (sheet === null) {
      let name = BRACKETS_SHEET;
      for (let i = 2; book.getSheetByName(name) !== null; i++) name = `${BRACKETS_SHEET} (${i})`;
      sheet = book.insertSheet(name);
      created = true;
    }
    growSheet(sheet, grid.length, width);
    if (before) sheet.getRange(1, 1, before.length, width).clearContent();
    sheet.getRange(1, 1, grid.length, width).setValues(grid);
    for (const { name } of ourRanges) book.removeNamedRange(name);
    for (const place of places)
      book.setNamedRange(bracketsRangeName(place.symbol), sheet.getRange(place.row, 1, place.rows, width));
    env.flush();
  } catch (error) {
    const target = sheet;
    const problems = undoAll([
      () => {
        for (const place of places) {
          const name = bracketsRangeName(place.symbol);
          if (book.getNamedRanges().some((n) => n.getName() === name)) book.removeNamedRange(name);
        }
      },
      () => {
        if (target && created) book.deleteSheet(target);
        else if (target && before) {
          target.getRange(1, 1, grid.length, width).clearContent();
          target.getRange(1, 1, before.length, width).setValues(before);
        }
      },
      () => {
        if (target && !created)
          for (const { name, at } of ourRanges) book.setNamedRange(name, target.getRange(at[0], at[1], at[2], at[3]));
      },
      () => env.flush(),
    ]);
    const why = error instanceof Error ? error.message : String(error);
    return {
      status: 'refused',
      message:
        `The import failed (${why}) and was undone${problems.length ? `, except: ${problems.join('; ')}` : ''}. ` +
        'Nothing was imported.',
    };
  }
  return { status: 'imported', markets: imported.map(marketName), sheet: sheet.getName() };
}

/** The imported table of a symbol (by its named range), as the sidebar and the grid use it; `null` if none. */
export function importedTable(env: SheetEnv, symbol: unknown): ImportedBrackets | null {
  if (typeof symbol !== 'string') return null;
  const key = resolveSymbol(symbol) ?? normalizeSymbol(symbol);
  const name = bracketsRangeName(key);
  const named = env.spreadsheet.getNamedRanges().find((n) => n.getName() === name);
  if (!named) return null;
  const values = named.getRange().getValues();
  const title = readOwnTitleRow(values[0]);
  if (!title || title.symbol !== key) return null;
  const rows = values
    .slice(2)
    .filter((row) => typeof row[0] === 'number')
    .map((row) => row.map(Number));
  return {
    symbol: key,
    rangeName: name,
    rows,
    contractSize: title.contractSize,
    asOf: title.asOf ?? '',
    source: title.note,
  };
}

/** The markets imported into this spreadsheet (a table on the add-on's sheet and its named range), read at once. */
export function importedMarkets(env: SheetEnv): { readonly rangeName: string; readonly asOf: string }[] {
  const sheet = ownSheet(env);
  if (sheet === null) return [];
  const named = new Set(env.spreadsheet.getNamedRanges().map((n) => n.getName()));
  return storedTables(sheet)
    .map((t) => ({ rangeName: bracketsRangeName(t.symbol), asOf: t.asOf ?? '' }))
    .filter((m) => named.has(m.rangeName));
}

import {
  BracketTable,
  type BracketRow,
  Dec,
  type Field,
  type Market,
  binanceCoinMarket,
  binanceUsdsMarket,
  describeCell,
  invalidValue,
  parseNumber,
  isCoinMargined,
} from '../engine';
import { snapshotMarket } from '../data/symbols';
import { type MarketTitle, readTitleRow } from '../data/marketTitle';
import { type Grid, isBlank } from './cells';
import { BRACKET_COLUMNS } from '../shared/columns';

/** The market of a blank `brackets` argument. */
export const DEFAULT_SYMBOL = 'BTCUSDT';
const FIELD: Field = 'market';

/**
 * How a `brackets` argument reads:
 * - text: a snapshot symbol, or a rate written as text (`"0.5%"`);
 * - a number: one flat maintenance margin rate;
 * - a range of 5 columns with numeric rows: one bracket table for the whole call;
 * - any other range: one symbol or rate per cell, broadcast like other arguments.
 */
export function isBracketTableRange(grid: Grid): boolean {
  return (
    grid.length > 0 &&
    grid.every((row) => Array.isArray(row) && row.length === BRACKET_COLUMNS.length) &&
    grid.some(isNumericRow)
  );
}

function isNumericRow(row: readonly unknown[]): boolean {
  return row.every((cell) => {
    if (typeof cell === 'number') return Number.isFinite(cell);
    if (typeof cell !== 'string' || isBlank(cell)) return false;
    try {
      parseNumber(FIELD, cell);
      return true;
    } catch {
      return false;
    }
  });
}

/**
 * The market of a range of bracket rows. A first row naming a market (`BINANCE:BTCUSDT`, as BRACKETS and the import
 * write it) gives the market's symbol and date; other rows before the first numeric row (a header), and blank rows,
 * are skipped. Without a title row the range is a Binance USDS-M table of the user's own.
 */
export function marketFromRange(grid: Grid): Market {
  let title: MarketTitle | null;
  try {
    title = readTitleRow(grid[0]);
  } catch (error) {
    throw invalidValue(FIELD, String(grid[0][0]), (w) => `${w.name} (row 1): ${(error as Error).message}.`);
  }
  const first = grid.findIndex(isNumericRow);
  const rows: BracketRow[] = [];
  grid.slice(first).forEach((row, i) => {
    if (row.every(isBlank)) return;
    const values = row.map((cell, c) =>
      parseNumber(FIELD, cell, {
        where: ` (row ${first + i + 1}, ${BRACKET_COLUMNS[c]})`,
        expected: `a number for ${BRACKET_COLUMNS[c]}`,
      }),
    );
    rows.push(values as unknown as BracketRow);
  });
  const label = title?.symbol ?? 'your bracket table';
  const tiers = BracketTable.fromRows(rows, label, FIELD);
  if (title !== null && isCoinMargined(title.symbol))
    return binanceCoinMarket(tiers, title.symbol, new Dec(title.contractSize), title.asOf, title.note);
  return binanceUsdsMarket(tiers, title?.symbol ?? null, title?.asOf ?? null, title?.note ?? null);
}

/**
 * The table for one cell of a `brackets` argument (see `isBracketTableRange` for ranges); the runner
 * reads a blank as `DEFAULT_SYMBOL`.
 */
export function marketFromCell(cell: unknown, cache: Map<unknown, Market>): Market {
  const key = typeof cell === 'string' ? cell.trim().toUpperCase() : cell;
  let market = cache.get(key);
  if (!market) {
    market = readCell(cell);
    cache.set(key, market);
  }
  return market;
}

function readCell(cell: unknown): Market {
  if (typeof cell === 'number') return flatRate(parseNumber(FIELD, cell));
  if (typeof cell === 'string') {
    const looksNumeric =
      /^[\s+\-.\d]/.test(cell) && /\d/.test(cell) && !/[a-z]/i.test(cell.replace(/e[+-]?\d+\s*%?\s*$/i, ''));
    if (looksNumeric) return flatRate(parseNumber(FIELD, cell));
    return snapshotMarket(cell, FIELD);
  }
  throw invalidValue(
    FIELD,
    String(cell),
    (w) => `${w.name}: ${describeCell(cell)} is not a bracket table; expected ${w.expected}.`,
  );
}

function flatRate(rate: Dec): Market {
  return binanceUsdsMarket(BracketTable.flatRate(rate, FIELD));
}

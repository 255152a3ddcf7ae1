import { BracketTable, type BracketRow, EngineError } from '../engine';
import { snapshotTable } from '../data/symbols';
import { ArgumentError, type Grid, describeCell, isBlank } from './cells';
import { parseNumber } from './parse';

export const DEFAULT_SYMBOL = 'BTCUSDT';
const COLUMNS = ['floor', 'cap', 'maint_margin_rate', 'maint_amount', 'max_leverage'] as const;

/**
 * How a `brackets` argument reads:
 * - blank: the default symbol; text: a snapshot symbol, or a rate written as text (`"0.5%"`);
 * - a number: one flat maintenance margin rate;
 * - a range of 5 columns with numeric rows: one bracket table for the whole call;
 * - any other range: one symbol or rate per cell, broadcast like other arguments.
 */
export function isBracketTableRange(grid: Grid): boolean {
  return grid.length > 0 && grid.every((row) => row.length === 5) && grid.some(isNumericRow);
}

function isNumericRow(row: readonly unknown[]): boolean {
  return row.every((cell) => {
    if (typeof cell === 'number') return Number.isFinite(cell);
    if (typeof cell !== 'string' || isBlank(cell)) return false;
    try {
      parseNumber('', cell, '');
      return true;
    } catch {
      return false;
    }
  });
}

/** A bracket table from a range: title and header rows before the first numeric row, and blank rows, are skipped. */
export function bracketTableFromRange(name: string, grid: Grid): BracketTable {
  const first = grid.findIndex(isNumericRow);
  const rows: BracketRow[] = [];
  grid.slice(first).forEach((row, i) => {
    if (row.every(isBlank)) return;
    rows.push(row.map((cell, c) => parseNumber(`${name} (row ${first + i + 1}, ${COLUMNS[c]})`, cell, `a number for ${COLUMNS[c]}`)) as unknown as BracketRow);
  });
  return asArgumentError(() => BracketTable.fromRows(rows, 'your bracket table', name));
}

/** The table for one cell of a `brackets` argument (see `isBracketTableRange` for ranges). */
export function bracketTableFromCell(name: string, cell: unknown, cache: Map<unknown, BracketTable>): BracketTable {
  const key = typeof cell === 'string' ? cell.trim().toUpperCase() : cell;
  let table = cache.get(key);
  if (!table) {
    table = asArgumentError(() => readCell(name, cell));
    cache.set(key, table);
  }
  return table;
}

function readCell(name: string, cell: unknown): BracketTable {
  if (isBlank(cell)) return snapshotTable(DEFAULT_SYMBOL, name);
  if (typeof cell === 'number') return BracketTable.flatRate(parseNumber(name, cell, 'a maintenance margin rate such as 0.005'), name);
  if (typeof cell === 'string') {
    const looksNumeric = /^[\s+\-.\d]/.test(cell) && /\d/.test(cell) && !/[a-z]/i.test(cell.replace(/e[+-]?\d+\s*%?\s*$/i, ''));
    if (looksNumeric) return BracketTable.flatRate(parseNumber(name, cell, 'a maintenance margin rate such as 0.005'), name);
    return snapshotTable(cell, name);
  }
  throw new ArgumentError(`${name}: ${describeCell(cell)} is not a bracket table; expected a symbol such as BTCUSDT, a range of bracket rows, or a flat rate such as 0.005.`);
}

function asArgumentError<T>(build: () => T): T {
  try {
    return build();
  } catch (error) {
    if (error instanceof EngineError) throw new ArgumentError(error.message);
    throw error;
  }
}


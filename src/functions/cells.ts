/** A value as Sheets passes it to a custom function: one cell. */
export type Cell = number | string | boolean | Date | null | undefined;
/** A range: rows of cells. */
export type Grid = Cell[][];
/** One argument: a single cell or a range. */
export type Arg = Cell | Grid;

/** What a custom function may put in one cell. */
export type OutCell = number | string;
export type Out = OutCell | OutCell[][];

export const BLANK = '';
export const NONE = 'NONE';

/** A blank cell: omitted, empty text, or (from other callers) null. Whitespace-only text too. */
export function isBlank(cell: unknown): boolean {
  return cell === undefined || cell === null || (typeof cell === 'string' && cell.trim() === '');
}

/** A `Date`, also one made in another realm (a test's `vm` context). */
export function isDate(value: unknown): value is Date {
  return Object.prototype.toString.call(value) === '[object Date]';
}

export function isGrid(arg: unknown): arg is unknown[][] {
  return Array.isArray(arg);
}

/** `3×1`: rows × columns, as messages show a shape. */
export function shapeText(rows: number, columns: number): string {
  return `${rows}×${columns}`;
}

/** Quotes a cell for a message: text in quotes, dates as dates, numbers as typed. */
export function describeCell(cell: unknown): string {
  if (typeof cell === 'string') return JSON.stringify(cell.length > 40 ? cell.slice(0, 40) + '…' : cell);
  if (isDate(cell)) return isNaN(cell.getTime()) ? 'an invalid date' : `the date ${cell.toISOString().slice(0, 10)}`;
  if (typeof cell === 'boolean') return cell ? 'TRUE' : 'FALSE';
  if (typeof cell === 'number') return Object.is(cell, -0) ? '0' : String(cell);
  if (Array.isArray(cell)) return 'a range';
  if (cell === undefined || cell === null) return 'blank';
  return typeof cell;
}

/** An error in one argument: its message already names the argument and the value. */
export class ArgumentError extends Error {
  override readonly name = 'ArgumentError';
}

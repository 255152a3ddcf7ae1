/** A value as Sheets passes it to a custom function: one cell. */
export type Cell = number | string | boolean | Date | null | undefined;
/** A range: rows of cells. */
export type Grid = Cell[][];
/** One argument: a single cell or a range. */
export type Arg = Cell | Grid;

/** What a custom function may put in one cell. */
export type OutCell = number | string;
export type Out = OutCell | OutCell[][];

export { describeCell, isDate } from '../engine/input';

export const BLANK = '';
export const NONE = 'NONE';

/** A blank cell: omitted, empty text, or (from other callers) null. Whitespace-only text too. */
export function isBlank(cell: unknown): boolean {
  return cell === undefined || cell === null || (typeof cell === 'string' && cell.trim() === '');
}

/**
 * `Array.isArray`, held once: in a sandboxed global (a vm context, as the tests and the benchmark run the bundle) every
 * look-up of a global is slow, and the element loop asks this of every cell.
 */
export const isArray = Array.isArray;

export function isGrid(arg: unknown): arg is unknown[][] {
  return isArray(arg);
}

/** `3×1`: rows × columns, as messages show a shape. */
export function shapeText(rows: number, columns: number): string {
  return `${rows}×${columns}`;
}

/** An error in one argument: its message already names the argument and the value. */
export class ArgumentError extends Error {
  override readonly name = 'ArgumentError';
}

import type { BracketTable } from '../engine';
import { ArgumentError, type Arg, type Grid, NONE, describeCell, isBlank, isGrid, shapeText } from './cells';
import { bracketTableFromCell, bracketTableFromRange, isBracketTableRange } from './bracketsArg';
import { parseMarginMode, parseNumber, parseSide } from './parse';
import type { FunctionSpec, ParamSpec, ParsedValue } from './spec';

/** One argument as the broadcaster sees it: one value for every element, or a grid of them. */
export type Source =
  | { readonly kind: 'one'; readonly cell: unknown; readonly table?: BracketTable }
  | { readonly kind: 'grid'; readonly grid: Grid; readonly rows: number; readonly columns: number };

/** Refuses calls with more arguments than the function has parameters. */
export function checkArgumentCount(spec: FunctionSpec, args: readonly Arg[]): void {
  if (args.length > spec.params.length) {
    throw new ArgumentError(`${spec.name} takes at most ${spec.params.length} arguments (${spec.params.map((p) => p.name).join(', ')}); it was given ${args.length}.`);
  }
}

/** Classifies each argument; a `brackets` range that is a bracket table counts as one value. */
export function sourcesOf(params: readonly ParamSpec[], args: readonly Arg[]): Source[] {
  return params.map((param, i) => {
    const arg = args[i];
    if (!isGrid(arg)) return { kind: 'one', cell: arg };
    const grid = arg as Grid;
    if (param.type === 'brackets' && isBracketTableRange(grid)) return { kind: 'one', cell: undefined, table: bracketTableFromRange(param.name, grid) };
    const rows = grid.length;
    // Sheets passes rectangular ranges; a ragged one (other callers) is as wide as its widest row.
    let columns = Array.isArray(grid[0]) ? grid[0].length : 0;
    for (let r = 1; r < rows; r++) {
      const row = grid[r];
      if (Array.isArray(row) && row.length > columns) columns = row.length;
    }
    if (rows === 0 || columns === 0) throw new ArgumentError(`${param.name}: the range is empty; expected ${param.expected}.`);
    if (rows === 1 && columns === 1) return { kind: 'one', cell: grid[0][0] };
    if (param.single) throw new ArgumentError(`${param.name}: expected one cell (${param.expected}), got a ${shapeText(rows, columns)} range.`);
    return { kind: 'grid', grid, rows, columns };
  });
}

/** The common shape of the grid arguments (array-formula rules), or `null` if all are single values. */
export function broadcastShape(params: readonly ParamSpec[], sources: readonly Source[]): { rows: number; columns: number } | null {
  let shape: { rows: number; columns: number; name: string } | null = null;
  sources.forEach((source, i) => {
    if (source.kind !== 'grid') return;
    if (shape === null) shape = { rows: source.rows, columns: source.columns, name: params[i].name };
    else if (shape.rows !== source.rows || shape.columns !== source.columns) {
      throw new ArgumentError(`${params[i].name}: its range is ${shapeText(source.rows, source.columns)} but ${shape.name} is ${shapeText(shape.rows, shape.columns)}; ranges must have the same shape (or be single cells).`);
    }
  });
  return shape;
}

/** The cell of a source at an element (a missing cell of a ragged range is blank). */
export function cellAt(source: Source, row: number, column: number): unknown {
  if (source.kind === 'one') return source.cell;
  const r = source.grid[row];
  return Array.isArray(r) ? r[column] : undefined;
}

/** Parses one cell for a parameter; a blank optional gives `null` (brackets: the default table). */
export function parseCell(param: ParamSpec, cell: unknown, tables: Map<unknown, BracketTable>, table?: BracketTable): ParsedValue {
  if (table) return table;
  if (param.type === 'brackets') return bracketTableFromCell(param.name, cell, tables);
  if (isBlank(cell)) {
    if (param.optional) return null;
    throw new ArgumentError(`${param.name} is blank; expected ${param.expected}.`);
  }
  if (Array.isArray(cell)) throw new ArgumentError(`${param.name}: ${describeCell(cell)} inside a range; expected ${param.expected}.`);
  switch (param.type) {
    case 'side':
      return parseSide(param.name, cell);
    case 'marginMode':
      return parseMarginMode(param.name, cell);
    case 'number':
      return parseNumber(param.name, cell, param.expected);
    case 'numberOrNone':
      if (typeof cell === 'string' && cell.trim().toUpperCase() === NONE) return NONE;
      if (typeof cell === 'string' && cell.startsWith('Error:')) throw new ArgumentError(`${param.name} holds an error (${describeCell(cell)}); fix the cell it comes from.`);
      return parseNumber(param.name, cell, param.expected);
  }
}

import {
  type Dec,
  type Field,
  type Market,
  describeCell,
  invalidValue,
  parseMarginMode,
  parseNumber,
  parseSide,
  requireAtLeastOne,
  requireNonNegative,
  requirePositive,
} from '../engine';
import { ArgumentError, type Arg, type Grid, NONE, isArray, isBlank, isGrid, shapeText } from './cells';
import { marketFromCell, marketFromRange, isBracketTableRange } from './bracketsArg';
import type { CallShape, FunctionSpec, Limit, ParamSpec, ParsedValue, Shape } from './spec';

/** One argument as the element loop sees it: one value for every element, or a grid of them. */
type Source =
  | { readonly kind: 'one'; readonly cell: unknown; readonly market?: Market }
  | { readonly kind: 'grid'; readonly grid: Grid; readonly rows: number; readonly columns: number };

/** A single value parsed once for the whole call, or why it is bad. */
type Fixed = { readonly value: ParsedValue } | { readonly error: unknown };

/**
 * A call's arguments, classified once (single values and ranges; a range of bracket rows is one
 * value) and read through one accessor: `argsAt` gives an element's parsed arguments. Every
 * function reads its arguments this way, whatever it does with the elements.
 */
export class Call implements CallShape {
  readonly broadcast: Shape | null;
  private readonly sources: Source[];
  private readonly fixed: (Fixed | null)[];
  /** The range arguments, in parameter order, each as one flat array of its cells (row by row). */
  private readonly columns: { readonly index: number; readonly param: ParamSpec; readonly cells: unknown[] }[];
  /** The first bad single value, which an element meets after the ranges before it. */
  private readonly fixedError: { readonly index: number; readonly error: unknown } | null;
  private readonly width: number;
  private readonly markets = new Map<unknown, Market>();
  /**
   * One object reused for every element (computations read it synchronously and keep nothing): the
   * single values are in it from the start, an element only sets its ranges' cells.
   */
  private readonly parsed: Record<string, ParsedValue> = {};
  /** Blank single arguments that take another argument's value (`mark_price` is `order_price`): field, source. */
  private readonly followers: (readonly [Field, Field])[] = [];
  /** A perValue function's `over` argument: its cells in order (a column or a row). */
  private readonly over: { readonly param: ParamSpec; readonly cells: readonly unknown[] } | null;

  constructor(
    readonly spec: FunctionSpec,
    args: readonly Arg[],
  ) {
    const params = spec.params;
    if (args.length > params.length) {
      throw new ArgumentError(
        `${spec.name} takes at most ${params.length} arguments ` +
          `(${params.map((p) => p.name).join(', ')}); it was given ` +
          `${args.length}.`,
      );
    }
    // A list function's rows come from its list parameter alone: every other argument is one cell.
    const list = spec.combine.kind === 'list' ? spec.combine.list : null;
    this.sources = params.map((param, i) =>
      classify(param, args[i], param.single === true || (list !== null && param.name !== list)),
    );
    // A perValue function's `over` argument gives the output rows: it is not one of the account's rows.
    const combine = spec.combine;
    const overIndex = combine.kind === 'rows' && combine.result === 'perValue' ? indexOf(params, combine.over) : -1;
    this.over =
      overIndex < 0 ? null : { param: params[overIndex], cells: lineCells(params[overIndex], this.sources[overIndex]) };
    this.broadcast = commonShape(
      params,
      this.sources.map((source, i) => (i === overIndex ? { kind: 'one', cell: undefined } : source)),
    );
    if (this.broadcast && spec.combine.kind === 'elementwise' && spec.combine.width > 1 && this.broadcast.columns > 1) {
      const { rows, columns } = this.broadcast;
      throw new ArgumentError(
        `${params.find((_, i) => this.sources[i].kind === 'grid')!.name}: ` +
          `${spec.name} gives ${spec.combine.width} cells per position, so its ` +
          `ranges must be single columns; got a ${shapeText(rows, columns)} ` +
          `range.`,
      );
    }
    this.width = this.broadcast?.columns ?? 1;
    this.columns = this.sources.flatMap((source, index) =>
      source.kind === 'grid' && index !== overIndex ? [{ index, param: params[index], cells: flatCells(source) }] : [],
    );
    this.fixed = params.map((param, i) => {
      const source = this.sources[i];
      if (source.kind !== 'one' || i === overIndex) return null;
      const sameAs = param.optional?.sameAs;
      if (sameAs !== undefined && source.market === undefined && isBlank(source.cell)) {
        this.followers.push([param.field, sameAs]);
        return null;
      }
      try {
        return { value: source.market ?? this.parse(param, source.cell) };
      } catch (error) {
        return { error };
      }
    });
    const bad = this.fixed.findIndex((one) => one !== null && 'error' in one);
    this.fixedError = bad < 0 ? null : { index: bad, error: (this.fixed[bad] as { error: unknown }).error };
    this.fixed.forEach((one, i) => {
      if (one !== null && 'value' in one) this.parsed[params[i].field] = one.value;
    });
  }

  /** Every argument is one value: the result is one value (or one row), and errors are thrown. */
  get single(): boolean {
    return this.broadcast === null;
  }

  /** Whether an argument is a range, one value per element. */
  varies(name: string): boolean {
    return this.sources[this.spec.params.findIndex((p) => p.name === name)]?.kind === 'grid';
  }

  /** A single-valued argument, parsed once; throws its error if it is bad. */
  value(name: string): ParsedValue {
    const one = this.fixed[this.spec.params.findIndex((p) => p.name === name)];
    if (!one) throw new Error(`${name} is not a single value`);
    if ('error' in one) throw one.error;
    return one.value;
  }

  /** Throws the error of the first bad single-valued argument, if any. */
  checkFixed(): void {
    for (const one of this.fixed) if (one !== null && 'error' in one) throw one.error;
  }

  /** Whether every range argument is blank at an element (such elements give blank cells). */
  isBlankAt(row: number, column: number): boolean {
    const at = row * this.width + column;
    for (const range of this.columns) if (!isBlank(range.cells[at])) return false;
    return true;
  }

  nonBlankElements(): number {
    const shape = this.broadcast;
    if (shape === null) return 1;
    let count = 0;
    for (let r = 0; r < shape.rows; r++) for (let c = 0; c < shape.columns; c++) if (!this.isBlankAt(r, c)) count++;
    return count;
  }

  /** A perValue function's output rows: its `over` cells up to the last non-blank one. */
  nonBlankValues(): number {
    const cells = this.over?.cells ?? [];
    let count = cells.length;
    while (count > 0 && isBlank(cells[count - 1])) count--;
    return count;
  }

  /**
   * A perValue function's `over` argument up to its last non-blank cell: each cell's parsed value, why it is bad, or
   * `null` for a blank one (its row stays blank, so the rows stay beside the cells they come from). Throws, naming
   * the argument, when every cell is blank.
   */
  overValues(): readonly ({ readonly value: ParsedValue } | { readonly error: unknown } | null)[] {
    const over = this.over!;
    const values = over.cells.slice(0, this.nonBlankValues()).map((cell) => {
      if (isBlank(cell)) return null;
      try {
        return { value: this.parse(over.param, cell) };
      } catch (error) {
        return { error };
      }
    });
    if (values.length === 0) throw new ArgumentError(`${over.param.name} is blank; expected ${over.param.expected}.`);
    return values;
  }

  /**
   * The parsed arguments of one element (`row`, `column` in the broadcast shape; 0, 0 for a
   * single call). The object is reused by the next call: copy it to keep it. Throws the first
   * bad argument's error.
   */
  argsAt(row: number, column: number): Readonly<Record<string, ParsedValue>> {
    const at = row * this.width + column;
    const fixedError = this.fixedError;
    for (const range of this.columns) {
      if (fixedError !== null && fixedError.index < range.index) throw fixedError.error;
      this.parsed[range.param.field] = this.parse(range.param, range.cells[at]);
    }
    if (fixedError !== null) throw fixedError.error;
    for (const [field, sameAs] of this.followers) this.parsed[field] = this.parsed[sameAs];
    return this.parsed;
  }

  /**
   * Parses one cell for a parameter: a blank optional is its default (parsed as if typed, or the value of
   * the argument it defaults to, which comes earlier), a number is checked against the declared limit.
   */
  private parse(param: ParamSpec, cell: unknown): ParsedValue {
    if (isBlank(cell)) {
      const optional = param.optional;
      if (optional === undefined)
        throw invalidValue(param.field, '', (w) => `${w.name} is blank; expected ${w.expected}.`);
      if (optional.value !== undefined) return this.parse(param, optional.value);
      return optional.sameAs === undefined ? undefined : this.parsed[optional.sameAs];
    }
    if (isArray(cell))
      throw invalidValue(
        param.field,
        '',
        (w) => `${w.name}: ${describeCell(cell)} inside a range; expected ${w.expected}.`,
      );
    switch (param.type) {
      case 'brackets':
        return marketFromCell(cell, this.markets);
      case 'side':
        return parseSide(param.field, cell);
      case 'marginMode':
        return parseMarginMode(param.field, cell);
      case 'number':
        return withinLimit(param, parseNumber(param.field, cell));
      case 'numberOrNone':
        if (typeof cell === 'string' && cell.trim().toUpperCase() === NONE) return NONE;
        if (typeof cell === 'string' && cell.startsWith('Error:')) {
          throw invalidValue(
            param.field,
            cell,
            (w) => `${w.name}: the cell holds an error (${describeCell(cell)}); fix the cell it comes from.`,
          );
        }
        return withinLimit(param, parseNumber(param.field, cell));
    }
  }
}

/** The engine's checks, one per declared limit (their messages say the parameter's `expected`). */
const REQUIRE: Readonly<Record<Limit, (field: Field, value: Dec) => Dec>> = {
  above0: requirePositive,
  atLeast0: requireNonNegative,
  atLeast1: requireAtLeastOne,
};

/** A parsed number, if it lies within its parameter's declared limit. */
function withinLimit(param: ParamSpec, value: Dec): Dec {
  return param.limit === undefined ? value : REQUIRE[param.limit](param.field, value);
}

/** Classifies one argument; a `brackets` range that is a bracket table counts as one value. */
function classify(param: ParamSpec, arg: Arg, single: boolean): Source {
  if (!isGrid(arg)) return { kind: 'one', cell: arg };
  const grid = arg as Grid;
  if (param.type === 'brackets' && isBracketTableRange(grid))
    return { kind: 'one', cell: undefined, market: marketFromRange(grid) };
  const rows = grid.length;
  // Sheets passes rectangular ranges; a ragged one (other callers) is as wide as its widest row.
  let columns = 0;
  for (let r = 0; r < rows; r++) {
    const row = grid[r];
    if (isArray(row) && row.length > columns) columns = row.length;
  }
  if (rows === 0 || columns === 0)
    throw new ArgumentError(`${param.name}: the range is empty; expected ${param.expected}.`);
  if (rows === 1 && columns === 1) return { kind: 'one', cell: grid[0][0] };
  if (single)
    throw new ArgumentError(
      `${param.name}: expected one cell (${param.expected}), got a ${shapeText(rows, columns)} range.`,
    );
  return { kind: 'grid', grid, rows, columns };
}

function indexOf(params: readonly ParamSpec[], name: string): number {
  const index = params.findIndex((p) => p.name === name);
  if (index < 0) throw new Error(`no parameter ${name}`);
  return index;
}

/** The cells of an argument that must be one cell, a column or a row, in order. */
function lineCells(param: ParamSpec, source: Source): readonly unknown[] {
  if (source.kind === 'one') return [source.cell];
  if (source.rows > 1 && source.columns > 1)
    throw new ArgumentError(
      `${param.name}: expected a column or a row (${param.expected}), got a ` +
        `${shapeText(source.rows, source.columns)} range.`,
    );
  return flatCells(source);
}

/** The common shape of the range arguments (array-formula rules), or `null` if all are single values. */
function commonShape(params: readonly ParamSpec[], sources: readonly Source[]): Shape | null {
  let shape: { rows: number; columns: number; name: string } | null = null;
  sources.forEach((source, i) => {
    if (source.kind !== 'grid') return;
    if (shape === null) shape = { rows: source.rows, columns: source.columns, name: params[i].name };
    else if (shape.rows !== source.rows || shape.columns !== source.columns) {
      throw new ArgumentError(
        `${params[i].name}: its range is ` +
          `${shapeText(source.rows, source.columns)} but ${shape.name} is ` +
          `${shapeText(shape.rows, shape.columns)}; ranges must have the same ` +
          `shape (or be single cells).`,
      );
    }
  });
  return shape;
}

/** A range's cells row by row (a missing cell of a ragged range is blank). */
function flatCells(source: Extract<Source, { kind: 'grid' }>): unknown[] {
  const cells = new Array<unknown>(source.rows * source.columns);
  for (let r = 0; r < source.rows; r++) {
    const row = source.grid[r];
    for (let c = 0; c < source.columns; c++) cells[r * source.columns + c] = isArray(row) ? row[c] : undefined;
  }
  return cells;
}

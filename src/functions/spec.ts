import type { BracketTable, Dec, MarginMode, Side } from '../engine';
import type { Arg, Out, OutCell } from './cells';

/** An example argument: a cell value, a range (rows), or a formula expression with its value. */
export type ExampleArg = Arg | { readonly expr: string; readonly value: Arg };

export type ParamType = 'side' | 'marginMode' | 'number' | 'numberOrNone' | 'brackets';

export interface ParamSpec {
  /** The argument's name, as the help popup and every message shows it. */
  readonly name: string;
  readonly type: ParamType;
  readonly optional?: boolean;
  /** What a good value looks like, for messages ("a price above 0"). */
  readonly expected: string;
  /** The help popup text; optional arguments say so and give their default. */
  readonly help: string;
  /** Must be one cell even when other arguments are ranges (the account's wallet balance, say). */
  readonly single?: boolean;
}

/** One element's arguments after parsing: a missing optional number is `null`. */
/** `'NONE'` only for a `numberOrNone` parameter given the text NONE (a liquidation price that does not exist). */
export type ParsedValue = Dec | Side | MarginMode | BracketTable | 'NONE' | null;
export type ParsedArgs = Readonly<Record<string, ParsedValue>>;

interface BaseSpec {
  readonly name: string;
  /** One sentence for the help popup and the README. */
  readonly summary: string;
  /** What the cell(s) show, for the README. */
  readonly returns: string;
  readonly params: readonly ParamSpec[];
  /**
   * Arguments of an example call. The README shows the formula and the result the engine gives
   * for them, so the documentation cannot drift from the code. `{ expr, value }` shows `expr` in
   * the formula (`10000/60000`) and passes `value`.
   */
  readonly example: readonly ExampleArg[];
}

/** A function computed element by element over broadcast arguments. */
export interface ElementwiseSpec extends BaseSpec {
  readonly kind: 'elementwise';
  /** Cells per element: 1, or 2 for a row of two (ranges must then be columns). */
  readonly width: 1 | 2;
  readonly compute: (args: ParsedArgs) => OutCell | readonly OutCell[];
}

/** A function with its own shape rules (a table out, or rows that belong together). */
export interface CustomSpec extends BaseSpec {
  readonly kind: 'custom';
  readonly run: (args: readonly Arg[], spec: CustomSpec) => Out;
}

export type FunctionSpec = ElementwiseSpec | CustomSpec;

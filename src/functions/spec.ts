import type { Dec, Field, MarginMode, Market, Side } from '../engine';
import type { Arg, OutCell } from './cells';

/** An example argument: a cell value, a range (rows), or a formula expression with its value. */
export type ExampleArg = Arg | { readonly expr: string; readonly value: Arg };

export type ParamType = 'side' | 'marginMode' | 'number' | 'numberOrNone' | 'brackets';

export interface ParamSpec<F extends Field = Field, T extends ParamType = ParamType> {
  /** The argument's name, as the help popup and every message shows it. */
  readonly name: string;
  /**
   * The engine input it feeds: engine errors about that input are shown under this name, and the
   * compute body reads the parsed value under this key.
   */
  readonly field: F;
  readonly type: T;
  /** How a blank reads; absent: the argument is required. */
  readonly optional?: Optional;
  /** The range a number must lie in, checked by the runner (messages say `expected`). */
  readonly limit?: Limit;
  /** What a good value looks like, for messages ("a price above 0"). */
  readonly expected: string;
  /** The help popup text; `helpText` prefixes "Optional, default …." from `optional`. */
  readonly help: string;
  /** Must be one cell even when other arguments are ranges (the account's wallet balance, say). */
  readonly single?: boolean;
}

/**
 * What a blank optional argument gives: `value`, parsed as if it were typed (`0`, `"BTCUSDT"`), or
 * the parsed value of the argument feeding `sameAs` (which comes earlier), or, with neither,
 * nothing (`undefined`). `shown` is how the help names the default when not by its value.
 */
export interface Optional {
  readonly value?: number | string;
  readonly sameAs?: Field;
  readonly shown?: string;
}

/** `above0`: > 0; `atLeast0`: ≥ 0; `atLeast1`: ≥ 1 (a number outside fails with its `expected`). */
export type Limit = 'above0' | 'atLeast0' | 'atLeast1';

/**
 * One element's arguments after parsing, by parameter field: a blank optional is its default, or
 * `undefined` if it has none; `'NONE'` only for a `numberOrNone` parameter given the text NONE.
 */
export type ParsedValue = Dec | Side | MarginMode | Market | 'NONE' | undefined;
export type ParsedArgs = Readonly<Record<string, ParsedValue>>;

/** What a parameter parses to, from its declaration. */
export type ParsedOf<S extends ParamSpec> = S['type'] extends 'side'
  ? Side
  : S['type'] extends 'marginMode'
    ? MarginMode
    : S['type'] extends 'brackets'
      ? Market
      : | (S['type'] extends 'numberOrNone' ? Dec | 'NONE' : Dec)
        | (S extends { readonly optional: { readonly value: unknown } | { readonly sameAs: unknown } }
            ? never
            : S extends { readonly optional: Optional }
              ? undefined
              : never);

/** A function's parsed arguments, typed from its parameter list: `args.entryPrice` is a `Dec`. */
export type ArgsOf<P extends readonly ParamSpec[]> = { readonly [S in P[number] as S['field']]: ParsedOf<S> };

export interface Shape {
  readonly rows: number;
  readonly columns: number;
}

/** What a result shape can be computed from: the call's arguments as classified for the run. */
export interface CallShape {
  /** The common shape of the range arguments, or `null` when every argument is one value. */
  readonly broadcast: Shape | null;
  /** Non-blank cells of the elements (rows for a column), in the broadcast shape. */
  nonBlankElements(): number;
  /** Non-blank cells of a `perValue` function's `over` argument. */
  nonBlankValues(): number;
  /** A single-valued argument, parsed (throws its error if it is bad). */
  value(name: string): ParsedValue;
  /** Throws the error of the first bad single-valued argument, if any. */
  checkFixed(): void;
}

/** One element of a call whose rows combine: where it is, and its arguments. */
export interface Element<A = ParsedArgs> {
  readonly row: number;
  readonly column: number;
  /** " (row 3)": how messages about this element name it. */
  readonly where: string;
  readonly args: A;
}

/**
 * How a function turns its arguments into cells:
 * - `elementwise`: each element of the broadcast arguments gives `width` cells on its own;
 * - `rows`: the elements are computed together (the positions of one account), giving one cell
 *   per element (`perElement`), one cell for all (`one`), one row for all (`row`) or one row per
 *   value of another argument (`perValue`: the account under each market move); `varies(name)`
 *   says whether an argument is a range (one value per element) rather than one value for all. A
 *   bad element shows its error and the others say to fix it first (or, but for `perElement`, the
 *   call fails);
 * - `list`: one output row per non-blank element of the only range argument, under a header;
 * - `table`: all arguments are single values and the result is a table.
 */
export type Combine<A = ParsedArgs> =
  | {
      readonly kind: 'elementwise';
      readonly width: 1 | 2;
      readonly compute: (args: A) => OutCell | readonly OutCell[];
    }
  | (RowsCombine<A> & {
      readonly result: 'perElement';
      readonly compute: (
        elements: readonly Element<A>[],
        varies: (name: string) => boolean,
      ) => readonly (OutCell | CellFailure)[];
    })
  | (RowsCombine<A> & {
      readonly result: 'one';
      readonly compute: (elements: readonly Element<A>[], varies: (name: string) => boolean) => OutCell;
    })
  | (RowsCombine<A> & {
      readonly result: 'row';
      readonly width: number;
      readonly compute: (elements: readonly Element<A>[], varies: (name: string) => boolean) => readonly OutCell[];
    })
  | (RowsCombine<A> & {
      readonly result: 'perValue';
      /**
       * The parameter (a column or row, not one of the account's rows) whose values each give an output row under
       * `header`; the account is computed once.
       */
      readonly over: string;
      readonly header: readonly string[];
      readonly compute: (
        elements: readonly Element<A>[],
        varies: (name: string) => boolean,
      ) => (value: ParsedValue) => readonly (OutCell | CellFailure)[];
    })
  | {
      readonly kind: 'list';
      /** The parameter whose range gives the rows; every other argument is one value. */
      readonly list: string;
      readonly header: (call: CallShape) => readonly string[];
      readonly compute: (args: A) => readonly (OutCell | CellFailure)[];
    }
  | {
      readonly kind: 'table';
      /** The table's size depends on what it shows: only this kind declares its shape. */
      readonly shape: (call: CallShape) => Shape;
      readonly compute: (args: A) => OutCell[][];
    };

/** A cell of a combined result that could not be computed: the runner words the error. */
export interface CellFailure {
  readonly failure: unknown;
}

interface RowsCombine<A> {
  readonly kind: 'rows';
  /** Checks one element on its own (throws its error), before the elements are combined. */
  readonly check?: (args: A) => void;
}

/** A sheet function as the registry declares it, with its compute body typed by its parameters. */
export interface FunctionDef<P extends readonly ParamSpec[]> {
  readonly name: string;
  /** One short sentence for the help popup (Sheets shows it in a small box) and the README. */
  readonly summary: string;
  /** The model's assumptions and other details, for the README only (the popup has no room for them). */
  readonly notes?: string;
  /** What the cell(s) show, for the README. */
  readonly returns: string;
  readonly params: P;
  /**
   * Arguments of an example call. The README shows the formula and the result the engine gives
   * for them, so the documentation cannot drift from the code. `{ expr, value }` shows `expr` in
   * the formula (`10000/60000`) and passes `value`.
   */
  readonly example: readonly ExampleArg[];
  readonly combine: Combine<ArgsOf<P>>;
}

/** A sheet function as the runner, the docs and the tests see it: arguments by field. */
export interface FunctionSpec extends Omit<FunctionDef<readonly ParamSpec[]>, 'combine'> {
  readonly combine: Combine<ParsedArgs>;
}

/**
 * Declares a sheet function: the compute body gets its arguments typed from `params` (a misspelt
 * field does not compile). The runner fills them by field, as the type says.
 */
export function defineFunction<const P extends readonly ParamSpec[]>(def: FunctionDef<P>): FunctionSpec {
  return def as unknown as FunctionSpec;
}

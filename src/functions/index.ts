import type { Arg, Out } from './cells';
import { FUNCTIONS, findFunction } from './registry';
import { errorMessage } from './results';
import { resultShape as declaredShape, runFunction } from './run';
import type { Shape } from './spec';

export { FUNCTIONS, findFunction };
export type { FunctionSpec, ParamSpec, Shape } from './spec';

/** The arguments of a wrapper's `arguments`, with trailing omitted ones dropped. */
function argumentList(args: ArrayLike<unknown>): Arg[] {
  const list = Array.prototype.slice.call(args) as Arg[];
  while (list.length > 0 && list[list.length - 1] === undefined) list.pop();
  return list;
}

/**
 * Calls a sheet function by name with the arguments Sheets passed (the wrapper's `arguments`).
 * Any failure becomes a plain `Error` whose message names the argument and the value, which
 * Sheets shows on the cell's #ERROR!.
 */
export function callFunction(name: string, args: ArrayLike<unknown>): Out {
  const spec = findFunction(name);
  if (!spec) throw new Error(`Liquidation Planner has no function named ${name}.`);
  try {
    return runFunction(spec, argumentList(args));
  } catch (error) {
    throw new Error(errorMessage(error, spec));
  }
}

/**
 * How many rows and columns a call of `name` fills with these arguments (as the registry
 * declares it); a call that fails, or a name that is not ours, fills its own cell.
 */
export function resultShape(name: string, args: ArrayLike<unknown>): Shape {
  const spec = findFunction(name);
  return spec ? declaredShape(spec, argumentList(args)) : { rows: 1, columns: 1 };
}

import type { Out } from './cells';
import { runElementwise } from './elementwise';
import { FUNCTIONS, findFunction } from './registry';
import { errorMessage } from './results';

export { FUNCTIONS, findFunction };
export type { FunctionSpec, ParamSpec } from './spec';

/**
 * Calls a sheet function by name with the arguments Sheets passed (the wrapper's `arguments`).
 * Any failure becomes a plain `Error` whose message names the argument and the value, which
 * Sheets shows on the cell's #ERROR!.
 */
export function callFunction(name: string, args: ArrayLike<unknown>): Out {
  const spec = findFunction(name);
  if (!spec) throw new Error(`Liquidation Planner has no function named ${name}.`);
  const list = Array.prototype.slice.call(args) as never[];
  while (list.length > 0 && list[list.length - 1] === undefined) list.pop();
  try {
    return spec.kind === 'elementwise' ? runElementwise(spec, list) : spec.run(list, spec);
  } catch (error) {
    throw new Error(errorMessage(error));
  }
}

import { Dec } from './decimal';

// How close to a limit a value may come and still count as within it: limits are compared with what a
// person typed, and a typed fraction is a hair off its exact value.

/**
 * Limits compared with what a person typed accept a value this close (relative) to the limit:
 * `10000/65000` typed as a quantity gives a notional of 10000.0000000000002, which must not
 * count as more than 10,000.
 */
export const LIMIT_TOLERANCE = new Dec('1e-9');
const ABOVE = new Dec(1).plus(LIMIT_TOLERANCE);
const BELOW = new Dec(1).minus(LIMIT_TOLERANCE);

/** `value` is above `limit` by more than the tolerance (limit ≥ 0). */
export function exceedsLimit(value: Dec, limit: Dec): boolean {
  return value.gt(limit) && value.gt(limit.times(ABOVE));
}

/** `value` is below `limit` by more than the tolerance (limit ≥ 0). */
export function fallsShortOf(value: Dec, limit: Dec): boolean {
  return value.lt(limit) && value.lt(limit.times(BELOW));
}

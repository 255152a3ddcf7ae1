import type { BracketTable } from './brackets';
import { Dec, formatAmount } from './decimal';
import type { Side } from './side';
import { EngineError, type Field, invalidValue } from './errors';

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

/**
 * Two amounts for a message that reports a shortfall, with as many decimals as it takes for
 * them to read differently (from 2 up to 12).
 */
export function formatPair(a: Dec, b: Dec): [string, string] {
  for (let decimals = 2; decimals < 12; decimals++) {
    const pair: [string, string] = [formatAmount(a, decimals), formatAmount(b, decimals)];
    if (pair[0] !== pair[1]) return pair;
  }
  return [formatAmount(a, 12), formatAmount(b, 12)];
}

function refuse(field: Field, value: Dec): never {
  const shown = value.isFinite() ? formatAmount(value, 12) : value.toString();
  throw invalidValue(field, value.toString(), (w) => `${w.name}: ${shown} is not valid; expected ${w.expected}.`);
}

/** A price or quantity: finite and above 0. */
export function requirePositive(field: Field, value: Dec): Dec {
  if (!value.isFinite() || !value.isPositive() || value.isZero()) refuse(field, value);
  return value;
}

/** An amount that may be 0 but not negative (a balance, an added margin). */
export function requireNonNegative(field: Field, value: Dec): Dec {
  if (!value.isFinite() || value.isNegative()) refuse(field, value);
  return value;
}

/** Any finite amount (an unrealized PnL may be negative). */
export function requireFinite(field: Field, value: Dec): Dec {
  if (!value.isFinite()) refuse(field, value);
  return value;
}

/** A leverage: finite and at least 1. */
export function requireAtLeastOne(field: Field, value: Dec): Dec {
  if (!value.isFinite() || value.lt(1)) refuse(field, value);
  return value;
}

/**
 * A leverage of at least 1 and at most what the bracket of the opening notional allows (within
 * the limit tolerance). The opening notional must lie below the table's last cap;
 * `notionalField` is the input it grows with.
 */
export function requireLeverage(
  field: Field,
  leverage: Dec,
  table: BracketTable,
  openingNotional: Dec,
  notionalField: Field = 'quantity',
): Dec {
  requireAtLeastOne(field, leverage);
  table.requireOpenable(openingNotional, notionalField);
  const index = table.indexAt(openingNotional);
  const bracket = table.brackets[index];
  if (bracket.maxLeverage !== null && exceedsLimit(leverage, bracket.maxLeverage)) {
    const maximum = bracket.maxLeverage;
    throw new EngineError(
      'leverageTooHigh',
      field,
      leverage.toString(),
      (w) =>
        `${w.name}: ${leverage.toString()}× is above the maximum of ` +
        `${maximum.toString()}× that ${table.label} allows for a position of ` +
        `${formatAmount(openingNotional, 2)} USDT (bracket ${index + 1}: ` +
        `${formatAmount(bracket.floor)} to ${formatAmount(bracket.cap)} USDT).`,
    );
  }
  return leverage;
}

/**
 * A leverage where no opening notional is given (ROE, TARGET_PRICE, MAX_OPEN): at least 1 and at most
 * the highest the market allows at all, its first bracket's maximum (within the limit tolerance).
 */
export function requireMarketLeverage(field: Field, leverage: Dec, table: BracketTable): Dec {
  requireAtLeastOne(field, leverage);
  const first = table.brackets[0];
  if (first.maxLeverage !== null && exceedsLimit(leverage, first.maxLeverage)) {
    const maximum = first.maxLeverage;
    throw new EngineError(
      'leverageTooHigh',
      field,
      leverage.toString(),
      (w) =>
        `${w.name}: ${leverage.toString()}× is above the highest leverage ` +
        `${table.label} allows (${maximum.toString()}×, up to ${formatAmount(first.cap)} USDT).`,
    );
  }
  return leverage;
}

/** A stop-loss price: above 0 and on the losing side of the entry. */
export function requireStopOnLosingSide(side: Side, entryPrice: Dec, stopPrice: Dec): void {
  requirePositive('stopPrice', stopPrice);
  if (side === 1 ? stopPrice.gte(entryPrice) : stopPrice.lte(entryPrice)) {
    throw invalidValue(
      'stopPrice',
      stopPrice.toString(),
      (w) =>
        `${w.name}: ${formatAmount(stopPrice)} is not a stop-loss for a ` +
        `${side === 1 ? 'long' : 'short'} entered at ` +
        `${formatAmount(entryPrice)}; expected a price ` +
        `${side === 1 ? 'below' : 'above'} the entry.`,
    );
  }
}

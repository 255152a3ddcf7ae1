import type { BracketTable } from './brackets';
import { Dec, formatAmount } from './decimal';
import type { Side } from './side';
import { type Field, invalidValue } from './errors';

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
 * A leverage of at least 1 and at most what the bracket of the opening notional allows (within the
 * limit tolerance). The opening notional must lie below the table's last cap; `notionalField` is
 * the input it grows with.
 */
export function requireLeverage(
  field: Field,
  leverage: Dec,
  table: BracketTable,
  openingNotional: Dec,
  notionalField: Field = 'quantity',
): Dec {
  requireAtLeastOne(field, leverage);
  table.requireLeverageAt(field, leverage, openingNotional, notionalField);
  return leverage;
}

/** A leverage where no opening notional is given: at least 1, at most the highest the market allows. */
export function requireMarketLeverage(field: Field, leverage: Dec, table: BracketTable): Dec {
  requireAtLeastOne(field, leverage);
  table.requireLeverageAllowed(field, leverage);
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

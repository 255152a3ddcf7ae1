import type { BracketTable } from './brackets';
import { Dec, formatAmount } from './decimal';
import { EngineError } from './errors';

function refuse(field: string, value: Dec, expected: string): never {
  throw new EngineError('invalidValue', field, value.toString(), `${field}: ${value.isFinite() ? formatAmount(value, 12) : value.toString()} is not valid; expected ${expected}.`);
}

/** A price or quantity: finite and above 0. */
export function requirePositive(field: string, value: Dec, what = 'a number above 0'): Dec {
  if (!value.isFinite() || !value.isPositive() || value.isZero()) refuse(field, value, what);
  return value;
}

/** An amount that may be 0 but not negative (a balance, an added margin). */
export function requireNonNegative(field: string, value: Dec, what = 'a number of 0 or more'): Dec {
  if (!value.isFinite() || value.isNegative()) refuse(field, value, what);
  return value;
}

/** Any finite amount (an unrealized PnL may be negative). */
export function requireFinite(field: string, value: Dec, what = 'a number'): Dec {
  if (!value.isFinite()) refuse(field, value, what);
  return value;
}

/**
 * A leverage of at least 1 and at most what the bracket of the opening notional allows. The
 * opening notional itself must lie below the table's last cap.
 */
export function requireLeverage(field: string, leverage: Dec, table: BracketTable, openingNotional: Dec): Dec {
  if (!leverage.isFinite() || leverage.lt(1)) refuse(field, leverage, 'a leverage of 1 or more, such as 10 for 10×');
  const index = table.indexAt(openingNotional, 'position notional');
  const bracket = table.brackets[index];
  if (bracket.maxLeverage !== null && leverage.gt(bracket.maxLeverage)) {
    throw new EngineError(
      'leverageTooHigh',
      field,
      leverage.toString(),
      `${field}: ${leverage.toString()}× is above the maximum of ${bracket.maxLeverage.toString()}× that ${table.label} allows for a position of ${formatAmount(openingNotional, 2)} USDT (bracket ${index + 1}: ${formatAmount(bracket.floor)} to ${formatAmount(bracket.cap)} USDT).`,
    );
  }
  return leverage;
}

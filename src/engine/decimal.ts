import Decimal from 'decimal.js';

/**
 * The engine's decimal type: 34 significant digits (as IEEE 754 decimal128), so the product of
 * any two values that came from JS numbers is exact, and a division is off by at most one unit
 * in the 34th digit. Every engine amount is a `Dec`; `number` appears only at the boundary.
 */
export const Dec = Decimal.clone({
  precision: 34,
  rounding: Decimal.ROUND_HALF_EVEN,
  toExpNeg: -40,
  toExpPos: 40,
});
export type Dec = Decimal;
export type DecValue = Decimal.Value;

export const ZERO = new Dec(0);
export const ONE = new Dec(1);

/** A finite JS number, a numeric string or a Decimal as a `Dec` (no validation of range). */
export function dec(value: DecValue): Dec {
  return value instanceof Dec ? value : new Dec(value);
}

/** A readable amount for messages: thousands separators, at most `maxDecimals` decimals. */
export function formatAmount(value: Dec, maxDecimals = 8): string {
  if (!value.isFinite()) return value.toString();
  const fixed = value.toDecimalPlaces(maxDecimals).toFixed();
  const [whole, fraction] = fixed.split('.');
  const sign = whole.startsWith('-') ? '-' : '';
  const digits = sign ? whole.slice(1) : whole;
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return sign + grouped + (fraction ? '.' + fraction : '');
}

/** A rate as a percentage for messages: 0.004 → "0.4 %". */
export function formatRate(rate: Dec): string {
  return `${rate.times(100).toDecimalPlaces(6).toString()} %`;
}

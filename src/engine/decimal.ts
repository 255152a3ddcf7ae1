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

/** Decimals a message shows of an amount in `unit`: cents of a dollar coin, satoshi-like places of a coin. */
export function decimalsFor(unit: string): number {
  return unit.startsWith('USD') ? 2 : 8;
}

/** A rate as a percentage for messages: 0.004 → "0.4 %". */
export function formatRate(rate: Dec): string {
  return `${rate.times(100).toDecimalPlaces(6).toString()} %`;
}

/**
 * A decimal as a float: exactly `x.toNumber()` (the same string value, read by the same correctly rounding parser),
 * from its digits written plainly as `digits·10^k`, without the formatting `toNumber` goes through.
 */
export function toFloat(x: Dec): number {
  const words = x.d;
  if (!words) return x.toNumber(); // NaN or ±Infinity
  // Operators rather than String() and Number(): no global look-up in the loop.
  let digits = '' + words[0];
  for (let k = 1; k < words.length; k++) {
    const word = '' + words[k];
    digits += '0000000'.slice(word.length) + word; // base 1e7: seven digits a word after the first
  }
  const n = +(digits + 'e' + (x.e - digits.length + 1));
  return x.s < 0 ? -n : n;
}

/**
 * A fast approximation of a decimal as a float (relative error about 1e-14), read from the
 * documented `d`/`e`/`s` representation without going through a string as `toNumber` does.
 * For guesses only (which bracket to try first); never for an answer.
 */
export function approxNumber(x: Dec): number {
  const digits = x.d;
  if (!digits || x.e > 300 || x.e < -300) return x.toNumber(); // NaN, ±Infinity, or near the float limits
  const first = digits[0];
  if (first === 0) return 0;
  let mantissa = first + (digits.length > 1 ? digits[1] / 1e7 : 0) + (digits.length > 2 ? digits[2] / 1e14 : 0);
  const firstDigits =
    first >= 1e6 ? 7 : first >= 1e5 ? 6 : first >= 1e4 ? 5 : first >= 1e3 ? 4 : first >= 100 ? 3 : first >= 10 ? 2 : 1;
  mantissa *= powerOfTen(x.e - firstDigits + 1);
  return x.s < 0 ? -mantissa : mantissa;
}

const POWERS_OFFSET = 310;
/** 10^(i − POWERS_OFFSET) once parsed; 0 until then (a dense array of numbers, fast to index). */
const powers: number[] = new Array<number>(2 * POWERS_OFFSET + 1).fill(0);

/** 10^k as a float, each power parsed once, on first use (Math.pow is slow in a hot loop; a whole table, at start). */
function powerOfTen(k: number): number {
  const i = k + POWERS_OFFSET;
  return powers[i] === 0 ? (powers[i] = Number(`1e${k}`)) : powers[i];
}

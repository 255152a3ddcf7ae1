import type { Dec } from '../engine';

const amount = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2, minimumFractionDigits: 2 });
const percent = new Intl.NumberFormat('en-US', {
  style: 'percent',
  maximumFractionDigits: 2,
  minimumFractionDigits: 2,
});
const plain = new Intl.NumberFormat('en-US', { maximumFractionDigits: 8 });

/** Prices and USDT amounts: 54,216.87. */
export const formatUsd = (value: Dec | number): string =>
  amount.format(typeof value === 'number' ? value : value.toNumber());

const coinSmall = new Intl.NumberFormat('en-US', { maximumSignificantDigits: 4 });
const coinLarge = new Intl.NumberFormat('en-US', { maximumFractionDigits: 4 });

/** An amount in its asset: dollar coins to the cent (1,000.00 USDT), a coin to four digits (0.0222 BTC, 1 BTC). */
export function formatMoney(value: Dec | number, unit: string): string {
  const n = typeof value === 'number' ? value : value.toNumber();
  if (unit.startsWith('USD')) return `${amount.format(n)} ${unit}`;
  return `${(Math.abs(n) < 1 ? coinSmall : coinLarge).format(n)} ${unit}`;
}
/** Fractions as percentages: 0.0964 → 9.64%. */
export const formatPercent = (value: Dec | number): string =>
  percent.format(typeof value === 'number' ? value : value.toNumber());
/** Quantities and leverages, without trailing zeros. */
export const formatPlain = (value: Dec | number): string =>
  plain.format(typeof value === 'number' ? value : value.toNumber());

/**
 * A chance as people read it: "23 %", "0.42 %", never "0 %" for a chance that is not zero
 * ("under 0.01 %"), nor "100 %" for one that is not certain ("over 99.99 %").
 */
export function formatChance(p: number): string {
  if (p <= 0) return '0 %';
  if (p < 0.0001) return 'under 0.01 %';
  if (p >= 1) return '100 %';
  if (p > 0.9999) return 'over 99.99 %';
  if (p < 0.01 || p > 0.99) return `${(p * 100).toFixed(2)} %`;
  return `${Math.round(p * 100)} %`;
}

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
/** Fractions as percentages: 0.0964 → 9.64%. */
export const formatPercent = (value: Dec | number): string =>
  percent.format(typeof value === 'number' ? value : value.toNumber());
/** Quantities and leverages, without trailing zeros. */
export const formatPlain = (value: Dec | number): string =>
  plain.format(typeof value === 'number' ? value : value.toNumber());

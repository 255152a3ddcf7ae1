// The number formats the add-on writes (the grid, the risk plan), and the playground's examples use.

export const FORMAT = {
  price: '#,##0.00',
  usdt: '#,##0.00',
  percent: '0.00%',
  /** At least three decimals and at most six: 10 reads "10.000", never "10.". */
  quantity: '#,##0.000###',
  leverage: '0"×"',
  whole: '#,##0',
  days: '0" days"',
  fundingRate: '0.0000%',
  text: '@',
  general: '',
} as const;

/** An amount in its asset: dollar coins as `usdt`; a coin to the satoshi, its name in the cell (`0.01666667 BTC`). */
export function amountFormat(unit: string): string {
  return unit.startsWith('USD') ? FORMAT.usdt : `#,##0.0000####" ${unit}"`;
}

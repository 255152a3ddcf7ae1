import type { Value } from '../../playground/src/sheetData';

const grouped2 = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const upTo8 = new Intl.NumberFormat('en-US', { maximumFractionDigits: 8, useGrouping: false });
const quantity = new Intl.NumberFormat('en-US', { minimumFractionDigits: 3, maximumFractionDigits: 6 });

/** A value as a cell shows it, for the number formats the add-on writes. */
export function formatValue(value: Value | null, format = ''): string {
  if (value === null) return '';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'string') return value;
  switch (format) {
    case '0.00%':
      return `${(value * 100).toFixed(2)}%`;
    case '#,##0.00':
      return grouped2.format(value);
    case '0"×"':
      return `${upTo8.format(value)}×`;
    case '0.########':
      return upTo8.format(value);
    case '#,##0.000###':
      return quantity.format(value);
    default:
      return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(10)));
  }
}

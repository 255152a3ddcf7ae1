import type { CellRecord } from '../../playground/src/sheetData';
import { Workbook } from './formulaWorkbook';
import { FUNCTIONS, callFunction } from '../../src/functions';
import type { FakeSheet } from './fakeSheets';

// Evaluates a double's formulas with a real formula engine (the playground's workbook, on
// fast-formula-parser) and this add-on's functions, as Sheets would, then stores what each cell
// shows as its value: formula results, spilled cells, and #ERROR! for a failing formula.

const functions = Object.fromEntries(
  FUNCTIONS.map((spec) => [spec.name, (...args: unknown[]) => callFunction(spec.name, args)]),
);

export function evaluateSheet(sheet: FakeSheet): void {
  const cells: Record<string, CellRecord> = {};
  const spilled: string[] = [];
  for (const [key, cell] of sheet.cells) {
    if (cell.formula !== '') cells[key] = { input: cell.formula };
    else if (cell.spilled) spilled.push(key);
    else if (cell.value !== '') cells[key] = { input: cell.value as string | number };
  }
  // Values a previous evaluation spilled are not input: clear them first.
  for (const key of spilled) {
    const [row, column] = key.split(',').map(Number);
    sheet.update(row, column, { value: '', spilled: false });
  }
  const name = sheet.getName();
  const workbook = new Workbook({ sheets: [{ name, cells }] }, functions);
  const { rows, columns } = workbook.extent(name);
  for (let row = 1; row <= rows; row++) {
    for (let column = 1; column <= columns; column++) {
      const input = cells[`${row},${column}`];
      if (input && !(typeof input.input === 'string' && input.input.startsWith('='))) continue;
      const shown = workbook.display(name, row, column);
      const value = 'error' in shown ? shown.error : (shown.value ?? '');
      if (!input && value === '') continue;
      sheet.update(row, column, { value });
      if (!input) sheet.markSpilled(row, column);
    }
  }
}

import { BooleanNumber, type ICellData, type IStyleData, type IWorkbookData, LocaleType } from '@univerjs/core';
import type { CellRecord, WorkbookData } from './sheetData';

// The examples (plain sheet data) as a Univer workbook snapshot: values, formulas, number formats,
// bold headers, and columns wide enough for their labels.

const ROWS = 200;
const COLUMNS = 30;
const CHARACTER_WIDTH = 7.2;

function cellData(cell: CellRecord): ICellData {
  const style: IStyleData = {};
  if (cell.numberFormat) style.n = { pattern: cell.numberFormat };
  if (cell.fontWeight === 'bold') style.bl = BooleanNumber.TRUE;
  if (cell.background) style.bg = { rgb: cell.background };
  const data: ICellData =
    typeof cell.input === 'string' && cell.input.startsWith('=') ? { f: cell.input } : { v: cell.input };
  if (Object.keys(style).length > 0) data.s = style;
  return data;
}

/** Width of a column from its longest label (formulas' results are numbers: the default fits them). */
function columnWidth(labels: string[]): number {
  const longest = Math.max(0, ...labels.map((label) => label.length));
  return Math.min(220, Math.max(88, Math.ceil(longest * CHARACTER_WIDTH + 16)));
}

export function workbookSnapshot(data: WorkbookData, id: string): { snapshot: IWorkbookData; sheetIds: string[] } {
  const sheetIds = data.sheets.map((_, i) => `sheet-${i + 1}`);
  const sheets: IWorkbookData['sheets'] = {};
  data.sheets.forEach((sheet, i) => {
    const cells: Record<number, Record<number, ICellData>> = {};
    const labels: Record<number, string[]> = {};
    for (const [at, cell] of Object.entries(sheet.cells)) {
      const [row, column] = at.split(',').map((n) => Number(n) - 1);
      (cells[row] ??= {})[column] = cellData(cell);
      // A label flows into an empty neighbour, as in Sheets: only a label with a value beside it sets the width.
      const beside = sheet.cells[`${row + 1},${column + 2}`];
      if (typeof cell.input === 'string' && !cell.input.startsWith('=') && beside !== undefined)
        (labels[column] ??= []).push(cell.input);
    }
    const columnData: Record<number, { w: number }> = {};
    for (const [column, texts] of Object.entries(labels)) columnData[Number(column)] = { w: columnWidth(texts) };
    sheet.columnWidths?.forEach((w, column) => (columnData[column] = { w }));
    sheets[sheetIds[i]] = {
      id: sheetIds[i],
      name: sheet.name,
      hidden: sheet.hidden ? BooleanNumber.TRUE : BooleanNumber.FALSE,
      rowCount: ROWS,
      columnCount: COLUMNS,
      cellData: cells,
      columnData,
    };
  });
  return {
    sheetIds,
    snapshot: {
      id,
      name: 'Liquidation Planner playground',
      appVersion: '',
      locale: LocaleType.EN_US,
      styles: {},
      sheetOrder: sheetIds,
      sheets,
    },
  };
}

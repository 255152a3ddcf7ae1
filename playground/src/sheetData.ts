import { columnNumber } from '../../src/shared/a1';
// The playground's workbook as plain data: what each cell holds (what was typed, or what the
// add-on wrote), per sheet. The examples are written in it; the playground turns it into its
// spreadsheet's snapshot, and the tests' formula evaluator reads it.

export type Value = number | string | boolean;

export interface CellRecord {
  input: Value;
  note?: string;
  numberFormat?: string;
  background?: string;
  fontWeight?: string;
}

export interface SheetData {
  name: string;
  note?: string;
  hidden?: boolean;
  cells: Record<string, CellRecord>;
  /** Pixels, from column A; where absent, a column is as wide as its labels. */
  columnWidths?: number[];
}

export interface WorkbookData {
  sheets: SheetData[];
}

export const key = (row: number, column: number): string => `${row},${column}`;

export function parseA1(text: string): { row: number; column: number } {
  const m = /^\$?([A-Z]+)\$?(\d+)$/i.exec(text.trim());
  if (!m) throw new Error(`not a cell reference: ${text}`);
  const column = columnNumber(m[1]);
  return { row: Number(m[2]), column };
}

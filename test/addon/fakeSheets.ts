import type { Value } from '../../playground/src/sheetData';
import { a1 } from '../../src/shared/a1';
import { formatValue } from './displayFormat';
import type {
  CellValue,
  ChartBuilderApi,
  ConditionalRuleBuilderApi,
  NamedRangeApi,
  RangeApi,
  SheetApi,
  SheetEnv,
  SpreadsheetApi,
} from '../../src/shared/sheetApi';

// An in-memory double of the SpreadsheetApp subset the add-on uses. Formulas are stored as
// text; `evaluateSheet` (evaluate.ts) computes them. `failOn` makes one method throw, to test
// that writes are all-or-nothing.

interface Cell {
  /** Shown by a formula above or to the left (as a spilled array), not typed: Sheets reports no formula for it. */
  spilled: boolean;
  note: string;
  value: CellValue;
  formula: string;
  numberFormat: string;
  background: string;
  fontWeight: string;
}
const DEFAULT: Cell = {
  spilled: false,
  note: '',
  value: '',
  formula: '',
  numberFormat: '',
  background: '#ffffff',
  fontWeight: 'normal',
};

export interface FakeRule {
  condition: [string, (number | string)[]];
  background: string;
  ranges: string[];
}
export interface FakeChart {
  type: unknown;
  ranges: string[];
  position: number[];
  options: Record<string, unknown>;
}

export class FakeSpreadsheet implements SpreadsheetApi {
  readonly sheets: FakeSheet[] = [];
  active: FakeSheet;
  activeRange: { sheet: FakeSheet; row: number; column: number } | null = null;
  /** A method name (e.g. "setConditionalFormatRules") that throws the next time it is called (once). */
  failOn: string | null = null;
  /** How many calls of `failOn` succeed before the one that throws. */
  failAfter = 0;

  constructor(sheetNames: string[] = ['Sheet1']) {
    for (const name of sheetNames) this.sheets.push(new FakeSheet(this, name));
    this.active = this.sheets[0];
  }
  maybeFail(method: string): void {
    if (this.failOn === method && this.failAfter > 0) this.failAfter--;
    else if (this.failOn === method) {
      this.failOn = null;
      throw new Error(`injected failure in ${method}`);
    }
  }
  getActiveSheet(): FakeSheet {
    return this.active;
  }
  getActiveRange(): RangeApi | null {
    return this.activeRange
      ? this.activeRange.sheet.getRange(this.activeRange.row, this.activeRange.column, 1, 1)
      : null;
  }
  select(sheet: FakeSheet, row: number, column: number): void {
    this.active = sheet;
    this.activeRange = { sheet, row, column };
  }
  getSheetByName(name: string): FakeSheet | null {
    return this.sheets.find((s) => s.getName() === name) ?? null;
  }
  insertSheet(name: string): FakeSheet {
    this.maybeFail('insertSheet');
    if (this.getSheetByName(name)) throw new Error(`A sheet named "${name}" already exists.`);
    const sheet = new FakeSheet(this, name);
    this.sheets.push(sheet);
    return sheet;
  }
  getSheets(): FakeSheet[] {
    return this.sheets.slice();
  }
  deleteSheet(sheet: SheetApi): void {
    this.maybeFail('deleteSheet');
    const i = this.sheets.indexOf(sheet as FakeSheet);
    if (i >= 0) this.sheets.splice(i, 1);
  }
  /** Named ranges: name → where (a sheet and a rectangle). */
  readonly named = new Map<string, { sheet: FakeSheet; row: number; column: number; rows: number; columns: number }>();
  getNamedRanges(): NamedRangeApi[] {
    return [...this.named].map(([name, at]) => ({
      getName: () => name,
      getRange: () => at.sheet.getRange(at.row, at.column, at.rows, at.columns),
    }));
  }
  setNamedRange(name: string, range: RangeApi): void {
    this.maybeFail('setNamedRange');
    const sheet = range.getSheet() as FakeSheet;
    const at = { sheet, row: range.getRow(), column: range.getColumn(), rows: range.getNumRows() };
    this.named.set(name, { ...at, columns: range.getNumColumns() });
  }
  removeNamedRange(name: string): void {
    this.maybeFail('removeNamedRange');
    this.named.delete(name);
  }
  /** Everything observable, for "exactly as before" comparisons. */
  snapshot(): unknown {
    const named = [...this.named].map(([name, at]) => [
      name,
      at.sheet.getName(),
      at.row,
      at.column,
      at.rows,
      at.columns,
    ]);
    return { sheets: this.sheets.map((s) => s.snapshot()), named: named.sort() };
  }
}

export class FakeSheet implements SheetApi {
  readonly cells = new Map<string, Cell>();
  rules: unknown[] = [];
  charts: FakeChart[] = [];

  constructor(
    readonly book: FakeSpreadsheet,
    private name: string,
  ) {}

  getName(): string {
    return this.name;
  }
  cell(row: number, column: number): Cell {
    return this.cells.get(`${row},${column}`) ?? DEFAULT;
  }
  update(row: number, column: number, change: Partial<Cell>): void {
    const next = { ...this.cell(row, column), ...change };
    const key = `${row},${column}`;
    if (JSON.stringify(next) === JSON.stringify(DEFAULT)) this.cells.delete(key);
    else this.cells.set(key, next);
  }
  markSpilled(row: number, column: number): void {
    this.update(row, column, { spilled: true });
  }
  /** A new Google sheet's size: 1,000 rows, columns A to Z. */
  maxRows = 1000;
  maxColumns = 26;
  getRange(row: number, column: number, numRows: number, numColumns: number): FakeRange {
    if (row < 1 || column < 1 || numRows < 1 || numColumns < 1)
      throw new Error(`bad range ${row},${column},${numRows},${numColumns}`);
    if (row + numRows - 1 > this.maxRows || column + numColumns - 1 > this.maxColumns)
      throw new Error('The coordinates of the range are outside the dimensions of the sheet.');
    return new FakeRange(this, row, column, numRows, numColumns);
  }
  readonly columnWidths = new Map<number, number>();
  readonly wrapped = new Set<string>();
  setColumnWidth(columnPosition: number, width: number): SheetApi {
    this.book.maybeFail('setColumnWidth');
    this.columnWidths.set(columnPosition, width);
    return this;
  }
  getMaxRows(): number {
    return this.maxRows;
  }
  getMaxColumns(): number {
    return this.maxColumns;
  }
  insertRowsAfter(afterPosition: number, howMany: number): SheetApi {
    if (afterPosition !== this.maxRows) throw new Error('the double only grows a sheet at its end');
    this.maxRows += howMany;
    return this;
  }
  insertColumnsAfter(afterPosition: number, howMany: number): SheetApi {
    if (afterPosition !== this.maxColumns) throw new Error('the double only grows a sheet at its end');
    this.maxColumns += howMany;
    return this;
  }
  deleteRows(rowPosition: number, howMany: number): void {
    if (rowPosition + howMany - 1 !== this.maxRows) throw new Error('the double only shrinks a sheet at its end');
    this.maxRows -= howMany;
  }
  deleteColumns(columnPosition: number, howMany: number): void {
    if (columnPosition + howMany - 1 !== this.maxColumns) throw new Error('the double only shrinks a sheet at its end');
    this.maxColumns -= howMany;
  }
  getLastRow(): number {
    let last = 0;
    for (const [key, cell] of this.cells)
      if (cell.value !== '' || cell.formula !== '') last = Math.max(last, Number(key.split(',')[0]));
    return last;
  }
  getLastColumn(): number {
    let last = 0;
    for (const [key, cell] of this.cells)
      if (cell.value !== '' || cell.formula !== '') last = Math.max(last, Number(key.split(',')[1]));
    return last;
  }
  getConditionalFormatRules(): unknown[] {
    return this.rules.slice();
  }
  setConditionalFormatRules(rules: unknown[]): void {
    this.book.maybeFail('setConditionalFormatRules');
    this.rules = rules.slice();
  }
  newChart(): ChartBuilderApi {
    const chart: FakeChart = { type: null, ranges: [], position: [], options: {} };
    const builder: ChartBuilderApi = {
      setChartType: (type) => ((chart.type = type), builder),
      addRange: (range) => (chart.ranges.push(range.getA1Notation()), builder),
      setNumHeaders: (n) => ((chart.options.numHeaders = n), builder),
      setPosition: (r, c, x, y) => ((chart.position = [r, c, x, y]), builder),
      setOption: (option, value) => ((chart.options[option] = value), builder),
      build: () => ({ ...chart }),
    };
    return builder;
  }
  insertChart(chart: unknown): void {
    this.book.maybeFail('insertChart');
    this.charts.push(chart as FakeChart);
  }
  removeChart(chart: unknown): void {
    this.charts = this.charts.filter((c) => c !== chart);
  }
  getCharts(): unknown[] {
    return this.charts.slice();
  }
  hidden = false;
  hideSheet(): SheetApi {
    this.hidden = true;
    return this;
  }
  activate(): SheetApi {
    this.book.active = this;
    return this;
  }
  snapshot(): unknown {
    return {
      name: this.name,
      hidden: this.hidden,
      size: [this.maxRows, this.maxColumns],
      columnWidths: [...this.columnWidths.entries()],
      wrapped: [...this.wrapped],
      cells: [...this.cells.entries()].sort(),
      rules: JSON.stringify(this.rules),
      charts: JSON.stringify(this.charts),
    };
  }
}

export class FakeRange implements RangeApi {
  constructor(
    readonly sheet: FakeSheet,
    readonly row: number,
    readonly column: number,
    readonly numRows: number,
    readonly numColumns: number,
  ) {}
  getRow(): number {
    return this.row;
  }
  getColumn(): number {
    return this.column;
  }
  getNumRows(): number {
    return this.numRows;
  }
  getNumColumns(): number {
    return this.numColumns;
  }
  getSheet(): FakeSheet {
    return this.sheet;
  }
  getA1Notation(): string {
    const start = a1(this.row, this.column);
    return this.numRows === 1 && this.numColumns === 1
      ? start
      : `${start}:${a1(this.row + this.numRows - 1, this.column + this.numColumns - 1)}`;
  }
  private map<T>(read: (cell: Cell) => T): T[][] {
    return Array.from({ length: this.numRows }, (_, r) =>
      Array.from({ length: this.numColumns }, (_, c) => read(this.sheet.cell(this.row + r, this.column + c))),
    );
  }
  private write<T>(method: string, grid: T[][], change: (value: T) => Partial<Cell>): this {
    this.sheet.book.maybeFail(method);
    if (grid.length !== this.numRows || grid.some((row) => row.length !== this.numColumns)) {
      throw new Error(
        `${method}: the data has ${grid.length} rows but the range has ${this.numRows} (as Apps Script would refuse)`,
      );
    }
    grid.forEach((row, r) =>
      row.forEach((value, c) => this.sheet.update(this.row + r, this.column + c, change(value))),
    );
    return this;
  }
  getValues(): CellValue[][] {
    return this.map((cell) => cell.value);
  }
  setWrap(isWrapEnabled: boolean): this {
    for (let r = 0; r < this.numRows; r++)
      for (let c = 0; c < this.numColumns; c++) {
        const key = `${this.row + r},${this.column + c}`;
        if (isWrapEnabled) this.sheet.wrapped.add(key);
        else this.sheet.wrapped.delete(key);
      }
    return this;
  }
  getDisplayValues(): string[][] {
    return this.map((cell) => formatValue(cell.value as Value, cell.numberFormat));
  }
  getFormulas(): string[][] {
    return this.map((cell) => cell.formula);
  }
  setValues(values: CellValue[][]): this {
    return this.write('setValues', values, (value) =>
      typeof value === 'string' && value.startsWith('=')
        ? { formula: value, value: '', spilled: false }
        : { value, formula: '', spilled: false },
    );
  }
  getNumberFormats(): string[][] {
    return this.map((cell) => cell.numberFormat);
  }
  setNumberFormats(formats: string[][]): this {
    return this.write('setNumberFormats', formats, (numberFormat) => ({ numberFormat }));
  }
  activate(): this {
    this.sheet.book.select(this.sheet, this.row, this.column);
    return this;
  }
  getBackgrounds(): string[][] {
    return this.map((cell) => cell.background);
  }
  setBackgrounds(colors: (string | null)[][]): this {
    return this.write('setBackgrounds', colors, (background) => ({ background: background ?? DEFAULT.background }));
  }
  getFontWeights(): string[][] {
    return this.map((cell) => cell.fontWeight);
  }
  setFontWeights(weights: (string | null)[][]): this {
    return this.write('setFontWeights', weights, (fontWeight) => ({ fontWeight: fontWeight ?? DEFAULT.fontWeight }));
  }
  getNotes(): string[][] {
    return this.map((cell) => cell.note);
  }
  setNotes(notes: string[][]): this {
    return this.write('setNotes', notes, (note) => ({ note }));
  }
  clearContent(): this {
    for (let r = 0; r < this.numRows; r++)
      for (let c = 0; c < this.numColumns; c++)
        this.sheet.update(this.row + r, this.column + c, { value: '', formula: '', spilled: false });
    return this;
  }
}

function ruleBuilder(book: FakeSpreadsheet): ConditionalRuleBuilderApi {
  const rule: FakeRule = { condition: ['', []], background: '', ranges: [] };
  const builder: ConditionalRuleBuilderApi = {
    whenNumberLessThan: (v) => ((rule.condition = ['lessThan', [v]]), builder),
    whenNumberBetween: (a, b) => ((rule.condition = ['between', [a, b]]), builder),
    whenNumberGreaterThanOrEqualTo: (v) => ((rule.condition = ['atLeast', [v]]), builder),
    whenFormulaSatisfied: (formula) => ((rule.condition = ['formula', [formula]]), builder),
    setBackground: (color) => ((rule.background = color), builder),
    setRanges: (ranges) => ((rule.ranges = ranges.map((r) => r.getA1Notation())), builder),
    build: () => {
      book.maybeFail('buildRule');
      return { ...rule };
    },
  };
  return builder;
}

export function fakeEnv(
  book = new FakeSpreadsheet(),
): Omit<SheetEnv, 'spreadsheet'> & { spreadsheet: FakeSpreadsheet } {
  return {
    spreadsheet: book,
    newConditionalFormatRule: () => ruleBuilder(book),
    lineChartType: 'LINE',
    flush: () => book.maybeFail('flush'),
    now: () => new Date(Date.UTC(2026, 10, 25, 14, 30)),
  };
}

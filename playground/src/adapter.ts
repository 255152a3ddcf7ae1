import { type ChartSpec, type RuleSpec, type Value, type Workbook, columnLetters, key } from './workbook';

// A small SpreadsheetApp for the playground: the add-on's own server code (the built bundle's
// sidebarInsertGrid, …) runs against the playground's workbook through it, unchanged.

type Cell = Value | Date;

export interface Selection {
  sheet: string;
  row: number;
  column: number;
}

class PlaygroundRange {
  constructor(
    private readonly book: PlaygroundSpreadsheet,
    private readonly sheetName: string,
    private readonly row: number,
    private readonly column: number,
    private readonly numRows: number,
    private readonly numColumns: number,
  ) {}
  getRow() {
    return this.row;
  }
  getColumn() {
    return this.column;
  }
  getNumRows() {
    return this.numRows;
  }
  getNumColumns() {
    return this.numColumns;
  }
  getSheet() {
    return new PlaygroundSheet(this.book, this.sheetName);
  }
  getA1Notation() {
    const a = `${columnLetters(this.column)}${this.row}`;
    return this.numRows === 1 && this.numColumns === 1
      ? a
      : `${a}:${columnLetters(this.column + this.numColumns - 1)}${this.row + this.numRows - 1}`;
  }
  private map<T>(read: (row: number, column: number) => T): T[][] {
    return Array.from({ length: this.numRows }, (_, r) =>
      Array.from({ length: this.numColumns }, (_, c) => read(this.row + r, this.column + c)),
    );
  }
  private cells() {
    return this.book.workbook.sheet(this.sheetName).cells;
  }
  private write<T>(grid: T[][], apply: (row: number, column: number, value: T) => void): this {
    if (grid.length !== this.numRows || grid.some((row) => row.length !== this.numColumns)) {
      throw new Error(`The number of rows or columns in the data does not match the range (${this.getA1Notation()}).`);
    }
    grid.forEach((cells, r) => cells.forEach((value, c) => apply(this.row + r, this.column + c, value)));
    this.book.changed();
    return this;
  }
  private update(row: number, column: number, change: Record<string, unknown>) {
    const cells = this.cells();
    const k = key(row, column);
    const cell = { ...(cells[k] ?? { input: '' }), ...change };
    for (const name of ['numberFormat', 'background', 'fontWeight', 'note'] as const)
      if (cell[name] === '' || cell[name] === undefined) delete cell[name];
    if (cell.input === '' && Object.keys(cell).length === 1) delete cells[k];
    else cells[k] = cell;
  }
  getValues(): Cell[][] {
    return this.map((row, column) => {
      const shown = this.book.workbook.display(this.sheetName, row, column);
      return 'error' in shown ? shown.error : (shown.value ?? '');
    });
  }
  getFormulas(): string[][] {
    return this.map((row, column) => {
      const input = this.cells()[key(row, column)]?.input;
      return typeof input === 'string' && input.startsWith('=') ? input : '';
    });
  }
  setValues(values: Cell[][]) {
    return this.write(values, (row, column, value) =>
      this.update(row, column, { input: value instanceof Date ? value.toISOString() : value }),
    );
  }
  getNumberFormats() {
    return this.map((row, column) => this.cells()[key(row, column)]?.numberFormat ?? '');
  }
  setNumberFormats(formats: string[][]) {
    return this.write(formats, (row, column, numberFormat) => this.update(row, column, { numberFormat }));
  }
  getBackgrounds() {
    return this.map((row, column) => this.cells()[key(row, column)]?.background ?? '#ffffff');
  }
  setBackgrounds(colors: (string | null)[][]) {
    return this.write(colors, (row, column, background) =>
      this.update(row, column, { background: background === '#ffffff' ? '' : (background ?? '') }),
    );
  }
  getFontWeights() {
    return this.map((row, column) => this.cells()[key(row, column)]?.fontWeight ?? 'normal');
  }
  setFontWeights(weights: (string | null)[][]) {
    return this.write(weights, (row, column, fontWeight) =>
      this.update(row, column, { fontWeight: fontWeight === 'normal' ? '' : (fontWeight ?? '') }),
    );
  }
  getNotes() {
    return this.map((row, column) => this.cells()[key(row, column)]?.note ?? '');
  }
  setNotes(notes: string[][]) {
    return this.write(notes, (row, column, note) => this.update(row, column, { note }));
  }
  clearContent() {
    return this.write(
      this.map(() => ''),
      (row, column) => this.update(row, column, { input: '' }),
    );
  }
}

class PlaygroundSheet {
  constructor(
    private readonly book: PlaygroundSpreadsheet,
    private readonly name: string,
  ) {}
  private data() {
    return this.book.workbook.sheet(this.name);
  }
  getName() {
    return this.name;
  }
  getRange(row: number, column: number, numRows = 1, numColumns = 1) {
    return new PlaygroundRange(this.book, this.name, row, column, numRows, numColumns);
  }
  getLastRow() {
    return this.book.workbook.extent(this.name).rows;
  }
  getLastColumn() {
    return this.book.workbook.extent(this.name).columns;
  }
  getConditionalFormatRules() {
    return this.data().rules.slice();
  }
  setConditionalFormatRules(rules: unknown[]) {
    this.data().rules = rules.slice() as RuleSpec[];
    this.book.changed();
  }
  newChart() {
    const chart: ChartSpec = { type: 'LINE', ranges: [], position: [], options: {} };
    const builder = {
      setChartType: (type: unknown) => ((chart.type = String(type)), builder),
      addRange: (range: PlaygroundRange) => (chart.ranges.push(range.getA1Notation()), builder),
      setNumHeaders: (n: number) => ((chart.options.numHeaders = n), builder),
      setPosition: (r: number, c: number, x: number, y: number) => ((chart.position = [r, c, x, y]), builder),
      setOption: (option: string, value: unknown) => ((chart.options[option] = value), builder),
      build: () => ({ ...chart, options: { ...chart.options } }),
    };
    return builder;
  }
  insertChart(chart: unknown) {
    this.data().charts.push(chart as ChartSpec);
    this.book.changed();
  }
  removeChart(chart: unknown) {
    const charts = this.data().charts;
    const at = charts.indexOf(chart as ChartSpec);
    if (at >= 0) charts.splice(at, 1);
    this.book.changed();
  }
  getCharts() {
    return this.data().charts.slice();
  }
  activate() {
    this.book.selection = { sheet: this.name, row: 1, column: 1 };
    this.book.changed();
    return this;
  }
  hideSheet() {
    this.data().hidden = true;
    this.book.changed();
    return this;
  }
}

/** `SpreadsheetApp.getActive()` for the playground. */
export class PlaygroundSpreadsheet {
  selection: Selection;

  constructor(
    readonly workbook: Workbook,
    initial: Selection,
    private readonly onChange: () => void,
  ) {
    this.selection = initial;
  }
  changed() {
    this.workbook.recalculate();
    this.onChange();
  }
  getActiveSheet() {
    return new PlaygroundSheet(this, this.selection.sheet);
  }
  getActiveRange() {
    return new PlaygroundRange(this, this.selection.sheet, this.selection.row, this.selection.column, 1, 1);
  }
  getSheetByName(name: string) {
    return this.workbook.data.sheets.some((s) => s.name === name) ? new PlaygroundSheet(this, name) : null;
  }
  insertSheet(name: string) {
    if (this.getSheetByName(name)) throw new Error(`A sheet with the name "${name}" already exists.`);
    this.workbook.data.sheets.push({ name, cells: {}, rules: [], charts: [] });
    this.changed();
    return new PlaygroundSheet(this, name);
  }
  getSheets() {
    return this.workbook.data.sheets.map((s) => new PlaygroundSheet(this, s.name));
  }
  deleteSheet(sheet: PlaygroundSheet) {
    this.workbook.data.sheets = this.workbook.data.sheets.filter((s) => s.name !== sheet.getName());
    if (this.selection.sheet === sheet.getName())
      this.selection = { sheet: this.workbook.data.sheets.find((s) => !s.hidden)!.name, row: 1, column: 1 };
    this.changed();
  }
}

/** The Apps Script globals the add-on's server code uses, over the playground's workbook. */
export function appsScriptGlobals(
  spreadsheet: PlaygroundSpreadsheet,
  alert: (message: string) => void,
): Record<string, unknown> {
  const ruleBuilder = () => {
    const rule: RuleSpec = { condition: ['', []], background: '', ranges: [] };
    const builder = {
      whenNumberLessThan: (v: number) => ((rule.condition = ['lessThan', [v]]), builder),
      whenNumberBetween: (a: number, b: number) => ((rule.condition = ['between', [a, b]]), builder),
      whenNumberGreaterThanOrEqualTo: (v: number) => ((rule.condition = ['atLeast', [v]]), builder),
      whenFormulaSatisfied: (formula: string) => ((rule.condition = ['formula', [formula]]), builder),
      setBackground: (color: string) => ((rule.background = color), builder),
      setRanges: (ranges: PlaygroundRange[]) => ((rule.ranges = ranges.map((r) => r.getA1Notation())), builder),
      build: () => ({ ...rule }),
    };
    return builder;
  };
  return {
    SpreadsheetApp: {
      getActive: () => spreadsheet,
      newConditionalFormatRule: ruleBuilder,
      flush: () => spreadsheet.changed(),
      // The menu's messages: ui.alert(title, message, buttons) or ui.alert(message).
      getUi: () => ({
        alert: (...args: unknown[]) => alert(String(args.length > 1 ? args[1] : args[0])),
        ButtonSet: { OK: 'OK' },
        // The playground's sidebar is always open: showing it moves the focus there.
        showSidebar: () => document.querySelector<HTMLIFrameElement>('iframe')?.focus(),
      }),
    },
    HtmlService: {
      createHtmlOutputFromFile: () => ({
        setTitle: function (this: unknown) {
          return this;
        },
      }),
    },
    Charts: { ChartType: { LINE: 'LINE' } },
  };
}

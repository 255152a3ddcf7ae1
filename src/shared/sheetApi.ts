// The subset of Apps Script's Spreadsheet service the add-on uses, as narrow interfaces: the real
// SpreadsheetApp satisfies them, and so do the tests' in-memory double and the playground.

export type CellValue = string | number | boolean | Date;

export interface RangeApi {
  getRow(): number;
  getColumn(): number;
  getNumRows(): number;
  getNumColumns(): number;
  getA1Notation(): string;
  getSheet(): SheetApi;
  getValues(): CellValue[][];
  /** The values as the cells show them, number formats applied. */
  getDisplayValues(): string[][];
  getFormulas(): string[][];
  setValues(values: CellValue[][]): RangeApi;
  getNumberFormats(): string[][];
  setNumberFormats(formats: string[][]): RangeApi;
  getBackgrounds(): string[][];
  setBackgrounds(colors: (string | null)[][]): RangeApi;
  getFontWeights(): string[][];
  setFontWeights(weights: (string | null)[][]): RangeApi;
  clearContent(): RangeApi;
  setWrap(isWrapEnabled: boolean): RangeApi;
  getNotes(): string[][];
  setNotes(notes: string[][]): RangeApi;
  /** Selects the range, shows its sheet and scrolls it into view. */
  activate(): RangeApi;
}

export interface ConditionalRuleBuilderApi {
  whenNumberLessThan(value: number): ConditionalRuleBuilderApi;
  whenNumberBetween(start: number, end: number): ConditionalRuleBuilderApi;
  whenNumberGreaterThanOrEqualTo(value: number): ConditionalRuleBuilderApi;
  whenFormulaSatisfied(formula: string): ConditionalRuleBuilderApi;
  setBackground(color: string): ConditionalRuleBuilderApi;
  setRanges(ranges: RangeApi[]): ConditionalRuleBuilderApi;
  build(): unknown;
}

export interface ChartBuilderApi {
  setChartType(type: unknown): ChartBuilderApi;
  addRange(range: RangeApi): ChartBuilderApi;
  setNumHeaders(headers: number): ChartBuilderApi;
  setPosition(anchorRow: number, anchorColumn: number, offsetX: number, offsetY: number): ChartBuilderApi;
  setOption(option: string, value: unknown): ChartBuilderApi;
  build(): unknown;
}

export interface SheetApi {
  getName(): string;
  getRange(row: number, column: number, numRows: number, numColumns: number): RangeApi;
  getLastRow(): number;
  getLastColumn(): number;
  getMaxRows(): number;
  getMaxColumns(): number;
  insertRowsAfter(afterPosition: number, howMany: number): SheetApi;
  insertColumnsAfter(afterPosition: number, howMany: number): SheetApi;
  deleteRows(rowPosition: number, howMany: number): void;
  deleteColumns(columnPosition: number, howMany: number): void;
  setColumnWidth(columnPosition: number, width: number): SheetApi;
  getConditionalFormatRules(): unknown[];
  setConditionalFormatRules(rules: unknown[]): void;
  newChart(): ChartBuilderApi;
  insertChart(chart: unknown): void;
  removeChart(chart: unknown): void;
  getCharts(): unknown[];
  activate(): SheetApi;
  hideSheet(): SheetApi;
}

/** A named range of the spreadsheet (`BRACKETS_BTCUSDT`). */
export interface NamedRangeApi {
  getName(): string;
  getRange(): RangeApi;
}

export interface SpreadsheetApi {
  getActiveSheet(): SheetApi;
  getActiveRange(): RangeApi | null;
  getSheetByName(name: string): SheetApi | null;
  insertSheet(name: string): SheetApi;
  deleteSheet(sheet: SheetApi): void;
  getSheets(): SheetApi[];
  getNamedRanges(): NamedRangeApi[];
  /** Names a range (replacing the range of a name that exists). */
  setNamedRange(name: string, range: RangeApi): void;
  removeNamedRange(name: string): void;
}

/** Everything server code needs from Apps Script, injected so tests and the playground can supply their own. */
export interface SheetEnv {
  readonly spreadsheet: SpreadsheetApi;
  newConditionalFormatRule(): ConditionalRuleBuilderApi;
  /** `Charts.ChartType.LINE`. */
  readonly lineChartType: unknown;
  /** Applies pending changes now, so a failure surfaces inside the write, not after it. */
  flush(): void;
  /** The time, for the freeze stamp (injected so tests are deterministic). */
  now(): Date;
}

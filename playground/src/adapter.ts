import { BooleanNumber, CellValueType, InterceptorEffectEnum, type Worksheet } from '@univerjs/core';
import type { FUniver } from '@univerjs/core/facade';
import type { FRange, FWorkbook, FWorksheet } from '@univerjs/sheets/facade';
import type { CellValue, NamedRangeApi, RangeApi, SheetApi, SpreadsheetApi } from '../../src/shared/sheetApi';
import { columnLetters } from '../../src/shared/a1';

// SpreadsheetApp for the playground: the add-on's own server code (the built bundle's
// sidebarInsertGrid, the menu's freeze and restore, …) runs unchanged against the Univer workbook
// through it. Univer's facade is modelled on Apps Script, so most calls map one to one; what
// differs is 0-based indexes, per-cell styles and notes, and charts (kept beside the workbook and
// drawn by the page, as Univer's charts are not free).

export interface ChartSpec {
  type: string;
  ranges: string[];
  position: number[];
  options: Record<string, unknown>;
}

/** What the playground keeps beside Univer's snapshot, by sheet id: each sheet's charts and what it shows. */
export interface SideData {
  charts: Record<string, ChartSpec[]>;
  notes: Record<string, string>;
}

export interface AlertMessage {
  title: string;
  message: string;
}

/**
 * A cell's value as Apps Script returns it: the raw number (Univer's facade gives a formatted cell's
 * text), a spilled value too (its cell holds nothing: the value comes from the formula engine), a
 * boolean as a boolean (Univer keeps 1 or 0 of type boolean), a blank as "". Only value-changing
 * interceptors (spills) apply, not the number format's.
 */
function sheetsValue(sheet: Worksheet, row: number, column: number): CellValue {
  const cell = sheet.getCellWithFilteredInterceptors(
    row,
    column,
    'liquidation-planner:value',
    (interceptor) => (interceptor as { effect?: number }).effect === InterceptorEffectEnum.Value,
  );
  if (!cell) return '';
  if (cell.p?.body?.dataStream) return cell.p.body.dataStream.replace(/\r\n$/, '');
  if (cell.v === null || cell.v === undefined) return '';
  return cell.t === CellValueType.BOOLEAN ? Boolean(cell.v) && cell.v !== 'FALSE' : cell.v;
}

const LINE_HEIGHT = 17;
let measure: CanvasRenderingContext2D | null = null;

/** How many lines a text takes wrapped at word boundaries in `width` pixels (bold, Univer's 11pt Arial). */
function wrappedLines(text: string, width: number): number {
  measure ??= document.createElement('canvas').getContext('2d');
  if (!measure || text === '') return 1;
  measure.font = 'bold 11pt Arial';
  let lines = 1;
  let line = '';
  for (const word of text.split(' ')) {
    const next = line === '' ? word : `${line} ${word}`;
    if (line !== '' && measure.measureText(next).width > width) {
      lines++;
      line = word;
    } else line = next;
  }
  return lines;
}

function grid<T>(rows: number, columns: number, read: (row: number, column: number) => T): T[][] {
  return Array.from({ length: rows }, (_, r) => Array.from({ length: columns }, (_, c) => read(r, c)));
}

/** The pattern Apps Script writes as ''. */
const GENERAL = 'General';

class PlaygroundRange implements RangeApi {
  constructor(
    private readonly book: PlaygroundSpreadsheet,
    readonly range: FRange,
  ) {}
  getRow() {
    return this.range.getRow() + 1;
  }
  getColumn() {
    return this.range.getColumn() + 1;
  }
  getNumRows() {
    return this.range.getRange().endRow - this.range.getRange().startRow + 1;
  }
  getNumColumns() {
    return this.range.getRange().endColumn - this.range.getRange().startColumn + 1;
  }
  getSheet() {
    return this.book.sheetById(this.range.getSheetId());
  }
  getA1Notation() {
    const a = `${columnLetters(this.getColumn())}${this.getRow()}`;
    return this.getNumRows() === 1 && this.getNumColumns() === 1
      ? a
      : `${a}:${columnLetters(this.getColumn() + this.getNumColumns() - 1)}${this.getRow() + this.getNumRows() - 1}`;
  }
  private cell(row: number, column: number): FRange {
    return this.book
      .worksheet(this.range.getSheetId())
      .getRange(this.range.getRow() + row, this.range.getColumn() + column);
  }
  private check<T>(values: T[][]): T[][] {
    if (values.length !== this.getNumRows() || values.some((row) => row.length !== this.getNumColumns()))
      throw new Error(`The number of rows or columns in the data does not match the range (${this.getA1Notation()}).`);
    return values;
  }
  private each<T>(values: T[][], apply: (cell: FRange, value: T) => void): this {
    this.check(values).forEach((row, r) => row.forEach((value, c) => apply(this.cell(r, c), value)));
    return this;
  }
  /** Each cell as Apps Script reads it: see `sheetsValue`. */
  private cellValues(): CellValue[][] {
    const sheet = this.book.worksheet(this.range.getSheetId()).getSheet();
    return grid(this.getNumRows(), this.getNumColumns(), (r, c) =>
      sheetsValue(sheet, this.range.getRow() + r, this.range.getColumn() + c),
    );
  }
  getValues(): CellValue[][] {
    return this.cellValues();
  }
  getDisplayValues(): string[][] {
    const values = this.cellValues();
    return this.range
      .getDisplayValues()
      .map((row, r) =>
        row.map((text, c) => (typeof values[r][c] === 'boolean' ? String(values[r][c]).toUpperCase() : text)),
      );
  }
  getFormulas(): string[][] {
    return this.range.getFormulas().map((row) => row.map((formula) => formula ?? ''));
  }
  setValues(values: CellValue[][]) {
    this.check(values);
    // Apps Script's setValues: a string starting with = is a formula; '' clears the cell.
    this.range.setValues(
      values.map((row) =>
        row.map((value) =>
          typeof value === 'string' && value.startsWith('=')
            ? { f: value, v: null }
            : {
                v: value === '' || value === null ? null : value instanceof Date ? value.toISOString() : value,
                f: null,
              },
        ),
      ) as never,
    );
    return this;
  }
  getNumberFormats() {
    return this.range.getNumberFormats().map((row) => row.map((format) => (format === GENERAL ? '' : (format ?? ''))));
  }
  /**
   * Apps Script's '' is the General format. Univer removes a format it is given as '' through a
   * mutation that also resets the cell's content, which erased a formula just written; General is
   * set as a pattern instead, so a format never touches a value or a formula.
   */
  setNumberFormats(formats: string[][]) {
    this.range.setNumberFormats(this.check(formats).map((row) => row.map((format) => format || GENERAL)));
    return this;
  }
  /**
   * Apps Script's activate: the range's sheet shown, the range selected and in view. A cell that fits
   * on the first screen is shown with the sheet at A1 (as a new sheet opens); another is brought near
   * the top left.
   */
  activate() {
    const worksheet = this.book.worksheet(this.range.getSheetId());
    this.book.workbook().setActiveSheet(worksheet);
    this.range.activate();
    const [row, column] = [this.range.getRow(), this.range.getColumn()];
    worksheet.scrollToCell(row < 20 ? 0 : row - 3, column < 8 ? 0 : column - 1);
    return this;
  }
  getBackgrounds() {
    return this.range.getBackgrounds().map((row) => row.map((color) => color || '#ffffff'));
  }
  setBackgrounds(colors: (string | null)[][]) {
    return this.each(colors, (cell, color) => cell.setBackground(color ?? '#ffffff'));
  }
  getFontWeights() {
    return grid(this.getNumRows(), this.getNumColumns(), (r, c) =>
      this.cell(r, c).getCellStyleData()?.bl === BooleanNumber.TRUE ? 'bold' : 'normal',
    );
  }
  setFontWeights(weights: (string | null)[][]) {
    return this.each(weights, (cell, weight) => cell.setFontWeight(weight === 'bold' ? 'bold' : 'normal'));
  }
  getNotes() {
    return grid(this.getNumRows(), this.getNumColumns(), (r, c) => this.cell(r, c).getNote()?.note ?? '');
  }
  setNotes(notes: string[][]) {
    return this.each(notes, (cell, note) => {
      if (note === '') cell.deleteNote();
      else cell.createOrUpdateNote({ note, width: 260, height: 120 } as never);
    });
  }
  clearContent() {
    this.range.clearContent();
    return this;
  }
  /** Wraps, and makes each row tall enough for its wrapped text, as Sheets does. */
  setWrap(isWrapEnabled: boolean) {
    this.range.setWrap(isWrapEnabled);
    if (!isWrapEnabled) return this;
    const sheet = this.book.worksheet(this.range.getSheetId());
    const texts = this.range.getDisplayValues();
    texts.forEach((row, r) => {
      const lines = Math.max(
        1,
        ...row.map((text, c) => wrappedLines(text, sheet.getColumnWidth(this.range.getColumn() + c) - 6)),
      );
      if (lines > 1) sheet.setRowHeight(this.range.getRow() + r, lines * LINE_HEIGHT + 6);
    });
    return this;
  }
}

class PlaygroundSheet implements SheetApi {
  constructor(
    private readonly book: PlaygroundSpreadsheet,
    readonly sheet: FWorksheet,
  ) {}
  getName() {
    return this.sheet.getSheetName();
  }
  /** By position (1-based, as in Apps Script) or by A1 notation. */
  getRange(row: number | string, column = 1, numRows = 1, numColumns = 1) {
    return new PlaygroundRange(
      this.book,
      typeof row === 'string'
        ? this.sheet.getRange(row)
        : this.sheet.getRange(row - 1, column - 1, numRows, numColumns),
    );
  }
  getLastRow() {
    return this.sheet.getLastRow() + 1;
  }
  getLastColumn() {
    return this.sheet.getLastColumn() + 1;
  }
  getMaxRows() {
    return this.sheet.getMaxRows();
  }
  setColumnWidth(columnPosition: number, width: number) {
    this.sheet.setColumnWidth(columnPosition - 1, width);
    return this;
  }
  getMaxColumns() {
    return this.sheet.getMaxColumns();
  }
  insertRowsAfter(afterPosition: number, howMany: number) {
    this.sheet.insertRowsAfter(afterPosition - 1, howMany);
    return this;
  }
  insertColumnsAfter(afterPosition: number, howMany: number) {
    this.sheet.insertColumnsAfter(afterPosition - 1, howMany);
    return this;
  }
  deleteRows(rowPosition: number, howMany: number) {
    this.sheet.deleteRows(rowPosition - 1, howMany);
  }
  deleteColumns(columnPosition: number, howMany: number) {
    this.sheet.deleteColumns(columnPosition - 1, howMany);
  }
  getConditionalFormatRules() {
    return this.sheet.getConditionalFormattingRules();
  }
  /**
   * Apps Script replaces the whole list, and its first rule wins where several match. Univer adds and
   * deletes rules one by one, puts a new rule first, and also lets the first rule win: so after the
   * changes, the rules are moved into the order asked for.
   */
  setConditionalFormatRules(rules: unknown[]) {
    const wanted = rules as { cfId: string }[];
    const current = this.sheet.getConditionalFormattingRules();
    for (const rule of current)
      if (!wanted.some((w) => w.cfId === rule.cfId)) this.sheet.deleteConditionalFormattingRule(rule.cfId);
    for (const rule of wanted)
      if (!current.some((c) => c.cfId === rule.cfId)) this.sheet.addConditionalFormattingRule(rule as never);
    for (let i = 1; i < wanted.length; i++)
      this.sheet.moveConditionalFormattingRule(wanted[i].cfId, wanted[i - 1].cfId, 'after');
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
  private charts() {
    return (this.book.side().charts[this.sheet.getSheetId()] ??= []);
  }
  insertChart(chart: unknown) {
    this.charts().push(chart as ChartSpec);
    this.book.changed();
  }
  removeChart(chart: unknown) {
    const charts = this.charts();
    const at = charts.indexOf(chart as ChartSpec);
    if (at >= 0) charts.splice(at, 1);
    this.book.changed();
  }
  getCharts() {
    return this.charts().slice();
  }
  activate() {
    this.book.workbook().setActiveSheet(this.sheet);
    return this;
  }
  hideSheet() {
    this.sheet.hideSheet();
    return this;
  }
}

/** `SpreadsheetApp.getActive()` for the playground, over Univer's facade. */
export class PlaygroundSpreadsheet implements SpreadsheetApi {
  constructor(
    private readonly api: FUniver,
    readonly side: () => SideData,
    readonly changed: () => void,
  ) {}
  workbook(): FWorkbook {
    const book = this.api.getActiveWorkbook();
    if (!book) throw new Error('The workbook is not open yet.');
    return book;
  }
  worksheet(sheetId: string): FWorksheet {
    const sheet = this.workbook().getSheetBySheetId(sheetId);
    if (!sheet) throw new Error(`No sheet with id ${sheetId}.`);
    return sheet;
  }
  sheetById(sheetId: string) {
    return new PlaygroundSheet(this, this.worksheet(sheetId));
  }
  getActiveSheet() {
    return new PlaygroundSheet(this, this.workbook().getActiveSheet());
  }
  getActiveRange() {
    const range = this.workbook().getActiveRange();
    return range ? new PlaygroundRange(this, range) : null;
  }
  getSheetByName(name: string) {
    const sheet = this.workbook().getSheetByName(name);
    return sheet ? new PlaygroundSheet(this, sheet) : null;
  }
  insertSheet(name: string) {
    if (this.getSheetByName(name)) throw new Error(`A sheet with the name "${name}" already exists.`);
    return new PlaygroundSheet(this, this.workbook().insertSheet(name));
  }
  getSheets() {
    return this.workbook()
      .getSheets()
      .map((sheet) => new PlaygroundSheet(this, sheet));
  }
  deleteSheet(sheet: PlaygroundSheet) {
    delete this.side().charts[sheet.sheet.getSheetId()];
    this.workbook().deleteSheet(sheet.sheet);
  }
  // Named ranges are Univer's defined names, whose reference is text ('Sheet name'!$A$3:$E$16).
  getNamedRanges(): NamedRangeApi[] {
    return this.workbook()
      .getDefinedNames()
      .flatMap((defined) => {
        const match = /^'?(.*?)'?!(\$?[A-Z]+\$?\d+(?::\$?[A-Z]+\$?\d+)?)$/.exec(defined.getFormulaOrRefString());
        const sheet = match ? this.workbook().getSheetByName(match[1].replace(/''/g, "'")) : null;
        if (!match || !sheet) return [];
        const range = new PlaygroundRange(this, sheet.getRange(match[2].replace(/\$/g, '')));
        return [{ getName: () => defined.getName(), getRange: () => range }];
      });
  }
  setNamedRange(name: string, range: PlaygroundRange) {
    this.removeNamedRange(name);
    const sheet = range.getSheet().getName().replace(/'/g, "''");
    this.workbook().insertDefinedName(name, `'${sheet}'!${range.getA1Notation()}`);
  }
  removeNamedRange(name: string) {
    this.workbook().deleteDefinedName(name);
  }
}

/** The Apps Script globals the add-on's server code uses, over the playground's workbook. */
export function appsScriptGlobals(
  spreadsheet: PlaygroundSpreadsheet,
  alert: (message: AlertMessage) => void,
  showSidebar: () => void,
  showModalDialog: (file: string, title: string) => void,
  files: Readonly<Record<string, string>>,
): Record<string, unknown> {
  // Apps Script's builder, replayed on Univer's at build(): the same methods, but setRanges takes positions.
  const ruleBuilder = () => {
    const steps: [string, unknown[]][] = [];
    const builder: Record<string, unknown> = new Proxy(
      {},
      {
        get: (_, method: string) =>
          method === 'build'
            ? () => {
                let rule = spreadsheet.workbook().getActiveSheet().newConditionalFormattingRule() as unknown;
                for (const [name, args] of steps)
                  rule = (rule as Record<string, (...a: unknown[]) => unknown>)[name](...args);
                return (rule as { build(): unknown }).build();
              }
            : (...args: unknown[]) => {
                steps.push([
                  method,
                  method === 'setRanges' ? [(args[0] as PlaygroundRange[]).map((r) => r.range.getRange())] : args,
                ]);
                return builder;
              },
      },
    );
    return builder;
  };
  return {
    SpreadsheetApp: {
      getActive: () => spreadsheet,
      newConditionalFormatRule: ruleBuilder,
      flush: () => undefined,
      // ui.alert(title, message, buttons) or ui.alert(message), as the add-on's menu calls it.
      getUi: () => ({
        alert: (...args: unknown[]) =>
          alert(
            args.length > 1
              ? { title: String(args[0]), message: String(args[1]) }
              : { title: '', message: String(args[0]) },
          ),
        ButtonSet: { OK: 'OK' },
        showSidebar,
        showModalDialog: (html: { file: string }, title: string) => showModalDialog(html.file, title),
      }),
    },
    HtmlService: {
      // What the page needs to show it: the file (the sidebar has its own frame; a dialog opens Import.html),
      // and the text of the files the page fetched (the add-on file, which Code.js compiles on use).
      createHtmlOutputFromFile: (file: string) => {
        const output = {
          file,
          setTitle: () => output,
          setWidth: () => output,
          setHeight: () => output,
          getContent: () => {
            if (!(file in files)) throw new Error(`The playground has no file ${file}.html.`);
            return files[file];
          },
        };
        return output;
      },
    },
    Charts: { ChartType: { LINE: 'LINE' } },
  };
}

import { BUNDLED_SNAPSHOTS, SNAPSHOT_AS_OF } from '../data/symbols';
import { a1 } from '../shared/a1';
import { type CellReader, formulaShape, usesAddonFunction } from './formulaCells';
import { BRACKETS_RANGE_PREFIX, importedTable } from './bracketImport';
import { growSheet, undoAll } from './gridWriter';
import type { CellValue, RangeApi, SheetApi, SheetEnv } from '../shared/sheetApi';

/**
 * Freezing for sharing: collaborators without the add-on see #NAME? where its functions are.
 * Freezing replaces each such formula by the values it shows, keeps the formula in a hidden sheet
 * (not developer metadata: that is capped at 30,000 characters per spreadsheet, a single large
 * plan could exceed it, and a hidden sheet can be inspected and survives copies of the file),
 * and stamps each frozen cell with a note. Restoring puts every formula back exactly.
 */
export const FROZEN_SHEET = 'Liquidation Planner: frozen formulas';
export type FreezeScope = 'selection' | 'sheet' | 'spreadsheet';

/**
 * Which brackets a formula's numbers used: the imported tables it names, else the bundled snapshot. `seen` keeps what
 * each named range said, so a freeze reads each one once however many formulas name it.
 */
function bracketsSource(env: SheetEnv, formula: string, seen: Map<string, string | null>): string {
  const prefix = BRACKETS_RANGE_PREFIX;
  const names = [...new Set(formula.match(new RegExp(`\\b${prefix}[\\p{L}\\p{N}_]+`, 'gu')) ?? [])];
  const imported = names.flatMap((name) => {
    if (!seen.has(name)) {
      const table = importedTable(env, name.slice(prefix.length));
      seen.set(name, table ? `${name}, ${table.source}, as of ${table.asOf}` : null);
    }
    const source = seen.get(name);
    return source ? [source] : [];
  });
  return imported.length > 0 ? imported.join('; ') : BUNDLED_SNAPSHOTS;
}

interface FrozenFormula {
  sheet: string;
  row: number;
  column: number;
  formula: string;
  rows: number;
  columns: number;
  noteBefore: string;
  values: CellValue[][];
  /** The values as the cells showed them (number formats applied); absent in records of older versions. */
  shown: string[][] | null;
}

/** A record as the hidden sheet holds it: the frozen formula, when it was frozen, and on which brackets. */
interface FreezeRecord extends FrozenFormula {
  frozenAt: string;
  snapshot: string;
}

/** How a record's field is stored in a cell: text (kept as typed), a number, or JSON text. */
interface Encoding {
  readonly encode: (value: unknown) => CellValue;
  readonly decode: (cell: CellValue) => unknown;
}
const AS_TEXT: Encoding = { encode: (value) => text(String(value)), decode: (cell) => untext(cell) };
const AS_NUMBER: Encoding = { encode: (value) => value as number, decode: (cell) => Number(cell) };
const AS_JSON: Encoding = {
  encode: (value) => text(JSON.stringify(value)),
  decode: (cell) => (cell === '' ? null : JSON.parse(untext(cell))),
};

/** The hidden sheet's columns, one per record field, in order: its header row and how each cell is written and read. */
const RECORD_COLUMNS: readonly ({ readonly title: string; readonly field: keyof FreezeRecord } & Encoding)[] = [
  { title: 'Sheet', field: 'sheet', ...AS_TEXT },
  { title: 'Row', field: 'row', ...AS_NUMBER },
  { title: 'Column', field: 'column', ...AS_NUMBER },
  { title: 'Formula', field: 'formula', ...AS_TEXT },
  { title: 'Rows', field: 'rows', ...AS_NUMBER },
  { title: 'Columns', field: 'columns', ...AS_NUMBER },
  { title: 'Note before', field: 'noteBefore', ...AS_TEXT },
  { title: 'Frozen values (JSON)', field: 'values', ...AS_JSON },
  { title: 'Frozen at (UTC)', field: 'frozenAt', ...AS_TEXT },
  { title: 'Bracket snapshot', field: 'snapshot', ...AS_TEXT },
  // Absent (blank) in records of versions before it.
  { title: 'Frozen as shown (JSON)', field: 'shown', ...AS_JSON },
];
const RECORD_HEADER = RECORD_COLUMNS.map((c) => c.title);

function recordRow(record: FreezeRecord): CellValue[] {
  return RECORD_COLUMNS.map((c) => c.encode(record[c.field]));
}

function readRecord(row: readonly CellValue[]): FreezeRecord {
  return Object.fromEntries(RECORD_COLUMNS.map((c, i) => [c.field, c.decode(row[i] ?? '')])) as unknown as FreezeRecord;
}

/** Freezes every add-on formula in the scope; all or nothing. Returns a sentence for the user. */
export function freezeFormulas(env: SheetEnv, scope: FreezeScope): string {
  const targets = findFormulas(env, scope);
  if (targets.length === 0) return `No formula of Liquidation Planner in ${scopeText(scope)}; nothing was frozen.`;
  const seen = new Map<string, string | null>();
  const stamp = (formula: string) =>
    `Frozen for sharing by Liquidation Planner on ` +
    `${env.now().toISOString().slice(0, 16).replace('T', ' ')} UTC ` +
    `(brackets: ${bracketsSource(env, formula, seen)}). Values, not live formulas: ` +
    `use Extensions → Liquidation Planner → Restore live formulas.`;
  const book = env.spreadsheet;
  const applied: { target: FrozenFormula; block: RangeApi; anchor: RangeApi }[] = [];
  let records: SheetApi | null = book.getSheetByName(FROZEN_SHEET);
  const createdRecords = records === null;
  let firstRecordRow = 0;
  try {
    for (const target of targets) {
      const sheet = book.getSheetByName(target.sheet)!;
      const block = sheet.getRange(target.row, target.column, target.rows, target.columns);
      const anchor = sheet.getRange(target.row, target.column, 1, 1);
      applied.push({ target, block, anchor });
      block.setValues(target.values);
      const note = stamp(target.formula);
      anchor.setNotes([[target.noteBefore ? `${target.noteBefore}\n\n${note}` : note]]);
    }
    if (records === null) {
      records = book.insertSheet(FROZEN_SHEET);
      records.getRange(1, 1, 1, RECORD_HEADER.length).setValues([RECORD_HEADER]);
      records.hideSheet();
    }
    firstRecordRow = Math.max(records.getLastRow(), 1) + 1;
    growSheet(records, firstRecordRow + targets.length - 1, RECORD_HEADER.length);
    const frozenAt = env.now().toISOString();
    records
      .getRange(firstRecordRow, 1, targets.length, RECORD_HEADER.length)
      .setValues(targets.map((t) => recordRow({ ...t, frozenAt, snapshot: SNAPSHOT_AS_OF })));
    env.flush();
  } catch (error) {
    const problems = undoAll([
      ...applied.reverse().map(({ target, block, anchor }) => () => {
        block.clearContent();
        anchor.setValues([[target.formula]]);
        anchor.setNotes([[target.noteBefore]]);
      }),
      () => {
        if (records && createdRecords) book.deleteSheet(records);
        else if (records && firstRecordRow > 0)
          records.getRange(firstRecordRow, 1, targets.length, RECORD_HEADER.length).clearContent();
      },
      () => env.flush(),
    ]);
    throw failure('freeze', error, problems);
  }
  return (
    `Froze ${targets.length} formula${targets.length === 1 ? '' : 's'} of ` +
    `Liquidation Planner in ${scopeText(scope)}; people without the add-on ` +
    `now see the values. Restore live formulas brings them back.`
  );
}

/** Puts every frozen formula back, all or nothing; refuses if a frozen cell was edited since. */
export function restoreFormulas(env: SheetEnv): string {
  const book = env.spreadsheet;
  const records = book.getSheetByName(FROZEN_SHEET);
  if (records === null || records.getLastRow() < 2) return 'Nothing is frozen: there is no formula to restore.';
  const rows = records.getRange(2, 1, records.getLastRow() - 1, RECORD_HEADER.length).getValues();
  const frozen: FrozenFormula[] = rows.filter((r) => r[0] !== '').map(readRecord);
  // Check everything before changing anything.
  for (const f of frozen) {
    const sheet = book.getSheetByName(f.sheet);
    if (sheet === null)
      throw new Error(`The sheet "${f.sheet}" holding frozen formulas no longer exists; nothing was restored.`);
    const block = sheet.getRange(f.row, f.column, f.rows, f.columns);
    const now = block.getValues();
    for (let r = 0; r < f.rows; r++) {
      for (let c = 0; c < f.columns; c++) {
        if (!sameValue(now[r][c], f.values[r][c])) {
          throw new Error(
            `${f.sheet}!${a1(f.row + r, f.column + c)} was edited after freezing ` +
              `(${editedText(now[r][c], block.getDisplayValues()[r][c], f.values[r][c], f.shown?.[r]?.[c])}); ` +
              `restoring would overwrite it. Put the frozen value back or clear the cell, then restore again. ` +
              `Nothing was restored.`,
          );
        }
      }
    }
  }
  const applied: { f: FrozenFormula; block: RangeApi; anchor: RangeApi; noteNow: string }[] = [];
  try {
    for (const f of frozen) {
      const sheet = book.getSheetByName(f.sheet)!;
      const block = sheet.getRange(f.row, f.column, f.rows, f.columns);
      const anchor = sheet.getRange(f.row, f.column, 1, 1);
      const noteNow = anchor.getNotes()[0][0];
      applied.push({ f, block, anchor, noteNow });
      block.clearContent();
      anchor.setValues([[f.formula]]);
      anchor.setNotes([[f.noteBefore]]);
    }
    env.flush();
    // Last, once the formulas are surely back: the records go only when nothing else can fail.
    book.deleteSheet(records);
  } catch (error) {
    const problems = undoAll([
      ...applied.reverse().map(({ f, block, anchor, noteNow }) => () => {
        block.setValues(f.values);
        anchor.setNotes([[noteNow]]);
      }),
      () => env.flush(),
    ]);
    throw failure('restore', error, problems);
  }
  return `Restored ${frozen.length} live formula${frozen.length === 1 ? '' : 's'} of Liquidation Planner.`;
}

/** Text that Sheets must keep as text (not read as a formula, number or date): a leading apostrophe. */
function text(value: string): string {
  return value === '' ? '' : `'${value}`;
}

/** Sheets drops the apostrophe when reading; a store that keeps it (the tests' double) needs it dropped here. */
function untext(value: CellValue): string {
  return String(value).replace(/^'/, '');
}

/** A frozen cell's edit in the user's terms: as the cell shows values, or raw where the display hides the change. */
function editedText(now: CellValue, nowShown: string, then: CellValue, thenShown: string | undefined): string {
  if (thenShown === undefined || nowShown === thenShown)
    return `it holds ${JSON.stringify(now)}, frozen as ${JSON.stringify(then)}`;
  return nowShown === '' ? `it is empty now, frozen as ${thenShown}` : `it shows ${nowShown}, frozen as ${thenShown}`;
}

function sameValue(a: CellValue, b: CellValue): boolean {
  return JSON.stringify(a ?? '') === JSON.stringify(b ?? '');
}

function failure(what: 'freeze' | 'restore', error: unknown, problems: string[]): Error {
  const reason = error instanceof Error ? error.message : String(error);
  return new Error(
    problems.length === 0
      ? `Could not ${what} (${reason}); the spreadsheet is as it was.`
      : `Could not ${what} (${reason}), and undoing it also failed ` +
          `(${problems.join('; ')}); check the sheets named in "${FROZEN_SHEET}".`,
  );
}

function scopeText(scope: FreezeScope): string {
  return scope === 'selection' ? 'the selection' : scope === 'sheet' ? 'this sheet' : 'the whole spreadsheet';
}

/** The add-on formulas of the scope, each with the block its result fills and the values shown there. */
function findFormulas(env: SheetEnv, scope: FreezeScope): FrozenFormula[] {
  const book = env.spreadsheet;
  const active = book.getActiveRange();
  const areas: { sheet: SheetApi; row: number; column: number; rows: number; columns: number }[] = [];
  if (scope === 'selection') {
    if (active === null) throw new Error('Select the cells to freeze first.');
    areas.push({
      sheet: active.getSheet(),
      row: active.getRow(),
      column: active.getColumn(),
      rows: active.getNumRows(),
      columns: active.getNumColumns(),
    });
  } else {
    const sheets =
      scope === 'sheet' ? [book.getActiveSheet()] : book.getSheets().filter((s) => s.getName() !== FROZEN_SHEET);
    for (const sheet of sheets)
      areas.push({ sheet, row: 1, column: 1, rows: sheet.getLastRow(), columns: sheet.getLastColumn() });
  }
  const found: FrozenFormula[] = [];
  for (const area of areas) {
    if (area.rows < 1 || area.columns < 1) continue;
    const sheet = area.sheet;
    const lastRow = Math.max(sheet.getLastRow(), area.row + area.rows - 1);
    const lastColumn = Math.max(sheet.getLastColumn(), area.column + area.columns - 1);
    // One read of the sheet's used part: formulas, values (raw and shown) and notes.
    const whole = sheet.getRange(1, 1, lastRow, lastColumn);
    const formulas = whole.getFormulas();
    const values = whole.getValues();
    const displayed = whole.getDisplayValues();
    const notes = whole.getNotes();
    const valueAt = (row: number, column: number): CellValue => values[row - 1]?.[column - 1] ?? '';
    const read: CellReader = (name, row, column, rows, columns) => {
      const other = name === null || name === sheet.getName() ? null : book.getSheetByName(name);
      if (other !== null) return other.getRange(row, column, rows, columns).getValues();
      return Array.from({ length: rows }, (_, r) =>
        Array.from({ length: columns }, (_, c) => valueAt(row + r, column + c)),
      );
    };
    for (let r = area.row; r < area.row + area.rows; r++) {
      for (let c = area.column; c < area.column + area.columns; c++) {
        const formula = formulas[r - 1][c - 1];
        if (!usesAddonFunction(formula)) continue;
        // A failed call shows its error in its own cell only.
        const failed = typeof valueAt(r, c) === 'string' && /^#[A-Z/0!?]+[!?]?$/.test(String(valueAt(r, c)));
        let shape = failed ? { rows: 1, columns: 1 } : formulaShape(formula, read);
        shape = { rows: Math.min(shape.rows, lastRow - r + 1), columns: Math.min(shape.columns, lastColumn - c + 1) };
        // A spill area never holds formulas; if it seems to, keep to the anchor cell.
        for (let dr = 0; dr < shape.rows; dr++)
          for (let dc = 0; dc < shape.columns; dc++)
            if ((dr > 0 || dc > 0) && formulas[r - 1 + dr][c - 1 + dc] !== '') shape = { rows: 1, columns: 1 };
        const cells = <T>(read: (row: number, column: number) => T) =>
          Array.from({ length: shape.rows }, (_, dr) =>
            Array.from({ length: shape.columns }, (_, dc) => read(r + dr, c + dc)),
          );
        found.push({
          sheet: sheet.getName(),
          row: r,
          column: c,
          formula,
          rows: shape.rows,
          columns: shape.columns,
          noteBefore: notes[r - 1][c - 1],
          values: cells(valueAt),
          shown: cells((row, column) => displayed[row - 1]?.[column - 1] ?? ''),
        });
      }
    }
  }
  return found;
}

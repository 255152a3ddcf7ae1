import { a1 } from '../shared/a1';
import type { GridPlan, PlannedChart, PlannedRule } from './gridPlan';
import type { CellValue, SheetApi, SheetEnv } from '../shared/sheetApi';

/** The cells (A1) in a rectangle that hold a value or a formula, at most `limit` of them. */
export function occupiedCells(
  sheet: SheetApi,
  row: number,
  column: number,
  rows: number,
  columns: number,
  limit = 5,
): string[] {
  // Past the sheet's edge everything is empty (and Sheets refuses to read there).
  const inRows = Math.min(rows, sheet.getMaxRows() - row + 1);
  const inColumns = Math.min(columns, sheet.getMaxColumns() - column + 1);
  if (inRows < 1 || inColumns < 1) return [];
  const range = sheet.getRange(row, column, inRows, inColumns);
  const values = range.getValues();
  const formulas = range.getFormulas();
  const found: string[] = [];
  for (let r = 0; r < inRows && found.length < limit; r++) {
    for (let c = 0; c < inColumns && found.length < limit; c++) {
      if (!isEmptyCell(values[r][c]) || formulas[r][c] !== '') found.push(a1(row + r, column + c));
    }
  }
  return found;
}

function isEmptyCell(value: CellValue): boolean {
  return value === '' || value === null || value === undefined;
}

/** The first row at or below `row` where the plan's footprint is empty in `column`'s columns. */
export function nextFreeRow(sheet: SheetApi, plan: GridPlan, row: number, column: number): number {
  // Below the sheet's last row everything is empty; look for a gap before that first.
  const last = sheet.getLastRow();
  for (let r = row; r <= last; r++) {
    if (occupiedCells(sheet, r, column, plan.footprintRows, plan.footprintColumns, 1).length === 0) return r;
  }
  return Math.max(row, last + 2);
}

export class OccupiedError extends Error {
  override readonly name = 'OccupiedError';
  constructor(readonly cells: readonly string[]) {
    super(`The target area is not empty (${cells.join(', ')}${cells.length >= 5 ? ', …' : ''}); nothing was written.`);
  }
}

/**
 * Writes a plan at (`row`, `column`), all or nothing: it refuses a footprint that is not empty,
 * writes each block in one call (values and formulas, number formats, weights, backgrounds,
 * conditional formatting, charts), and if any step fails it puts back what was there before
 * (formats of the block, the sheet's conditional format rules, no charts, no values) and throws.
 */
export function writePlan(env: SheetEnv, sheet: SheetApi, row: number, column: number, plan: GridPlan): void {
  const occupied = occupiedCells(sheet, row, column, plan.footprintRows, plan.footprintColumns);
  if (occupied.length > 0) throw new OccupiedError(occupied);

  const grown = growSheet(sheet, row + plan.footprintRows - 1, column + plan.footprintColumns - 1);
  const block = sheet.getRange(row, column, plan.rows, plan.columns);
  const before = {
    numberFormats: block.getNumberFormats(),
    backgrounds: block.getBackgrounds(),
    fontWeights: block.getFontWeights(),
    rules: sheet.getConditionalFormatRules(),
  };
  const inserted: unknown[] = [];
  try {
    block.setValues(plan.values);
    block.setNumberFormats(plan.numberFormats);
    block.setFontWeights(plan.fontWeights);
    block.setBackgrounds(plan.backgrounds);
    sheet.setConditionalFormatRules(
      before.rules.concat(plan.rules.map((rule) => buildRule(env, sheet, row, column, rule))),
    );
    for (const planned of plan.charts) {
      const chart = buildChart(env, sheet, row, column, plan, planned);
      sheet.insertChart(chart);
      inserted.push(chart);
    }
    env.flush();
  } catch (error) {
    const undo = [
      ...[...inserted].reverse().map((chart) => () => sheet.removeChart(chart)),
      () => sheet.setConditionalFormatRules(before.rules),
      () => block.clearContent(),
      () => block.setNumberFormats(before.numberFormats),
      () => block.setFontWeights(before.fontWeights),
      () => block.setBackgrounds(before.backgrounds),
      () => grown.columns > 0 && sheet.deleteColumns(grown.firstColumn, grown.columns),
      () => grown.rows > 0 && sheet.deleteRows(grown.firstRow, grown.rows),
      () => env.flush(),
    ];
    const failures = undoAll(undo);
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(
      failures.length === 0
        ? `Could not write the grid (${reason}); the sheet is as it was.`
        : `Could not write the grid (${reason}), and undoing it also failed ` +
            `(${failures.join('; ')}); check ${a1(row, column)} onwards.`,
    );
  }
}

/**
 * Adds rows and columns so that (`lastRow`, `lastColumn`) is inside the sheet: Sheets refuses a
 * range past its edge, and a new sheet has only 26 columns. Returns what was added, to undo it.
 */
export function growSheet(sheet: SheetApi, lastRow: number, lastColumn: number) {
  const maxRows = sheet.getMaxRows();
  const maxColumns = sheet.getMaxColumns();
  const grown = {
    firstRow: maxRows + 1,
    rows: Math.max(0, lastRow - maxRows),
    firstColumn: maxColumns + 1,
    columns: Math.max(0, lastColumn - maxColumns),
  };
  if (grown.rows > 0) sheet.insertRowsAfter(maxRows, grown.rows);
  if (grown.columns > 0) sheet.insertColumnsAfter(maxColumns, grown.columns);
  return grown;
}

/** Runs every undo step even if some fail; returns what failed, for the user's message. */
export function undoAll(steps: readonly (() => unknown)[]): string[] {
  return steps.flatMap((step) => {
    try {
      step();
      return [];
    } catch (error) {
      return [error instanceof Error ? error.message : String(error)];
    }
  });
}

/**
 * Writes a plan at A1 of a new sheet named `base` (or `base (2)`, … if taken), which is removed
 * again if the write fails; the new sheet becomes the active one.
 */
export function writePlanOnNewSheet(env: SheetEnv, base: string, plan: GridPlan): SheetApi {
  let name = base;
  for (let i = 2; env.spreadsheet.getSheetByName(name) !== null; i++) name = `${base} (${i})`;
  const sheet = env.spreadsheet.insertSheet(name);
  try {
    writePlan(env, sheet, 1, 1, plan);
    if (plan.sheetLayout) {
      plan.sheetLayout.columnWidths.forEach((width, i) => sheet.setColumnWidth(i + 1, width));
      sheet.getRange(plan.sheetLayout.wrappedRow + 1, 1, 1, plan.columns).setWrap(true);
    }
  } catch (error) {
    env.spreadsheet.deleteSheet(sheet);
    throw error;
  }
  sheet.activate();
  selectFirstInput(sheet, 1, 1, plan);
  return sheet;
}

/** Selects the plan's first input (written with its top-left cell at `row`, `column`), scrolling it into view. */
export function selectFirstInput(sheet: SheetApi, row: number, column: number, plan: GridPlan): void {
  sheet.getRange(row + plan.firstInput.row, column + plan.firstInput.column, 1, 1).activate();
}

function buildRule(env: SheetEnv, sheet: SheetApi, row: number, column: number, rule: PlannedRule): unknown {
  const ranges = rule.areas.map((a) => sheet.getRange(row + a.row, column + a.column, a.rows, a.columns));
  const builder = env.newConditionalFormatRule();
  const when = rule.when;
  const conditioned =
    when[0] === 'lessThan'
      ? builder.whenNumberLessThan(when[1])
      : when[0] === 'between'
        ? builder.whenNumberBetween(when[1], when[2])
        : when[0] === 'atLeast'
          ? builder.whenNumberGreaterThanOrEqualTo(when[1])
          : builder.whenFormulaSatisfied(when[1]);
  return conditioned.setBackground(rule.background).setRanges(ranges).build();
}

/** Series colours where a chart pairs a line with its marks (Sheets' own first three). */
const CHART_COLORS = ['#4285f4', '#ea4335', '#fbbc04'];

function buildChart(
  env: SheetEnv,
  sheet: SheetApi,
  row: number,
  column: number,
  plan: GridPlan,
  spec: PlannedChart,
): unknown {
  const table = spec.table ?? { headerRow: plan.headerRow, rows: plan.tableRows };
  const headerRow = row + table.headerRow;
  let builder = sheet.newChart().setChartType(env.lineChartType).setNumHeaders(1);
  for (const c of [spec.domainColumn, ...spec.seriesColumns])
    builder = builder.addRange(sheet.getRange(headerRow, column + c, table.rows + 1, 1));
  const at = spec.at ?? { row: plan.headerRow, column: plan.columns + 1 };
  const marks = spec.marks ?? [];
  const series = Object.fromEntries(
    marks.flatMap(({ series: k, like }) => [
      [like, { color: CHART_COLORS[like % CHART_COLORS.length] }],
      [k, { lineWidth: 0, pointSize: 8, color: CHART_COLORS[like % CHART_COLORS.length] }],
    ]),
  );
  builder = marks.length > 0 ? builder.setOption('series', series) : builder;
  return builder
    .setPosition(row + at.row, column + at.column, 0, 0)
    .setOption('title', spec.title)
    .setOption('hAxis', { title: spec.axes.h, ...(spec.axes.hPercent ? { format: 'percent' } : {}) })
    .setOption('vAxis', { title: spec.axes.v })
    .setOption('legend', { position: 'bottom' })
    .setOption('width', 480)
    .setOption('height', 320)
    .build();
}

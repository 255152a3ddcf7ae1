import { a1 } from '../shared/a1';
import { type GridBrackets, bundledBrackets, planGrid } from './gridPlan';
import { importedTable } from './bracketImport';
import { coinOf, isCoinMargined } from '../engine';
import { nextFreeRow, occupiedCells, selectFirstInput, writePlan, writePlanOnNewSheet } from './gridWriter';
import { type ScenarioRequest, checkScenarioRequest } from './scenarioRequest';
import type { InsertResult, Placement, SelectedCell, SelectedValues } from '../shared/protocol';
import type { SheetApi, SheetEnv } from '../shared/sheetApi';

export type { InsertResult, Placement };

/**
 * Inserts a scenario grid. Never writes over data: if the target area holds anything, nothing
 * is written and the answer says which cells, with the next free place to offer instead.
 */
export function insertScenarioGrid(env: SheetEnv, requestInput: unknown, placementInput: unknown): InsertResult {
  const request = checkScenarioRequest(requestInput);
  const placement = checkPlacement(placementInput);
  if (placement.kind === 'newSheet') return insertOnNewSheet(env, request);

  const { sheet, row, column } = target(env, placement);
  const plan = planGrid(request, row, column, gridBrackets(env, request.symbol));
  const occupied = occupiedCells(sheet, row, column, plan.footprintRows, plan.footprintColumns);
  if (occupied.length > 0) {
    const freeRow = nextFreeRow(sheet, plan, row, column);
    return {
      status: 'occupied',
      sheetName: sheet.getName(),
      a1: a1(row, column),
      occupied,
      suggestion: { sheetName: sheet.getName(), row: freeRow, column, a1: a1(freeRow, column) },
    };
  }
  writePlan(env, sheet, row, column, plan);
  selectFirstInput(sheet, row, column, plan);
  return { status: 'inserted', sheetName: sheet.getName(), a1: a1(row, column) };
}

/** A new sheet named after the scenario; removed again if the write fails. */
export function insertOnNewSheet(env: SheetEnv, request: ScenarioRequest): InsertResult {
  const plan = planGrid(request, 1, 1, gridBrackets(env, request.symbol));
  const sheet = writePlanOnNewSheet(env, `${request.symbol} ${request.side} scenario`, plan);
  return { status: 'inserted', sheetName: sheet.getName(), a1: 'A1' };
}

/** The spreadsheet's imported brackets of a symbol where there are some (the grid then passes their named range). */
function gridBrackets(env: SheetEnv, symbol: string): GridBrackets {
  const imported = importedTable(env, symbol);
  if (imported === null) return bundledBrackets(symbol);
  return {
    rangeName: imported.rangeName,
    text: `${imported.source} (${imported.rangeName}, as of ${imported.asOf})`,
    contract: isCoinMargined(imported.symbol)
      ? { contractSize: imported.contractSize, unit: coinOf(imported.symbol) }
      : bundledBrackets(imported.symbol).contract,
  };
}

function target(
  env: SheetEnv,
  placement: Exclude<Placement, { kind: 'newSheet' }>,
): { sheet: SheetApi; row: number; column: number } {
  if (placement.kind === 'at') {
    const sheet = env.spreadsheet.getSheetByName(placement.sheetName);
    if (sheet === null) throw new Error(`The sheet "${placement.sheetName}" no longer exists.`);
    return { sheet, row: placement.row, column: placement.column };
  }
  const range = env.spreadsheet.getActiveRange();
  if (range === null) return { sheet: env.spreadsheet.getActiveSheet(), row: 1, column: 1 };
  return { sheet: range.getSheet(), row: range.getRow(), column: range.getColumn() };
}

function checkPlacement(input: unknown): Placement {
  const p = (input ?? {}) as Record<string, unknown>;
  if (p.kind === 'selection' || p.kind === 'newSheet') return { kind: p.kind };
  if (
    p.kind === 'at' &&
    typeof p.sheetName === 'string' &&
    Number.isInteger(p.row) &&
    Number.isInteger(p.column) &&
    (p.row as number) >= 1 &&
    (p.column as number) >= 1
  ) {
    return { kind: 'at', sheetName: p.sheetName, row: p.row as number, column: p.column as number };
  }
  throw new Error(`Unknown placement ${JSON.stringify(input)}.`);
}

/** The selected cell's value, for the sidebar's "use the selected cell" button. */
export function selectedCellValue(env: SheetEnv): SelectedCell {
  const range = env.spreadsheet.getActiveRange();
  if (range === null) return { a1: null, value: null };
  const value = range.getValues()[0]?.[0];
  return {
    a1: a1(range.getRow(), range.getColumn()),
    value: typeof value === 'number' || typeof value === 'string' ? value : null,
  };
}

/** At most this many cells are read for "From cells": a year of hourly closes. */
const MAX_SELECTED_CELLS = 10000;

/** The selected range's numbers and texts (other values as blanks), for a volatility. */
export function selectedValues(env: SheetEnv): SelectedValues {
  const range = env.spreadsheet.getActiveRange();
  if (range === null) return { a1: null, values: [] };
  const rows = range.getNumRows();
  const columns = range.getNumColumns();
  const first = a1(range.getRow(), range.getColumn());
  const where =
    rows * columns === 1 ? first : `${first}:${a1(range.getRow() + rows - 1, range.getColumn() + columns - 1)}`;
  if (rows * columns > MAX_SELECTED_CELLS) {
    throw new Error(`${where} has ${rows * columns} cells; select at most ${MAX_SELECTED_CELLS} closes.`);
  }
  const values = range
    .getValues()
    .map((row) => row.map((v) => (typeof v === 'number' || typeof v === 'string' ? v : null)));
  return { a1: where, values };
}

import type { SheetEnv, SpreadsheetApi } from '../shared/sheetApi';

/** The real Apps Script services, looked up only when a server function runs (never at load). */
export function appsScriptEnv(): SheetEnv {
  return {
    spreadsheet: SpreadsheetApp.getActive() as unknown as SpreadsheetApi,
    newConditionalFormatRule: () => SpreadsheetApp.newConditionalFormatRule() as never,
    lineChartType: Charts.ChartType.LINE,
    flush: () => SpreadsheetApp.flush(),
    now: () => new Date(),
  };
}

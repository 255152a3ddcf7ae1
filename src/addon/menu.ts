import type { ImportServer, SidebarServer } from '../shared/protocol';
import { importPastedBrackets, importedTable, previewImport } from './bracketImport';
import { appsScriptEnv } from './appsScriptEnv';
import { EXAMPLE_REQUEST } from './scenarioRequest';
import { insertOnNewSheet, insertScenarioGrid, selectedCellValue, selectedValues } from './server';
import { type FreezeScope, freezeFormulas, restoreFormulas } from './freeze';
import { insertRiskPlan } from './riskPlan';
import { ADDON_NAME, HTML_FILES, REFUSED_TITLE } from '../shared/entryPoints';
import { aboutText } from './about';

export { onInstall, onOpen } from './onOpen';

export function showScenarioBuilder(): void {
  const html = HtmlService.createHtmlOutputFromFile(HTML_FILES.sidebar).setTitle(ADDON_NAME);
  SpreadsheetApp.getUi().showSidebar(html);
}

export function insertExampleSheet(): void {
  insertOnNewSheet(appsScriptEnv(), EXAMPLE_REQUEST);
}

export function showAbout(): void {
  const ui = SpreadsheetApp.getUi();
  ui.alert(ADDON_NAME, aboutText(appsScriptEnv()), ui.ButtonSet.OK);
}

// Called by the sidebar through google.script.run (what arrives is checked: it is data from the browser).
const sidebarServer = {
  sidebarInsertGrid: (request, placement) => insertScenarioGrid(appsScriptEnv(), request, placement),
  sidebarSelectedCell: () => selectedCellValue(appsScriptEnv()),
  sidebarSelectedValues: () => selectedValues(appsScriptEnv()),
  sidebarMarketBrackets: (symbol) => importedTable(appsScriptEnv(), symbol),
} satisfies SidebarServer;
export const { sidebarInsertGrid, sidebarSelectedCell, sidebarSelectedValues, sidebarMarketBrackets } = sidebarServer;

export function showImportDialog(): void {
  const html = HtmlService.createHtmlOutputFromFile(HTML_FILES.importDialog).setWidth(720).setHeight(560);
  SpreadsheetApp.getUi().showModalDialog(html, 'Import brackets');
}

// Called by the Import brackets dialog (the paste is checked on the server; a refusal changes nothing).
const importServer = {
  previewBrackets: (text) => previewImport(appsScriptEnv(), text),
  importBrackets: (text, markets) => importPastedBrackets(appsScriptEnv(), text, markets),
} satisfies ImportServer;
export const { previewBrackets, importBrackets } = importServer;

export function insertRiskPlanSheet(): void {
  insertRiskPlan(appsScriptEnv());
}

/** Runs a freeze or restore and tells the user what happened (or why nothing changed). */
function report(action: () => string): void {
  const ui = SpreadsheetApp.getUi();
  let title = ADDON_NAME;
  let message: string;
  try {
    message = action();
  } catch (error) {
    title = REFUSED_TITLE;
    message = error instanceof Error ? error.message : String(error);
  }
  ui.alert(title, message, ui.ButtonSet.OK);
}

const freeze = (scope: FreezeScope) => () => report(() => freezeFormulas(appsScriptEnv(), scope));
export const freezeSelection = freeze('selection');
export const freezeSheet = freeze('sheet');
export const freezeSpreadsheet = freeze('spreadsheet');

export function restoreLiveFormulas(): void {
  report(() => restoreFormulas(appsScriptEnv()));
}

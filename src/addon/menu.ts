import { SNAPSHOT_AS_OF, SNAPSHOT_SOURCE } from '../data/symbols';
import { appsScriptEnv } from './appsScriptEnv';
import { EXAMPLE_REQUEST } from './scenarioRequest';
import { insertOnNewSheet, insertScenarioGrid, selectedCellValue } from './server';

export const ADDON_NAME = 'Liquidation Planner';
export const SIDEBAR_FILE = 'Sidebar';

/**
 * Builds the add-on menu. Runs in AuthMode.NONE before the add-on is enabled in a document, so
 * it touches nothing but the UI menu.
 */
export function onOpen(): void {
  SpreadsheetApp.getUi()
    .createAddonMenu()
    .addItem('Open scenario builder', 'showScenarioBuilder')
    .addItem('Insert example sheet', 'insertExampleSheet')
    .addSeparator()
    .addItem('About', 'showAbout')
    .addToUi();
}

export function onInstall(): void {
  onOpen();
}

export function showScenarioBuilder(): void {
  const html = HtmlService.createHtmlOutputFromFile(SIDEBAR_FILE).setTitle(ADDON_NAME);
  SpreadsheetApp.getUi().showSidebar(html);
}

export function insertExampleSheet(): void {
  insertOnNewSheet(appsScriptEnv(), EXAMPLE_REQUEST);
}

export function showAbout(): void {
  const ui = SpreadsheetApp.getUi();
  ui.alert(
    ADDON_NAME,
    `Exact liquidation prices, maximum loss and cross-vs-isolated comparisons for Binance USDⓈ-M futures, computed in this spreadsheet with no network calls.\n\nLeverage brackets: snapshot of ${SNAPSHOT_AS_OF} (${SNAPSHOT_SOURCE}). Brackets change; pass your own table to any function if yours differ.\n\nNot covered: Multi-Assets mode, Portfolio Margin, fees and funding.`,
    ui.ButtonSet.OK,
  );
}

// Called by the sidebar through google.script.run.
export function sidebarInsertGrid(request: unknown, placement: unknown) {
  return insertScenarioGrid(appsScriptEnv(), request, placement);
}

export function sidebarSelectedCell() {
  return selectedCellValue(appsScriptEnv());
}

/**
 * The add-on's Apps Script entry points: each becomes a top-level function in dist/Code.js that
 * forwards to the bundle (menu items and google.script.run need top-level names).
 */
export const ENTRY_POINTS: readonly { readonly name: string; readonly params: readonly string[]; readonly doc: string }[] = [
  { name: 'onOpen', params: ['e'], doc: 'Adds the Liquidation Planner menu (runs in AuthMode.NONE: UI only).' },
  { name: 'onInstall', params: ['e'], doc: 'Same as onOpen, right after installation.' },
  { name: 'showScenarioBuilder', params: [], doc: 'Menu: opens the scenario builder sidebar.' },
  { name: 'insertExampleSheet', params: [], doc: 'Menu: inserts the cross-vs-isolated example on a new sheet.' },
  { name: 'showAbout', params: [], doc: 'Menu: what the add-on does and the bracket snapshot date.' },
  { name: 'insertRiskPlanSheet', params: [], doc: 'Menu: inserts the risk-plan template on a new sheet.' },
  { name: 'freezeSelection', params: [], doc: "Menu: replaces the add-on's formulas in the selection by their values, restorably." },
  { name: 'freezeSheet', params: [], doc: "Menu: the same for this sheet." },
  { name: 'freezeSpreadsheet', params: [], doc: "Menu: the same for the whole spreadsheet." },
  { name: 'restoreLiveFormulas', params: [], doc: 'Menu: puts every frozen formula back.' },
  { name: 'sidebarInsertGrid', params: ['request', 'placement'], doc: 'Sidebar: writes a scenario grid, never over data.' },
  { name: 'sidebarSelectedCell', params: [], doc: "Sidebar: the selected cell's value." },
];

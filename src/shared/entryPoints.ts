import type * as Addon from '../addon/menu';

export const ADDON_NAME = 'Liquidation Planner';

/** The title of a menu message that reports a refusal, so that it does not read like a success. */
export const REFUSED_TITLE = `${ADDON_NAME}: nothing changed`;

/**
 * The project's HTML files, by the name HtmlService opens them with (dist/<name>.html). `addon` holds
 * the menu's and dialogs' server code: Code.js reads it only when one of them runs (see scripts/build.mjs),
 * so that a sheet function's call, which loads the whole of Code.js, does not load it.
 */
export const HTML_FILES = { sidebar: 'Sidebar', importDialog: 'Import', addon: 'Addon' } as const;

/** A menu item: its label, the submenu it sits in, and whether a separator comes before it. */
export interface MenuItem {
  readonly label: string;
  readonly submenu?: string;
  readonly separatorBefore?: boolean;
}

/** The functions the add-on's menu module exports: what an entry point can name. */
type AddonFunction = {
  [K in keyof typeof Addon]: (typeof Addon)[K] extends (...args: never[]) => unknown ? K : never;
}[keyof typeof Addon];

export interface EntryPoint {
  readonly name: AddonFunction;
  readonly params: readonly string[];
  readonly doc: string;
  /** Where it appears in Extensions → Liquidation Planner, in this list's order. */
  readonly menu?: MenuItem;
  /**
   * Runs from Code.js itself, not from the add-on file: onOpen runs in AuthMode.NONE, where nothing but the
   * UI menu may be touched (not even HtmlService to read a file).
   */
  readonly inScript?: true;
}

/**
 * The add-on's Apps Script entry points, declared once: each becomes a top-level function in
 * dist/Code.js that forwards to the bundle (menu items and google.script.run need top-level
 * names), and the menu (in Sheets and in the playground) is built from the `menu` entries.
 */
export const ENTRY_POINTS = [
  {
    name: 'onOpen',
    params: ['e'],
    doc: 'Adds the Liquidation Planner menu (runs in AuthMode.NONE: UI only).',
    inScript: true,
  },
  { name: 'onInstall', params: ['e'], doc: 'Same as onOpen, right after installation.', inScript: true },
  {
    name: 'showScenarioBuilder',
    params: [],
    doc: 'Menu: opens the scenario builder sidebar.',
    menu: { label: 'Open scenario builder' },
  },
  {
    name: 'insertExampleSheet',
    params: [],
    doc: 'Menu: inserts the cross-vs-isolated example on a new sheet.',
    menu: { label: 'Insert example sheet' },
  },
  {
    name: 'insertRiskPlanSheet',
    params: [],
    doc: 'Menu: inserts the risk-plan template on a new sheet.',
    menu: { label: 'Insert risk plan' },
  },
  {
    name: 'showImportDialog',
    params: [],
    doc: "Menu: imports today's brackets from a paste.",
    menu: { label: 'Import brackets…' },
  },
  {
    name: 'freezeSelection',
    params: [],
    doc: "Menu: replaces the add-on's formulas in the selection by their values, restorably.",
    menu: { label: 'Selection', submenu: 'Freeze values for sharing', separatorBefore: true },
  },
  {
    name: 'freezeSheet',
    params: [],
    doc: 'Menu: the same for this sheet.',
    menu: { label: 'This sheet', submenu: 'Freeze values for sharing' },
  },
  {
    name: 'freezeSpreadsheet',
    params: [],
    doc: 'Menu: the same for the whole spreadsheet.',
    menu: { label: 'Whole spreadsheet', submenu: 'Freeze values for sharing' },
  },
  {
    name: 'restoreLiveFormulas',
    params: [],
    doc: 'Menu: puts every frozen formula back.',
    menu: { label: 'Restore live formulas' },
  },
  {
    name: 'showAbout',
    params: [],
    doc: 'Menu: what the add-on does and the bracket snapshot date.',
    menu: { label: 'About', separatorBefore: true },
  },
  {
    name: 'sidebarInsertGrid',
    params: ['request', 'placement'],
    doc: 'Sidebar: writes a scenario grid, never over data.',
  },
  { name: 'sidebarSelectedCell', params: [], doc: "Sidebar: the selected cell's value." },
  { name: 'sidebarSelectedValues', params: [], doc: "Sidebar: the selected range's values (closes for a volatility)." },
  {
    name: 'sidebarMarketBrackets',
    params: ['symbol'],
    doc: "Sidebar: the spreadsheet's imported brackets for a symbol, or null.",
  },
  { name: 'previewBrackets', params: ['text'], doc: 'Import dialog: what importing the paste would change.' },
  {
    name: 'importBrackets',
    params: ['text', 'markets'],
    doc: 'Import dialog: imports the paste (the markets listed, or all), all or nothing, never over data.',
  },
] as const satisfies readonly EntryPoint[];

/** Every function of the menu module is an entry point (else Code.js would not expose it): checked when compiling. */
export const EVERY_FUNCTION_LISTED: Exclude<AddonFunction, (typeof ENTRY_POINTS)[number]['name']> extends never
  ? true
  : never = true;

/** The menu as a list of top-level entries: items, and submenus holding theirs. */
export type MenuEntry =
  | { readonly kind: 'item'; readonly label: string; readonly functionName: string; readonly separatorBefore: boolean }
  | {
      readonly kind: 'submenu';
      readonly label: string;
      readonly items: readonly { label: string; functionName: string }[];
      readonly separatorBefore: boolean;
    };

export function menuEntries(): MenuEntry[] {
  const entries: MenuEntry[] = [];
  const points: readonly EntryPoint[] = ENTRY_POINTS;
  for (const point of points) {
    const menu = point.menu;
    if (!menu) continue;
    const item = { label: menu.label, functionName: point.name };
    const last = entries[entries.length - 1];
    if (menu.submenu === undefined)
      entries.push({ kind: 'item', ...item, separatorBefore: Boolean(menu.separatorBefore) });
    else if (last?.kind === 'submenu' && last.label === menu.submenu)
      (last.items as { label: string; functionName: string }[]).push(item);
    else
      entries.push({
        kind: 'submenu',
        label: menu.submenu,
        items: [item],
        separatorBefore: Boolean(menu.separatorBefore),
      });
  }
  return entries;
}

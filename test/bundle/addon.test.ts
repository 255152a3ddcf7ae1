import { existsSync } from 'node:fs';
import { join } from 'node:path';
import vm from 'node:vm';
import { ENTRY_POINTS } from '../../src/shared/entryPoints';
import { EXAMPLE_REQUEST } from '../../src/addon/scenarioRequest';
import { FROZEN_SHEET } from '../../src/addon/freeze';
import { fakeEnv } from '../addon/fakeSheets';
import { addonFileSource, bundleSource, htmlServiceWithAddonFile } from './loadBundle';

// The add-on's entry points in the built bundle, with Apps Script services faked in the context.

const source = bundleSource();

/**
 * A context whose Apps Script globals record use. Its HtmlService serves the add-on file (and the test's own
 * fakes for other files); `reads` lists the HTML files opened.
 */
function contextWith(globals: Record<string, unknown>): { context: vm.Context; touched: string[]; reads: string[] } {
  const touched: string[] = [];
  const reads: string[] = [];
  const sandbox: Record<string, unknown> = {};
  const services = { ...globals, HtmlService: htmlServiceWithAddonFile(globals.HtmlService ?? {}, reads) };
  for (const [name, value] of Object.entries(services)) {
    Object.defineProperty(sandbox, name, {
      get: () => {
        touched.push(name);
        return value;
      },
    });
  }
  const context = vm.createContext(sandbox);
  vm.runInContext(source, context);
  return { context, touched, reads };
}

function fakeUi() {
  const menu: { items: [string, string][]; separators: number; added: boolean } = {
    items: [],
    separators: 0,
    added: false,
  };
  const shown: { sidebar: unknown[]; alerts: unknown[][] } = { sidebar: [], alerts: [] };
  const subMenu = (prefix: string) => {
    const sub = {
      addItem: (caption: string, fn: string) => (menu.items.push([`${prefix} › ${caption}`, fn]), sub),
    };
    return sub;
  };
  const builder = {
    addItem: (caption: string, fn: string) => (menu.items.push([caption, fn]), builder),
    addSeparator: () => (menu.separators++, builder),
    addSubMenu: () => builder,
    addToUi: () => {
      menu.added = true;
    },
  };
  const ui = {
    createAddonMenu: () => builder,
    createMenu: (title: string) => subMenu(title),
    showSidebar: (html: unknown) => shown.sidebar.push(html),
    alert: (...args: unknown[]) => shown.alerts.push(args),
    ButtonSet: { OK: 'OK' },
  };
  return { ui, menu, shown };
}

describe('add-on entry points in dist/Code.js', () => {
  it('loading the script touches no Apps Script service', () => {
    const { touched } = contextWith({ SpreadsheetApp: {}, HtmlService: {}, Charts: {} });
    expect(touched).toEqual([]);
  });

  it("a sheet function's call touches no service and reads no HTML file: Code.js alone serves it", () => {
    const { context, touched, reads } = contextWith({ SpreadsheetApp: {}, Charts: {} });
    expect((context.MAINT_MARGIN as (n: number) => unknown)(10000)).toBeGreaterThan(0);
    expect(touched).toEqual([]);
    expect(reads).toEqual([]);
  });

  it("the add-on's server code is in the add-on file, not in Code.js, and is read once per execution", () => {
    const addonSource = addonFileSource();
    expect(source).not.toContain(FROZEN_SHEET);
    expect(addonSource).toContain(FROZEN_SHEET);
    const env = fakeEnv();
    const { context, reads } = contextWith({
      SpreadsheetApp: { getActive: () => env.spreadsheet },
      Charts: { ChartType: { LINE: 'LINE' } },
    });
    (context.sidebarSelectedCell as () => unknown)();
    (context.sidebarSelectedValues as () => unknown)();
    expect(reads).toEqual(['Addon']);
  });

  it('the add-on file is one script element holding a plain script: no module syntax, no Node globals', () => {
    const file = addonFileSource();
    expect(file.startsWith('<script>\n')).toBe(true);
    expect(file.endsWith('</script>\n')).toBe(true);
    const script = file.slice('<script>\n'.length, -'</script>\n'.length);
    expect(script).not.toMatch(/<\/script/i);
    expect(script).not.toMatch(/^\s*(export|import)\s/m);
    expect(script).not.toMatch(/\brequire\s*\(|\bprocess\.|\bBuffer\b|__dirname/);
    expect(() => new vm.Script(`(function () {${script}\n})`)).not.toThrow();
  });

  it.each(ENTRY_POINTS.map((e) => [e.name]))('%s is a top-level function', (name) => {
    const { context } = contextWith({});
    expect(typeof context[name]).toBe('function');
  });

  it('onOpen and onInstall build the menu using the UI only (AuthMode.NONE)', () => {
    for (const entry of ['onOpen', 'onInstall']) {
      const { ui, menu } = fakeUi();
      const SpreadsheetApp = new Proxy(
        { getUi: () => ui },
        {
          get: (target, name) => {
            if (name !== 'getUi') throw new Error(`AuthMode.NONE: SpreadsheetApp.${String(name)} is not allowed`);
            return target.getUi;
          },
        },
      );
      const { context, touched, reads } = contextWith({ SpreadsheetApp, HtmlService: {}, Charts: {} });
      (context[entry] as (e: unknown) => void)({ authMode: 'NONE' });
      expect(reads).toEqual([]);
      expect(menu.added).toBe(true);
      expect(menu.items).toEqual([
        ['Open scenario builder', 'showScenarioBuilder'],
        ['Insert example sheet', 'insertExampleSheet'],
        ['Insert risk plan', 'insertRiskPlanSheet'],
        ['Import brackets…', 'showImportDialog'],
        ['Freeze values for sharing › Selection', 'freezeSelection'],
        ['Freeze values for sharing › This sheet', 'freezeSheet'],
        ['Freeze values for sharing › Whole spreadsheet', 'freezeSpreadsheet'],
        ['Restore live formulas', 'restoreLiveFormulas'],
        ['About', 'showAbout'],
      ]);
      for (const [, fn] of menu.items) expect(typeof context[fn]).toBe('function');
      expect(touched.every((name) => name === 'SpreadsheetApp')).toBe(true);
    }
  });

  it('showScenarioBuilder opens dist/Sidebar.html as a titled sidebar', () => {
    const { ui, shown } = fakeUi();
    const opened: string[] = [];
    const HtmlService = {
      createHtmlOutputFromFile: (file: string) => {
        opened.push(file);
        return { setTitle: (title: string) => ({ file, title }) };
      },
    };
    const { context } = contextWith({ SpreadsheetApp: { getUi: () => ui }, HtmlService });
    (context.showScenarioBuilder as () => void)();
    expect(opened).toEqual(['Sidebar']);
    expect(existsSync(join(__dirname, '../../dist/Sidebar.html'))).toBe(true);
    expect(shown.sidebar).toEqual([{ file: 'Sidebar', title: 'Liquidation Planner' }]);
  });

  it("showAbout names the bracket snapshot's date and age, and the spreadsheet's imports", () => {
    const { ui, shown } = fakeUi();
    const book = fakeEnv().spreadsheet;
    const SpreadsheetApp = { getUi: () => ui, getActive: () => book };
    const { context } = contextWith({ SpreadsheetApp, Charts: { ChartType: { LINE: 'LINE' } } });
    (context.showAbout as () => void)();
    expect(shown.alerts[0][0]).toBe('Liquidation Planner');
    expect(shown.alerts[0][1]).toMatch(/bundled snapshot of 2026-07-02 \(\d+ days old; 804 symbols;/);
    expect(shown.alerts[0][1]).toMatch(/COIN-M: the bundled snapshot of 2026-09-17 \(\d+ days old; 35 symbols\)/);
    expect(shown.alerts[0][1]).toMatch(/Import brackets… brings in today’s, as named ranges BRACKETS_<market>/);
  });

  it('the menu titles a refusal as one, and a success with the add-on name', () => {
    const { ui, shown } = fakeUi();
    const env = fakeEnv();
    const book = env.spreadsheet;
    book.sheets[0].update(1, 1, { formula: '=MAINT_MARGIN(10000)' });
    book.sheets[0].update(1, 1, { value: 40 });
    const SpreadsheetApp = { getActive: () => book, getUi: () => ui, flush: env.flush };
    const { context } = contextWith({ SpreadsheetApp, Charts: { ChartType: { LINE: 'LINE' } } });
    (context.restoreLiveFormulas as () => void)();
    (context.freezeSheet as () => void)();
    book.sheets[0].update(1, 1, { value: 41 });
    (context.restoreLiveFormulas as () => void)();
    expect(shown.alerts.map((alert) => alert.slice(0, 2))).toEqual([
      ['Liquidation Planner', 'Nothing is frozen: there is no formula to restore.'],
      ['Liquidation Planner', expect.stringMatching(/^Froze 1 formula of Liquidation Planner in this sheet/)],
      [
        'Liquidation Planner: nothing changed',
        expect.stringMatching(/^Sheet1!A1 was edited after freezing \(it shows 41, frozen as 40\)/),
      ],
    ]);
  });

  it('sidebarInsertGrid and insertExampleSheet write through SpreadsheetApp', () => {
    const env = fakeEnv();
    const book = env.spreadsheet;
    book.select(book.sheets[0], 2, 2);
    const SpreadsheetApp = {
      getActive: () => book,
      newConditionalFormatRule: env.newConditionalFormatRule,
      flush: env.flush,
    };
    const { context } = contextWith({ SpreadsheetApp, Charts: { ChartType: { LINE: 'LINE' } } });
    const result = (context.sidebarInsertGrid as (r: unknown, p: unknown) => unknown)(EXAMPLE_REQUEST, {
      kind: 'selection',
    });
    expect(JSON.parse(JSON.stringify(result))).toEqual({ status: 'inserted', sheetName: 'Sheet1', a1: 'B2' });
    expect(book.sheets[0].cell(3, 2).value).toBe('Symbol');
    expect(book.sheets[0].charts).toHaveLength(1);
    (context.insertExampleSheet as () => void)();
    expect(book.sheets.map((s) => s.getName())).toEqual(['Sheet1', 'BTCUSDT LONG scenario']);
    expect(book.getActiveSheet().getName()).toBe('BTCUSDT LONG scenario');
    const selected = (context.sidebarSelectedCell as () => unknown)();
    // A sheet written by the add-on opens with its first input selected.
    expect(JSON.parse(JSON.stringify(selected))).toEqual({ a1: 'B2', value: 'BTCUSDT' });
  });
});

import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { FUniver } from '@univerjs/core/facade';
import type {} from '@univerjs/sheets-conditional-formatting/facade';
import type { Browser, Page } from 'playwright-core';
import { planGrid } from '../../src/addon/gridPlan';
import { RISK_COLOURS } from '../../src/shared/risk';
import { POSITION_COLUMNS, planRiskPlan } from '../../src/addon/riskPlan';
import { EXAMPLE_REQUEST } from '../../src/addon/scenarioRequest';
import { STRESS_SERIES } from '../../src/addon/riskPlanStress';
import { columnLetters } from '../../src/shared/a1';
import { Dec, compareLeverage } from '../../src/engine';
import { callFunction } from '../../src/functions';
import { formatValue } from '../addon/displayFormat';
import { launchChromium } from './browser';
import { defaultScenario } from './defaultScenario';
import {
  activeRange,
  cellOnScreen,
  cellPoint,
  clickCell,
  eventually,
  read,
  readOne,
  settle,
  showSheet,
  shownCells,
  typeInto,
  visibleSheets,
} from './workbookPage';

// The playground (playground/dist, built by `npm test`) served locally and driven in Chromium as
// a user drives it: mouse on the sheet's canvas, keyboard, the menu, the sidebar.

jest.setTimeout(120_000);
const ARTIFACTS = join(__dirname, '../../test-artifacts');
/** The risk plan's first position row (below its account block of one wallet per margin asset). */
const PLAN_FIRST = planRiskPlan().tableFirstRow + 1;
const SERVER = join(__dirname, '../../playground/server.mjs');
const EXAMPLES = ['Cross vs isolated', 'Binance cross example', 'Hedge mode', 'Leverage grid', 'Brackets', 'Risk plan'];
const LEVERAGE_500 =
  'leverage: 500× is above the maximum of 150× that BTCUSDT allows for a ' +
  'position of 60,000 USDT (bracket 1: 0 to 300,000 USDT).';
let server: ChildProcess;
let port: number;
let browser: Browser;

/** `node playground/server.mjs` on a free port (PORT=0), as `npm start` runs it; resolves with the port it prints. */
function startServer(): Promise<number> {
  server = spawn(process.execPath, [SERVER], { env: { ...process.env, PORT: '0' }, stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let output = '';
    server.stdout!.on('data', (chunk) => {
      output += String(chunk);
      const found = /http:\/\/localhost:(\d+)/.exec(output);
      if (found) resolve(Number(found[1]));
    });
    server.once('exit', (code) => reject(new Error(`the playground server exited (${code}): ${output}`)));
  });
}

beforeAll(async () => {
  port = await startServer();
  browser = await launchChromium();
  mkdirSync(ARTIFACTS, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
  server?.kill('SIGINT');
  // Measured, never asserted: the first load after the server started, then the others.
  writeFileSync(join(ARTIFACTS, 'playground-load.json'), JSON.stringify({ readyMs: readyTimes }, null, 2));
  const sorted = [...readyTimes].sort((a, b) => a - b);
  console.log(
    `playground ready (navigation to a drawn, computed sheet): first load ${readyTimes[0]} ms; median of ` +
      `${readyTimes.length} loads ${sorted[Math.floor(sorted.length / 2)]} ms`,
  );
});

/** Each page's time from navigation to a drawn, computed sheet, the first right after the server started. */
const readyTimes: number[] = [];

/** A fresh browser profile (no saved workbook) at 1440×900, ready when the sheet is drawn. */
async function open(): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
  await page.goto(`http://localhost:${port}/`);
  await page.waitForFunction(() => (window as unknown as { playgroundLoadMs?: number }).playgroundLoadMs);
  await page.frameLocator('#sidebar').locator('#preview-table').waitFor();
  await settle(page);
  readyTimes.push(await page.evaluate(() => (window as unknown as { playgroundReadyMs: number }).playgroundReadyMs));
  return { page, errors };
}

async function close(page: Page): Promise<void> {
  await page.context().close();
}

/** Runs an item of the add-on's menu; returns the message it shows, with its title and whether it is a refusal. */
async function runMenu(page: Page, label: string): Promise<{ title: string; text: string; refused: boolean }> {
  await page.click('#menu summary');
  await page.click(`#menu-items button:text-is("${label}")`);
  await page.waitForSelector('#message[open]');
  const shown = {
    title: (await page.textContent('#message-title')) ?? '',
    text: (await page.textContent('#message-text')) ?? '',
    refused: await page.$eval('#message', (dialog) => dialog.classList.contains('refused')),
  };
  await page.click('#message-ok');
  await settle(page);
  return shown;
}

const details = (page: Page) => page.textContent('#details');

describe('playground', () => {
  it('opens every example computed, with its note, and no console errors; Binance published numbers', async () => {
    const { page, errors } = await open();
    await eventually(async () =>
      expect(await page.evaluate(() => document.body.classList.contains('ready'))).toBe(true),
    );
    await eventually(async () => expect(await visibleSheets(page)).toEqual(EXAMPLES));
    for (const name of EXAMPLES) {
      await showSheet(page, name);
      await eventually(async () => expect(await page.textContent('#note')).not.toBe(''));
      const failed = (await shownCells(page)).flat().filter((text) => /^#[A-Z/0!?]+/.test(text));
      expect([name, failed]).toEqual([name, []]);
    }
    await showSheet(page, 'Binance cross example');
    await eventually(async () =>
      expect((await read(page, 'G2:G5', 'shown')).flat()).toEqual(['1,153.26', '26,316.89', '1,114.78', '18,778.73']),
    );
    expect(errors).toEqual([]);
    await close(page);
  });

  it('shows each example’s key results without scrolling at 1440×900', async () => {
    const { page } = await open();
    const keyCells: Record<string, string[]> = {
      'Cross vs isolated': ['E2', 'F2', 'E4', 'F4'],
      'Binance cross example': ['G2', 'G5'],
      'Hedge mode': ['F2', 'G5'],
      'Leverage grid': ['A9', 'H15'],
      Brackets: ['A3', 'E14'],
      'Risk plan': ['L9', 'L11', 'M9', 'B17'],
    };
    for (const [name, cells] of Object.entries(keyCells)) {
      await showSheet(page, name);
      for (const a1 of cells) expect([name, a1, await cellOnScreen(page, a1)]).toEqual([name, a1, true]);
    }
    await page.screenshot({ path: join(ARTIFACTS, 'playground-risk-plan.png') });
    await close(page);
  });

  it('evaluates typed formulas: engine values, an error with its full message, blanks as blanks, a spill', async () => {
    const { page } = await open();
    await typeInto(page, 'A10', '=LIQ_PRICE_CROSS("LONG",60000,10000/60000,5000,0,0,0.004)');
    await eventually(async () =>
      expect(await readOne(page, 'A10')).toBe(
        callFunction('LIQ_PRICE_CROSS', ['LONG', 60000, 10000 / 60000, 5000, 0, 0, 0.004]),
      ),
    );
    // A missing closing parenthesis is added, as Sheets does.
    await typeInto(page, 'C10', '=MAINT_MARGIN(10000');
    await eventually(async () =>
      expect([await readOne(page, 'C10', 'formula'), await readOne(page, 'C10')]).toEqual(['=MAINT_MARGIN(10000)', 40]),
    );
    // A blank cell as the brackets argument is "not given" (BTCUSDT's table), as in Sheets: not 0.
    await typeInto(page, 'B10', '=LIQ_PRICE_CROSS("LONG",60000,1,5000,0,0,Z1)');
    await eventually(async () =>
      expect(await readOne(page, 'B10')).toBe(callFunction('LIQ_PRICE_CROSS', ['LONG', 60000, 1, 5000, 0, 0, ''])),
    );

    await typeInto(page, 'A11', '=LIQ_PRICE_ISOLATED("LONG",60000,1,500)');
    await eventually(async () => expect(await readOne(page, 'A11', 'shown')).toBe('#ERROR!'));
    await typeInto(page, 'B11', '=ISERROR(A11)');
    await eventually(async () => expect(await readOne(page, 'B11', 'shown')).toBe('TRUE'));
    await clickCell(page, 'A11');
    await settle(page);
    await eventually(async () => expect(await details(page)).toBe(`#ERROR! ${LEVERAGE_500}`));
    // Hovering it shows the message beside the cell, in full.
    await page.mouse.move(5, 5);
    const a11 = await cellPoint(page, 'A11');
    await page.mouse.move(a11.x, a11.y, { steps: 3 });
    await page.getByText(LEVERAGE_500, { exact: true }).waitFor();
    // Leaving the cell takes it away.
    const a9 = await cellPoint(page, 'A9');
    await page.mouse.move(a9.x, a9.y, { steps: 4 });
    await page.getByText(LEVERAGE_500, { exact: true }).waitFor({ state: 'detached' });

    // The spreadsheet's own errors are explained too (an incomplete formula); a wrong argument count by the add-on.
    await typeInto(page, 'C11', '=1+');
    await eventually(async () => expect(await activeRange(page)).toBe('C12'));
    await page.keyboard.press('ArrowUp'); // back to C11 (a second click there would be a double-click)
    await eventually(async () => expect(await activeRange(page)).toBe('C11'));
    await eventually(async () =>
      expect(await details(page)).toMatch(/^#VALUE! A value has the wrong kind .*or the formula is incomplete\.$/),
    );
    await typeInto(page, 'D11', '=MAINT_MARGIN(1, 2, 3)');
    await eventually(async () => expect(await activeRange(page)).toBe('D12'));
    await page.keyboard.press('ArrowUp');
    await eventually(async () => expect(await activeRange(page)).toBe('D11'));
    await eventually(async () =>
      expect(await details(page)).toBe(
        '#ERROR! MAINT_MARGIN takes at most 2 arguments (notional, brackets); it was given 3.',
      ),
    );

    await typeInto(page, 'A12', '=MAINT_MARGIN({10000;100000;1000000})');
    await eventually(async () => expect((await read(page, 'A12:A14')).flat()).toEqual([40, 400, 5000]));
    await typeInto(page, 'C12', '=SUM(A12:A14)');
    await eventually(async () => expect(await readOne(page, 'C12')).toBe(5440));
    // A range call with a bad row: its Error: text, cut off in the cell, reads in full when selected.
    await typeInto(page, 'B12', '=LIQ_PRICE_ISOLATED("LONG", 60000, 1, {10;500;20})');
    await eventually(async () => expect((await read(page, 'B12:B14')).flat()[1]).toBe(`Error: ${LEVERAGE_500}`));
    const [first, , last] = (await read(page, 'B12:B14')).flat();
    // Univer keeps a spilled number to 15 significant digits, as Excel shows numbers.
    for (const [shown, leverage] of [
      [first, 10],
      [last, 20],
    ] as const) {
      const exact = callFunction('LIQ_PRICE_ISOLATED', ['LONG', 60000, 1, leverage]) as number;
      expect(Math.abs((shown as number) - exact)).toBeLessThanOrEqual(exact * 1e-14);
    }
    await clickCell(page, 'B13');
    await settle(page);
    await eventually(async () => expect(await details(page)).toBe(`Error: ${LEVERAGE_500}`));
    await close(page);
  });

  it('autocompletes the add-on functions with their help from the registry', async () => {
    const { page } = await open();
    await clickCell(page, 'A10');
    await page.keyboard.type('=LIQ_P');
    const list = page.locator('ul[data-u-comp="sheets-formula-editor"] li');
    await list.first().waitFor();
    const options = await list.evaluateAll((items) => items.map((item) => item.firstElementChild?.textContent));
    expect(options).toEqual(
      expect.arrayContaining([
        'LIQ_PRICE_ISOLATED',
        'LIQ_PRICE_CROSS',
        'LIQ_PRICE_PORTFOLIO',
        'LIQ_PRICE_HEDGE',
        'LIQ_PROBABILITY',
      ]),
    );
    await eventually(async () =>
      expect(await list.first().textContent()).toMatch(/^LIQ_PRICE_ISOLATEDLiquidation price of an isolated position/),
    );
    await page.keyboard.press('Escape');
    await close(page);
  });

  it('keyboard: arrows scroll the selection into view, typing lands there; Tab and Shift+Tab move across', async () => {
    const { page } = await open();
    await clickCell(page, 'A1');
    for (let i = 0; i < 45; i++) await page.keyboard.press('ArrowDown');
    await eventually(async () => expect(await activeRange(page)).toBe('A46'));
    await eventually(async () => expect(await cellOnScreen(page, 'A46')).toBe(true));
    await page.keyboard.type('deep');
    await page.keyboard.press('Enter');
    await settle(page);
    await eventually(async () => expect(await readOne(page, 'A46')).toBe('deep'));
    await eventually(async () => expect(await cellOnScreen(page, 'A47')).toBe(true));
    await page.keyboard.press('Control+Home');
    await eventually(async () => expect(await activeRange(page)).toBe('A1'));
    await eventually(async () => expect(await cellOnScreen(page, 'B20')).toBe(true));

    await clickCell(page, 'B20');
    await page.keyboard.type('abc');
    await page.keyboard.press('Tab');
    await eventually(async () => expect(await activeRange(page)).toBe('C20'));
    await page.keyboard.press('Shift+Tab');
    await eventually(async () => expect(await activeRange(page)).toBe('B20'));
    await page.keyboard.press('Tab');
    await page.keyboard.type('def');
    await page.keyboard.press('Shift+Tab');
    await settle(page);
    await eventually(async () => expect(await activeRange(page)).toBe('B20'));
    await eventually(async () => expect((await read(page, 'B20:C20')).flat()).toEqual(['abc', 'def']));
    // The focus stays in the sheet: typing goes on into cells.
    await page.keyboard.type('x');
    await page.keyboard.press('Enter');
    await settle(page);
    await eventually(async () => expect(await readOne(page, 'B20')).toBe('x'));

    // F6 reaches the sidebar by keyboard, and Shift+F6 comes back to the sheet where it was.
    await page.keyboard.press('F6');
    const sidebarField = () =>
      page.evaluate(() => {
        const frame = document.activeElement as HTMLIFrameElement;
        return frame.id === 'sidebar' ? (frame.contentDocument?.activeElement?.id ?? '') : null;
      });
    await eventually(async () => expect(await sidebarField()).toBe('symbol'));
    await page.keyboard.press('Tab');
    await eventually(async () => expect(await sidebarField()).not.toBe('symbol'));
    await page.keyboard.press('Shift+F6');
    await page.keyboard.type('y');
    await page.keyboard.press('Enter');
    await settle(page);
    await eventually(async () => expect(await readOne(page, 'B21')).toBe('y'));
    await page.keyboard.press('F6');
    await page.keyboard.press('F6');
    await eventually(async () =>
      expect(await page.evaluate(() => document.activeElement?.closest('#menu') !== null)).toBe(true),
    );
    await close(page);
  });

  it('commits an edit on click-away, edits on double-click, undoes and redoes', async () => {
    const { page } = await open();
    await clickCell(page, 'D10');
    await page.keyboard.type('kept');
    await clickCell(page, 'D12');
    await settle(page);
    await eventually(async () => expect(await readOne(page, 'D10')).toBe('kept'));
    await eventually(async () => expect(await activeRange(page)).toBe('D12'));

    await clickCell(page, 'A2');
    const a2 = await cellPoint(page, 'A2');
    await page.mouse.dblclick(a2.x, a2.y);
    await page.keyboard.press('End');
    await page.keyboard.type(' (long or short)');
    await page.keyboard.press('Enter');
    await settle(page);
    await eventually(async () => expect(await readOne(page, 'A2')).toBe('Side (long or short)'));

    const before = await readOne(page, 'E2');
    await typeInto(page, 'B3', '61000');
    await eventually(async () => expect(await readOne(page, 'E2')).not.toBe(before));
    const after = await readOne(page, 'E2');
    await page.keyboard.press('Control+z');
    await settle(page);
    await eventually(async () =>
      expect([await readOne(page, 'B3'), await readOne(page, 'E2')]).toEqual([60000, before]),
    );
    await page.keyboard.press('Control+y');
    await settle(page);
    await eventually(async () =>
      expect([await readOne(page, 'B3'), await readOne(page, 'E2')]).toEqual([61000, after]),
    );
    await close(page);
  });

  it('reads a typed 60,000 as the number 60,000, as Sheets does in en-US', async () => {
    const { page } = await open();
    await typeInto(page, 'B3', '62,000');
    await eventually(async () => expect(await readOne(page, 'B3')).toBe(62000));
    await eventually(async () =>
      expect(await readOne(page, 'E2')).toBe(
        callFunction('LIQ_PRICE_CROSS', ['LONG', 62000, 10000 / 60000, 5000, 0, 0, 'BTCUSDT']),
      ),
    );
    await typeInto(page, 'B5', '4,500.5');
    await eventually(async () => expect(await readOne(page, 'B5')).toBe(4500.5));
    // The sidebar's From cell reads the selected cell through the add-on's own server function.
    await clickCell(page, 'B3');
    const sidebar = page.frameLocator('#sidebar');
    await sidebar.locator('#use-cell').click();
    await page.waitForFunction(
      () =>
        (document.getElementById('sidebar') as HTMLIFrameElement).contentDocument?.querySelector<HTMLInputElement>(
          '#entry',
        )?.value === '62000',
    );
    await eventually(async () => expect(await sidebar.locator('#entry').inputValue()).toBe('62000'));
    await close(page);
  });

  it('Insert grid from the sidebar writes formulas giving the engine numbers, never over data', async () => {
    const { page } = await open();
    const sidebar = page.frameLocator('#sidebar');
    // A1 of the first example holds data: nothing is written, the next free place is offered.
    await clickCell(page, 'A1');
    await sidebar.locator('#insert').click();
    await sidebar.locator('.status.error button').first().waitFor();
    await eventually(async () =>
      expect(await sidebar.locator('#status span').textContent()).toMatch(
        /^Cross vs isolated!A1 is not free \(A1, B1, D1, E1, F1 hold data\)\. Nothing was written\.$/,
      ),
    );
    await eventually(async () => expect(await readOne(page, 'A1')).toBe('Input'));
    const useNext = sidebar.locator('.status button', { hasText: /^Use A\d+ instead$/ });
    const row = Number(/A(\d+)/.exec((await useNext.textContent()) ?? '')?.[1]);
    expect(row).toBeGreaterThan(7);
    await useNext.click();
    await sidebar.locator('.status.ok').waitFor();
    await settle(page);
    // The example is untouched.
    await eventually(async () => expect(await readOne(page, 'E2', 'shown')).toBe('30,120.48'));
    const scenario = defaultScenario();
    // The table: row + 13 is the header, then one row per leverage (2, 5, 10, 20, 50, 100, 125).
    await eventually(async () => expect(await readOne(page, `A${row + 13}`)).toBe('Leverage'));
    for (const [k, leverage] of [2, 5, 10, 20, 50, 100, 125].entries()) {
      const r = row + 14 + k;
      const engine = compareLeverage(scenario, new Dec(leverage));
      const price = (o: typeof engine.isolated) =>
        o.liquidation.kind === 'price' ? formatValue(o.liquidation.price.toNumber(), '#,##0.00') : 'NONE';
      await eventually(async () =>
        expect((await read(page, `A${r}:I${r}`, 'shown'))[0]).toEqual([
          `${leverage}×`,
          formatValue(engine.quantity.toNumber(), '#,##0.000###'),
          formatValue(engine.margin.toNumber(), '#,##0.00'),
          price(engine.isolated),
          formatValue(engine.isolated.distance!.toNumber(), '0.00%'),
          formatValue(engine.isolated.maxLoss.toNumber(), '#,##0.00'),
          price(engine.cross),
          formatValue(engine.cross.distance!.toNumber(), '0.00%'),
          formatValue(engine.cross.maxLoss.toNumber(), '#,##0.00'),
        ]),
      );
    }
    // They are formulas over the inputs block: change the entry price in the sheet and they follow.
    await eventually(async () =>
      expect(await readOne(page, `D${row + 14}`, 'formula')).toMatch(
        /^=LIQ_PRICE_ISOLATED\(\$B\$\d+, \$B\$\d+, B\d+:B\d+, A\d+:A\d+, \$B\$\d+, \$B\$\d+\)$/,
      ),
    );
    // The distances coloured by conditional formatting, as the add-on asked: near, close, far.
    const colours = await page.evaluate(() =>
      (window as unknown as { univerAPI: FUniver }).univerAPI
        .getActiveWorkbook()!
        .getActiveSheet()
        .getConditionalFormattingRules()
        .map((rule) => (rule.rule as { style?: { bg?: { rgb?: string } } }).style?.bg?.rgb),
    );
    const rgb = (hex: string) => `rgb(${[1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)).join(',')})`;
    // In the order the add-on gave them: where two match, the first wins, in Univer as in Sheets.
    expect(colours).toEqual([RISK_COLOURS.near, RISK_COLOURS.close, RISK_COLOURS.far].map(rgb));
    // The chart beside it: its legend shows values, not uPlot's "--".
    await eventually(async () => expect(await page.locator('.chart').count()).toBe(1));
    const legend = await page.locator('.chart .u-legend .u-value').allTextContents();
    expect(legend.length).toBeGreaterThan(2);
    expect(legend.filter((text) => text === '--' || text === '')).toEqual([]);
    await page.screenshot({ path: join(ARTIFACTS, 'playground-grid.png') });
    await close(page);
  });

  it('keeps edits across reloads; Reset asks first, and only then restores the examples', async () => {
    const { page } = await open();
    await typeInto(page, 'A9', 'my note');
    await page.reload();
    await page.waitForFunction(() => (window as unknown as { playgroundLoadMs?: number }).playgroundLoadMs);
    await settle(page);
    await eventually(async () => expect(await readOne(page, 'A9')).toBe('my note'));
    await page.click('#reset');
    await page.waitForSelector('#confirm-reset[open]');
    await page.click('#confirm-reset button[value="cancel"]');
    await eventually(async () => expect(await readOne(page, 'A9')).toBe('my note'));
    await page.click('#reset');
    await page.click('#confirm-reset button[value="reset"]');
    await settle(page);
    await eventually(async () => expect(await readOne(page, 'A9')).toBe(''));
    await eventually(async () => expect(await readOne(page, 'A1')).toBe('Input'));
    await eventually(async () => expect(await visibleSheets(page)).toEqual(EXAMPLES));
    await page.screenshot({ path: join(ARTIFACTS, 'playground.png') });
    await close(page);
  });

  it('freezes and restores the risk plan from the menu; a refused restore reads as one, as shown', async () => {
    const { page, errors } = await open();
    await showSheet(page, 'Risk plan');
    await eventually(async () => expect(await readOne(page, 'A10')).toBe('BTCUSDT'));
    await eventually(async () => expect(await readOne(page, 'M10', 'shown')).toMatch(/^\d{1,3}(,\d{3})*\.\d\d$/));
    const btcLiq = await readOne(page, 'M10', 'shown');
    const formula = await readOne(page, 'M10', 'formula');
    expect(formula).toMatch(/^=IF\(\$G10="CROSS", IF\(\$B10="USDT", AC10, IF\(\$B10="BTC", AI10, /);

    const frozen = await runMenu(page, 'Freeze values for sharing: This sheet');
    expect(frozen).toMatchObject({ title: 'Liquidation Planner', refused: false });
    expect(frozen.text).toMatch(
      /^Froze \d+ formulas of Liquidation Planner in this sheet; people without the add-on now see the values\./,
    );
    expect(await readOne(page, 'M10', 'formula')).toBe('');
    expect(await readOne(page, 'M10', 'shown')).toBe(btcLiq);
    await clickCell(page, 'M10');
    await settle(page);
    expect(await details(page)).toMatch(
      new RegExp(
        '^Note: Frozen for sharing by Liquidation Planner on \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC ' +
          '\\(brackets: bundled snapshot of 2026-07-02 \\(USDS-M; COIN-M of 2026-09-17\\)\\)',
      ),
    );
    // The frozen formulas are kept on a hidden sheet: no tab for it.
    expect(await visibleSheets(page)).toEqual(EXAMPLES);
    await page.screenshot({ path: join(ARTIFACTS, 'playground-frozen.png') });

    // Edit a frozen percentage: the refusal names it as the sheet shows it. (By keyboard: the note of the
    // selected M10 covers the cells to its right, as in Sheets.)
    const distance = await readOne(page, 'N10', 'shown');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.type('50%');
    await page.keyboard.press('Enter');
    await settle(page);
    expect(await readOne(page, 'N10')).toBe(0.5);
    const refused = await runMenu(page, 'Restore live formulas');
    expect(refused).toMatchObject({ title: 'Liquidation Planner: nothing changed', refused: true });
    expect(refused.text).toContain(`Risk plan!N10 was edited after freezing (it shows 50.00%, frozen as ${distance})`);
    await page.keyboard.press('Control+z');
    await settle(page);

    expect((await runMenu(page, 'Restore live formulas')).text).toMatch(
      /^Restored \d+ live formulas of Liquidation Planner\.$/,
    );
    expect(await readOne(page, 'M10', 'formula')).toBe(formula);
    expect(await readOne(page, 'M10', 'shown')).toBe(btcLiq);
    expect((await runMenu(page, 'Restore live formulas')).text).toBe(
      'Nothing is frozen: there is no formula to restore.',
    );
    expect(errors).toEqual([]);
    await close(page);
  });

  it('selects a range with Shift+arrows or Shift+click; Freeze → Selection freezes exactly that range', async () => {
    const { page } = await open();
    await showSheet(page, 'Risk plan');
    await clickCell(page, 'M10');
    await page.keyboard.press('Shift+ArrowDown');
    await page.keyboard.press('Shift+ArrowDown');
    await eventually(async () => expect(await activeRange(page)).toBe('M10:M12'));
    await clickCell(page, 'L10');
    await page.waitForTimeout(600); // not a double-click
    // A drag selects too.
    const [from, to] = [await cellPoint(page, 'M10'), await cellPoint(page, 'N12')];
    await page.mouse.move(from.x, from.y);
    await page.mouse.down();
    await page.mouse.move(to.x, to.y, { steps: 5 });
    await page.mouse.up();
    await eventually(async () => expect(await activeRange(page)).toBe('M10:N12'));
    await page.waitForTimeout(600); // not a double-click
    await clickCell(page, 'M10');
    await clickCell(page, 'N11', 'Shift');
    await eventually(async () => expect(await activeRange(page)).toBe('M10:N11'));
    expect((await runMenu(page, 'Freeze values for sharing: Selection')).text).toMatch(
      /^Froze 4 formulas of Liquidation Planner in the selection;/,
    );
    const formulas = await read(page, 'M10:N12', 'formula');
    expect(formulas.map((row) => row.map((f) => f !== ''))).toEqual([
      [false, false],
      [false, false],
      [true, true],
    ]);
    await close(page);
  });

  it('sends the page gzipped to a browser that accepts it, and plain otherwise', async () => {
    const page = await fetch(`http://localhost:${port}/main.js`, { headers: { 'Accept-Encoding': 'gzip' } });
    expect(page.headers.get('content-encoding')).toBe('gzip');
    await eventually(async () => expect(await page.text()).toContain('import('));
    const plain = await fetch(`http://localhost:${port}/main.js`, { headers: { 'Accept-Encoding': 'identity' } });
    expect(plain.headers.get('content-encoding')).toBeNull();
  });

  it('a number format never touches a value or a formula, for every format the add-on writes', async () => {
    const { page } = await open();
    const request = { ...EXAMPLE_REQUEST, stopPrice: 57000, volatility: 0.6, horizonDays: 7 };
    const formats = [
      ...new Set([...planGrid(request, 1, 1).numberFormats.flat(), ...planRiskPlan().numberFormats.flat()]),
    ];
    expect(formats).toContain('');
    const after = await page.evaluate((formats) => {
      const app = (window as unknown as { SpreadsheetApp: GoogleAppsScript.Spreadsheet.SpreadsheetApp }).SpreadsheetApp;
      const sheet = app.getActive().insertSheet('Formats');
      const range = sheet.getRange(1, 1, formats.length, 2);
      range.setValues(formats.map((_, i) => [`=${i}+0.5`, i + 0.25]));
      range.setNumberFormats(formats.map((format) => [format, format]));
      return { formulas: range.getFormulas(), values: range.getValues(), formats: range.getNumberFormats() };
    }, formats);
    await settle(page);
    expect(after.formulas.map((row) => row[0])).toEqual(formats.map((_, i) => `=${i}+0.5`));
    expect(after.values.map((row) => row[1])).toEqual(formats.map((_, i) => i + 0.25));
    expect(after.formats).toEqual(formats.map((format) => [format, format]));
    await eventually(async () =>
      expect((await read(page, `A1:A${formats.length}`)).map((row) => row[0])).toEqual(formats.map((_, i) => i + 0.5)),
    );
    // The risk plan's funding payments, written as a formula and then formatted '', are there.
    await showSheet(page, 'Risk plan');
    const funding = `${columnLetters(POSITION_COLUMNS.indexOf('Funding payments') + 1)}${PLAN_FIRST + 1}`;
    await eventually(async () =>
      expect(await readOne(page, funding)).toBe(
        callFunction('FUNDING_TO_LIQUIDATION', ['SHORT', 3000, 10, 10, -0.0001, 0, 'ETHUSDT']),
      ),
    );
    await close(page);
  });

  it('computes the risk plan’s COIN-M row in its own BTC wallet, and sums each margin asset apart', async () => {
    const { page, errors } = await open();
    await showSheet(page, 'Risk plan');
    const plan = planRiskPlan();
    const row = PLAN_FIRST + 3; // the example's BTCUSD_PERP short
    const at = (name: (typeof POSITION_COLUMNS)[number]) =>
      `${columnLetters(POSITION_COLUMNS.indexOf(name) + 1)}${row}`;
    await eventually(async () => expect(await readOne(page, at('Symbol'))).toBe('BTCUSD_PERP'));
    await eventually(async () => expect(await readOne(page, at('Asset'))).toBe('BTC'));
    // Alone in its BTC wallet, the portfolio price is the plain cross price of 500 contracts with 0.5 BTC.
    const cross = callFunction('LIQ_PRICE_CROSS', ['SHORT', 61000, 500, 0.5, 0, 0, 'BTCUSD_PERP']) as number;
    await eventually(async () => expect(await readOne(page, at('Liq. price'))).toBeCloseTo(cross, 6));
    // Its loss at the stop in BTC, shown with its coin; the summary's BTC column holds it, apart from USDT.
    const loss = 500 * 100 * (1 / 61000 - 1 / 66000);
    await eventually(async () => expect(await readOne(page, at('Loss at stop'))).toBeCloseTo(loss, 12));
    expect(await readOne(page, at('Loss at stop'), 'shown')).toBe(`${loss.toFixed(8).replace(/0+$/, '')} BTC`);
    const total = plan.values.findIndex((r) => r[0] === 'Total capital at risk') + 1;
    await eventually(async () => expect(await readOne(page, `C${total}`)).toBeCloseTo(loss, 12));
    expect(await readOne(page, `C${total - 3}`)).toBe('BTC');
    expect(await readOne(page, `B${total}`)).toBeCloseTo(7500, 9);
    expect(errors).toEqual([]);
    await close(page);
  });

  it('stresses the risk plan’s USDT account in Univer and draws equity against the move, marks and all', async () => {
    const { page, errors } = await open();
    await showSheet(page, 'Risk plan');
    const plan = planRiskPlan();
    const rowOf = (label: string) => plan.values.findIndex((r) => r[0] === label) + 1;
    const [liquidation, chance, move] = ['Liq. move: fall, rise', 'Chance of liquidation', 'Move'].map(rowOf);
    // As set, only BTC is cross: 8,000 + 0.5·(62,000·(1 + m) − 60,000) = 0.004·0.5·62,000·(1 + m).
    await eventually(async () => expect(await readOne(page, `B${liquidation}`)).toBeCloseTo(22000 / 30876 - 1, 12));
    expect(await readOne(page, `B${liquidation + 1}`)).toBe(
      'The cross account is liquidated on a fall of 28.7% (no rise liquidates it)',
    );
    const odds = callFunction('ACCOUNT_LIQ_PROBABILITY', [22000 / 30876 - 1, 'NONE', 0.6, 7]) as number;
    expect(await readOne(page, `B${chance}`)).toBeCloseTo(odds, 12);
    // A 50 % fall: as set the cross wallet is lost, all cross lets the ETH short carry it, all isolated has none.
    await eventually(async () =>
      expect(await read(page, `E${move + 1}:S${move + 1}`)).toEqual([
        [
          'LIQUIDATED',
          1,
          'LIQUIDATED',
          '',
          -0.5,
          5800,
          -7400,
          'SAFE',
          0,
          expect.any(Number),
          '',
          -0.5,
          25600,
          12400,
          'NONE',
        ],
      ]),
    );
    // The chart: its three lines and three marks, in the legend uPlot draws from the sheet's cells.
    const figure = page.locator('figure.chart', { hasText: 'The USDT account: equity after a market move' });
    await figure.waitFor();
    const legend = await figure.locator('.u-legend .u-label').allTextContents();
    expect(legend).toEqual(['Market move', ...STRESS_SERIES]);
    // Scrolled down to the block, the chart floats below its table.
    await clickCell(page, 'A20');
    for (let k = 0; k < 2; k++) await page.keyboard.press('PageDown');
    await page.waitForFunction(
      () => {
        const figure = [...document.querySelectorAll('figure.chart')].find((f) =>
          f.textContent?.includes('USDT account'),
        );
        const box = figure?.getBoundingClientRect();
        return box !== undefined && box.top > 0 && box.bottom < window.innerHeight;
      },
      undefined,
      { timeout: 20_000 },
    );
    // Drawn on top: the sheet's canvas, which Univer raises once it has scrolled, does not cover it.
    const onTop = await page.evaluate(() => {
      const figure = [...document.querySelectorAll('figure.chart')].find((f) =>
        f.textContent?.includes('USDT account'),
      )!;
      const box = figure.getBoundingClientRect();
      return figure.contains(document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 3));
    });
    expect(onTop).toBe(true);
    await page.screenshot({ path: join(ARTIFACTS, 'playground-stress.png') });
    expect(errors).toEqual([]);
    await close(page);
  });

  it('opens an inserted sheet at A1 with its first input selected; a chart never hides the grid', async () => {
    const { page } = await open();
    await page.click('#menu summary');
    await page.click('#menu-items button:text-is("Insert risk plan")');
    await page.waitForFunction(() =>
      (window as unknown as { univerAPI: FUniver }).univerAPI
        .getActiveWorkbook()!
        .getActiveSheet()
        .getSheetName()
        .startsWith('Risk plan ('),
    );
    await settle(page);
    await eventually(async () => expect(await activeRange(page)).toBe('B5'));
    const plan = planRiskPlan();
    for (const a1 of [
      'A1',
      `A${PLAN_FIRST}`,
      `B${PLAN_FIRST}`,
      `C${PLAN_FIRST}`,
      `A${PLAN_FIRST + 6}`,
      `B${plan.values.findIndex((r) => r[0] === 'Account liq. chance') + 1}`,
    ])
      await eventually(async () => expect([a1, await cellOnScreen(page, a1)]).toEqual([a1, true]));
    // Insert grid on a new sheet: the whole table on screen, the chart floating beside it, not over it.
    const sidebar = page.frameLocator('#sidebar');
    await sidebar.locator('input[value="newSheet"]').check();
    await sidebar.locator('#insert').click();
    await sidebar.locator('.status.ok').waitFor();
    await settle(page);
    await eventually(async () => expect(await activeRange(page)).toBe('B2'));
    for (const a1 of ['A1', 'A14', 'J14', 'A21', 'J21']) expect([a1, await cellOnScreen(page, a1)]).toEqual([a1, true]);
    const chart = (await page.locator('.chart').boundingBox())!;
    const corner = await cellPoint(page, 'J21');
    expect(chart.x).toBeGreaterThan(corner.x);
    // It moves with the sheet: scrolled down a page, its top moves up.
    await clickCell(page, 'A22');
    await page.keyboard.press('PageDown');
    await page.waitForFunction(
      (top) => document.querySelector('.chart')!.getBoundingClientRect().y < top - 100,
      chart.y,
    );
    await page.screenshot({ path: join(ARTIFACTS, 'playground-grid-new-sheet.png') });
    await close(page);
  });

  it('shows an unformatted number rounded to its column, not cut; the risk plan’s labels fit', async () => {
    const { page } = await open();
    await typeInto(page, 'B10', '=10000/60000');
    await typeInto(page, 'C10', '=LIQ_PRICE_ISOLATED("LONG",60000,10000/60000,10)');
    await typeInto(page, 'D10', '=1234567890123456789');
    await eventually(async () => {
      const shown = await read(page, 'B10:D10', 'shown');
      expect(shown[0].slice(0, 2)).toEqual(['0.16666667', '54216.8675']);
      expect(shown[0][2]).toMatch(/^1\.2345\d*E\+18$/);
    });
    await eventually(async () =>
      expect(await readOne(page, 'C10')).toBe(callFunction('LIQ_PRICE_ISOLATED', ['LONG', 60000, 10000 / 60000, 10])),
    );
    await showSheet(page, 'Risk plan');
    // Every label of the account block and the summary, and every header, fits its cell (wrapped or not).
    const { rows, headerRow: header } = planRiskPlan();
    const cut = await page.evaluate(
      ([rows, header]) => {
        const sheet = (window as unknown as { univerAPI: FUniver }).univerAPI.getActiveWorkbook()!.getActiveSheet();
        const context = document.createElement('canvas').getContext('2d')!;
        const found: string[] = [];
        for (let row = 3; row < rows; row++) {
          for (const column of [0, 2]) {
            const range = sheet.getRange(row, column);
            const text = range.getDisplayValue();
            if (!text || row === header) continue;
            context.font = `${range.getCellStyleData()?.bl === 1 ? 'bold ' : ''}11pt Arial`;
            const next = sheet.getRange(row, column + 1).getDisplayValue();
            const room = sheet.getColumnWidth(column) + (next === '' ? sheet.getColumnWidth(column + 1) : 0);
            if (context.measureText(text).width > room - 4) found.push(`${range.getA1Notation()} ${text}`);
          }
        }
        return found;
      },
      [rows, header] as const,
    );
    expect(cut).toEqual([]);
    await eventually(async () =>
      expect(await read(page, `D${PLAN_FIRST}:D${PLAN_FIRST + 3}`, 'shown')).toEqual([
        ['0.500'],
        ['10.000'],
        ['100.000'],
        ['500.000'],
      ]),
    );
    await eventually(async () => expect(await readOne(page, 'D5', 'shown')).toBe('7 days'));
    await close(page);
  });

  it('resets without an error, and PageDown and PageUp move a screen', async () => {
    const { page, errors } = await open();
    await clickCell(page, 'A2');
    await page.keyboard.press('PageDown');
    await settle(page);
    const down = Number(/\d+/.exec((await activeRange(page)) ?? '')![0]);
    expect(down).toBeGreaterThan(15);
    await eventually(async () => expect(await cellOnScreen(page, `A${down}`)).toBe(true));
    await page.keyboard.press('PageUp');
    await settle(page);
    await eventually(async () => expect(await activeRange(page)).toBe('A2'));
    await page.click('#reset');
    await page.click('#confirm-reset button[value="reset"]');
    await settle(page);
    await eventually(async () => expect(await readOne(page, 'A1')).toBe('Input'));
    expect(errors).toEqual([]);
    await close(page);
  });

  it('imports brackets from the menu: paste, preview, pick, import; the named range works in a formula', async () => {
    const { page, errors } = await open();
    await page.click('#menu summary');
    await page.click('#menu-items button:text-is("Import brackets…")');
    const dialog = page.frameLocator('#modal-frame');
    // Binance's API answer for two markets; BTCUSDT's first bracket now allows 125× only.
    const rows = (lev: number) => [
      { bracket: 1, initialLeverage: lev, notionalCap: 300000, notionalFloor: 0, maintMarginRatio: 0.004, cum: 0 },
      {
        bracket: 2,
        initialLeverage: 100,
        notionalCap: 800000,
        notionalFloor: 300000,
        maintMarginRatio: 0.005,
        cum: 300,
      },
    ];
    const paste = JSON.stringify([
      { symbol: 'BTCUSDT', brackets: rows(125) },
      { symbol: 'NEWCOINUSDT', brackets: rows(150) },
    ]);
    await dialog.locator('#paste').fill(paste);
    await dialog.locator('#preview').click();
    await eventually(async () =>
      expect(await dialog.locator('#status').textContent()).toBe(
        'Binance leverageBracket JSON: 2 markets. Against the bundled snapshot: 1 new, 1 changed, 0 unchanged.',
      ),
    );
    await expect(dialog.locator('#changes tr').allTextContents()).resolves.toEqual([
      'BINANCE:BTCUSDTbracket 1 max leverage 150× → 125×first import',
      'BINANCE:NEWCOINUSDTnewfirst import',
    ]);
    // Only BTCUSDT: untick the new market.
    await dialog.locator('#changes input[value="BINANCE:NEWCOINUSDT"]').uncheck();
    const started = Date.now();
    await dialog.locator('#import').click();
    await eventually(async () =>
      expect(await dialog.locator('#status').textContent()).toMatch(
        /^Imported 1 market to the sheet "Liquidation Planner: brackets"\. Pass a named range such as BRACKETS_BTCUSDT/,
      ),
    );
    console.log(`playground import of 1 market: ${Date.now() - started} ms from Import to the answer`);
    await dialog.locator('#cancel').click();
    await eventually(async () =>
      expect(await page.locator('#modal').evaluate((d) => (d as HTMLDialogElement).open)).toBe(false),
    );
    // Sheets shows a sheet it inserts: go back to the examples' first sheet to type there.
    await showSheet(page, (await visibleSheets(page))[0]);
    await typeInto(page, 'A12', '=MAX_LEVERAGE(1000, BRACKETS_BTCUSDT)');
    await eventually(async () => expect(await readOne(page, 'A12')).toBe(125));
    await typeInto(page, 'B12', '=MAX_LEVERAGE(1000)');
    await eventually(async () => expect(await readOne(page, 'B12')).toBe(150));
    expect(errors).toEqual([]);
  });

  it('imports all 804 symbols of the 2026-07-02 snapshot in the playground, timed from paste to result', async () => {
    const { page } = await open();
    await page.click('#menu summary');
    await page.click('#menu-items button:text-is("Import brackets…")');
    const dialog = page.frameLocator('#modal-frame');
    const text = readFileSync(join(__dirname, '../../src/data/binance-brackets-2026-07-02.json'), 'utf8');
    const started = Date.now();
    await dialog.locator('#paste').fill(text);
    await dialog.locator('#preview').click();
    await eventually(
      async () => expect(await dialog.locator('#status').textContent()).toMatch(/: 804 markets\./),
      60_000,
    );
    const previewed = Date.now();
    await dialog.locator('#import').click();
    await eventually(
      async () => expect(await dialog.locator('#status').textContent()).toMatch(/^Imported 804 markets/),
      120_000,
    );
    const timing = { previewMs: previewed - started, importMs: Date.now() - previewed, totalMs: Date.now() - started };
    console.log(`playground import of 804 markets: ${JSON.stringify(timing)}`);
    mkdirSync(join(__dirname, '../../test-artifacts'), { recursive: true });
    writeFileSync(join(__dirname, '../../test-artifacts/playground-import.json'), JSON.stringify(timing, null, 1));
    await dialog.locator('#cancel').click();
    await showSheet(page, (await visibleSheets(page))[0]);
    await typeInto(page, 'A12', '=MAX_LEVERAGE(1000, BRACKETS_ETHUSDT)');
    await eventually(async () => expect(await readOne(page, 'A12')).toBe(150));
  });

  it('answers only once every file a page load asks for is compressed', () => {
    // In a process of its own (the server is an ES module): what is compressed when startServer resolves.
    const script =
      `import { startServer, compressedFiles } from ${JSON.stringify(pathToFileURL(SERVER).href)};` +
      'const server = await startServer(0); console.log(JSON.stringify(compressedFiles())); server.close();';
    const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(result.status).toBe(0);
    const files = (JSON.parse(result.stdout) as string[]).map((file) =>
      file.replace(/^.*playground[\\/]dist[\\/]/, ''),
    );
    expect(files).toEqual(expect.arrayContaining(['index.html', 'main.js', 'Code.js', 'functions.json']));
    expect(files.some((file) => /^chunks[\\/]app-.*\.js$/.test(file))).toBe(true);
  });

  it('says clearly when the port is taken', () => {
    const result = spawnSync(process.execPath, [SERVER], {
      env: { ...process.env, PORT: String(port) },
      encoding: 'utf8',
      timeout: 10_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(
      `Port ${port} is already in use. Stop what uses it, or pick another port: PORT=8081 npm start`,
    );
  });
});

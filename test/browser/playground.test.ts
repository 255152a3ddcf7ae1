import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { Dec, compareLeverage } from '../../src/engine';
import { snapshotTable } from '../../src/data/symbols';
import { callFunction } from '../../src/functions';
import { formatValue } from '../../playground/src/format';
import { launchChromium } from './browser';

// The playground (playground/dist, built by `npm test`) served locally and driven in Chromium.

jest.setTimeout(90_000);
const ARTIFACTS = join(__dirname, '../../test-artifacts');
const SERVER = join(__dirname, '../../playground/server.mjs');
let server: ChildProcess;
let port: number;
let base: string;
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
  base = `http://localhost:${port}/`;
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  server?.kill('SIGINT');
});

async function open(): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 950 } });
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
  await page.goto(base);
  await page.waitForSelector('#grid td');
  await page.frameLocator('#sidebar').locator('#preview-table').waitFor();
  return { page, errors };
}

const cell = (page: Page, row: number, column: number) =>
  page.locator(`#grid td[data-row="${row}"][data-col="${column}"]`);

/** Types into a cell through the formula bar and commits with Enter. */
async function enter(page: Page, row: number, column: number, text: string): Promise<void> {
  await cell(page, row, column).click();
  await page.fill('#formula', text);
  await page.$eval('#suggestions', (list) => ((list as HTMLElement).hidden = true));
  await page.press('#formula', 'Enter');
}

describe('playground', () => {
  it('loads with no console errors and every example computes', async () => {
    const { page, errors } = await open();
    const tabs = await page.$$eval('#tabs button', (buttons) => buttons.map((b) => b.textContent));
    expect(tabs).toEqual([
      'Cross vs isolated',
      'Binance cross example',
      'Hedge mode',
      'Leverage grid',
      'Brackets',
      'Risk plan',
    ]);
    for (const tab of tabs) {
      await page.click(`#tabs button:text-is("${tab}")`);
      expect(await page.textContent('#note')).not.toBe('');
      expect(
        await page.$$eval('#grid td.error', (tds) => tds.map((td) => `${td.textContent} ${td.getAttribute('title')}`)),
      ).toEqual([]);
    }
    // Binance's published numbers, from the bundle's functions in the workbook.
    await page.click('#tabs button:text-is("Binance cross example")');
    expect(await cell(page, 2, 7).textContent()).toBe('1,153.26');
    expect(await cell(page, 3, 7).textContent()).toBe('26,316.89');
    expect(await cell(page, 4, 7).textContent()).toBe('1,114.78');
    expect(await cell(page, 5, 7).textContent()).toBe('18,778.73');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('evaluates typed formulas: the engine value, an error with its message, a spilled range', async () => {
    const { page } = await open();
    await enter(page, 10, 1, '=LIQ_PRICE_CROSS("LONG",60000,10000/60000,5000,0,0,0.004)');
    const expected = callFunction('LIQ_PRICE_CROSS', ['LONG', 60000, 10000 / 60000, 5000, 0, 0, 0.004]) as number;
    expect(await cell(page, 10, 1).textContent()).toBe(formatValue(expected));
    expect(expected).toBeCloseTo(30120.4819277108, 9);

    await enter(page, 11, 1, '=LIQ_PRICE_ISOLATED("LONG",60000,1,500)');
    expect(await cell(page, 11, 1).textContent()).toBe('#ERROR!');
    const message =
      'leverage: 500× is above the maximum of 100× that BTCUSDT allows for a ' +
      'position of 60,000 USDT (bracket 2: 50,000 to 600,000 USDT).';
    expect(await cell(page, 11, 1).getAttribute('title')).toBe(message);
    await cell(page, 11, 1).click();
    expect(await page.textContent('#details')).toBe(`#ERROR! ${message}`);

    await enter(page, 12, 1, '=MAINT_MARGIN({10000;100000;1000000})');
    expect([
      await cell(page, 12, 1).textContent(),
      await cell(page, 13, 1).textContent(),
      await cell(page, 14, 1).textContent(),
    ]).toEqual(['40', '450', '5550']);
    // A range call with a bad row: Error: text in that row only.
    await enter(page, 12, 2, '=LIQ_PRICE_ISOLATED("LONG", 60000, 1, {10;500;20})');
    expect(await cell(page, 12, 2).textContent()).toBe(
      formatValue(callFunction('LIQ_PRICE_ISOLATED', ['LONG', 60000, 1, 10]) as number),
    );
    expect(await cell(page, 13, 2).textContent()).toBe(`Error: ${message}`);
    expect(await cell(page, 14, 2).textContent()).toBe(
      formatValue(callFunction('LIQ_PRICE_ISOLATED', ['LONG', 60000, 1, 20]) as number),
    );
    await page.close();
  });

  it('autocompletes the add-on functions with their help from the registry', async () => {
    const { page } = await open();
    await cell(page, 10, 3).click();
    await page.focus('#formula');
    await page.keyboard.type('=LIQ_P');
    const options = await page.$$eval('#suggestions li strong', (items) => items.map((i) => i.textContent));
    expect(options).toEqual([
      'LIQ_PRICE_ISOLATED',
      'LIQ_PRICE_CROSS',
      'LIQ_PRICE_PORTFOLIO',
      'LIQ_PRICE_HEDGE',
      'LIQ_PROBABILITY',
    ]);
    expect(await page.textContent('#suggestions li:first-child span')).toMatch(
      /^Liquidation price of an isolated position/,
    );
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Tab');
    expect(await page.inputValue('#formula')).toBe('=LIQ_PRICE_CROSS(');
    await page.keyboard.type('"LONG", 60000');
    expect(await page.textContent('#details .signature')).toBe(
      'LIQ_PRICE_CROSS(side, entry_price, quantity, wallet_balance, ' +
        '[other_maint_margin], [other_unrealized_pnl], [brackets])',
    );
    expect(await page.textContent('#details .current')).toBe('entry_price');
    await page.close();
  });

  it(
    'Insert grid from the sidebar writes formulas that give the engine ' + 'numbers, and never overwrites data',
    async () => {
      const { page } = await open();
      const sidebar = page.frameLocator('#sidebar');
      // A1 of the first example holds data: nothing is written, the next free place is offered.
      await cell(page, 1, 1).click();
      await sidebar.locator('#insert').click();
      await sidebar.locator('.status.error button').first().waitFor();
      expect(await sidebar.locator('#status span').textContent()).toMatch(
        /^Cross vs isolated!A1 is not free \(A1, B1, D1, E1, F1 hold data\)\. Nothing was written\.$/,
      );
      expect(await cell(page, 1, 1).textContent()).toBe('Input');
      const useNext = sidebar.locator('.status button', { hasText: /^Use A\d+ instead$/ });
      const label = (await useNext.textContent()) ?? '';
      const row = Number(/A(\d+)/.exec(label)?.[1]);
      expect(row).toBeGreaterThan(7);
      await useNext.click();
      await sidebar.locator('.status.ok').waitFor();
      expect(await cell(page, 2, 5).textContent()).toBe('30,120.48'); // the example is untouched
      // The table: row + 13 is the header, then one row per leverage (2, 5, 10, 20, 50, 100, 125).
      const table = snapshotTable('BTCUSDT');
      const scenario = {
        side: 1 as const,
        entryPrice: new Dec(60000),
        sizeMode: 'VALUE' as const,
        size: new Dec(10000),
        walletBalance: new Dec(5000),
        addedMargin: new Dec(0),
        stopPrice: null,
        table,
      };
      expect(await cell(page, row + 13, 1).textContent()).toBe('Leverage');
      const leverages = [2, 5, 10, 20, 50, 100, 125];
      for (const [k, leverage] of leverages.entries()) {
        const r = row + 14 + k;
        const engine = compareLeverage(scenario, new Dec(leverage));
        const price = (o: typeof engine.isolated) =>
          o.liquidation.kind === 'price' ? formatValue(o.liquidation.price.toNumber(), '#,##0.00') : 'NONE';
        const shown = await page.$$eval(`#grid td[data-row="${r}"]`, (tds) =>
          tds.slice(0, 9).map((td) => td.textContent),
        );
        expect(shown).toEqual([
          `${leverage}×`,
          formatValue(engine.quantity.toNumber(), '0.########'),
          formatValue(engine.margin.toNumber(), '#,##0.00'),
          price(engine.isolated),
          formatValue(engine.isolated.distance!.toNumber(), '0.00%'),
          formatValue(engine.isolated.maxLoss.toNumber(), '#,##0.00'),
          price(engine.cross),
          formatValue(engine.cross.distance!.toNumber(), '0.00%'),
          formatValue(engine.cross.maxLoss.toNumber(), '#,##0.00'),
        ]);
      }
      // They are formulas over the inputs block: change the entry price in the sheet and they follow.
      await cell(page, row + 14, 4).click();
      expect(await page.inputValue('#formula')).toMatch(
        /^=LIQ_PRICE_ISOLATED\(\$B\$\d+, \$B\$\d+, B\d+:B\d+, A\d+:A\d+, \$B\$\d+, \$B\$\d+\)$/,
      );
      expect(await page.$$eval('.chart', (charts) => charts.length)).toBe(1);
      mkdirSync(ARTIFACTS, { recursive: true });
      await page.screenshot({ path: join(ARTIFACTS, 'playground-grid.png') });
      await page.close();
    },
  );

  it('keeps edits across reloads, and Reset restores the examples', async () => {
    const { page } = await open();
    await enter(page, 9, 1, 'my note');
    await page.reload();
    await page.waitForSelector('#grid td');
    expect(await cell(page, 9, 1).textContent()).toBe('my note');
    await page.click('#reset');
    expect(await cell(page, 9, 1).textContent()).toBe('');
    expect(await cell(page, 1, 1).textContent()).toBe('Input');
    await page.screenshot({ path: join(ARTIFACTS, 'playground.png') });
    await page.close();
  });

  it('has the risk plan, and freezes and restores formulas from the menu', async () => {
    const { page, errors } = await open();
    await page.click('#tabs button:text-is("Risk plan")');
    expect(await cell(page, 9, 1).textContent()).toBe('BTCUSDT');
    const btcLiq = await cell(page, 9, 12).textContent();
    expect(btcLiq).toMatch(/^\d{1,3}(,\d{3})*\.\d\d$/);
    await cell(page, 9, 12).click();
    const formula = await page.inputValue('#formula');
    expect(formula).toMatch(/^=IF\(\$F9="CROSS", Z9, LIQ_PRICE_ISOLATED\(/);

    const runMenu = async (label: string) => {
      await page.click('#menu summary');
      await page.click(`#menu-items button:text-is("${label}")`);
      await page.waitForSelector('#message:not([hidden])');
      const text = await page.textContent('#message-text');
      await page.click('#message-ok');
      return text;
    };
    expect(await runMenu('Freeze values for sharing: This sheet')).toMatch(
      /^Froze \d+ formulas of Liquidation Planner in this sheet; people without the add-on now see the values\./,
    );
    await cell(page, 9, 12).click();
    expect(await page.inputValue('#formula')).not.toMatch(/^=/);
    expect(await cell(page, 9, 12).textContent()).toBe(btcLiq);
    expect(await page.textContent('#details')).toMatch(
      new RegExp(
        'Note: Frozen for sharing by Liquidation Planner on \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC ' +
          '\\(brackets: snapshot of 2024-10-24\\)',
      ),
    );
    // The frozen formulas are kept on a hidden sheet: no tab for it.
    expect(await page.$$eval('#tabs button', (b) => b.map((x) => x.textContent))).not.toContain(
      'Liquidation Planner: frozen formulas',
    );
    await page.screenshot({ path: join(ARTIFACTS, 'playground-frozen.png') });

    expect(await runMenu('Restore live formulas')).toMatch(/^Restored \d+ live formulas of Liquidation Planner\.$/);
    await cell(page, 9, 12).click();
    expect(await page.inputValue('#formula')).toBe(formula);
    expect(await cell(page, 9, 12).textContent()).toBe(btcLiq);
    expect(await runMenu('Restore live formulas')).toBe('Nothing is frozen: there is no formula to restore.');
    expect(errors).toEqual([]);
    await page.close();
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

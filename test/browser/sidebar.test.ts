import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { Dec, compareLeverage } from '../../src/engine';
import { formatPercent, formatUsd } from '../../src/sidebar/format';
import { launchChromium } from './browser';
import { defaultScenario } from './defaultScenario';
import { callFunction } from '../../src/functions';

const call = (name: string, ...args: unknown[]) => callFunction(name, args);

// The built sidebar (dist/Sidebar.html) in headless Chromium, with google.script.run stubbed:
// calls are recorded in window.__calls and answered by window.__answer.

jest.setTimeout(60_000);
const SIDEBAR = pathToFileURL(join(__dirname, '../../dist/Sidebar.html')).href;
export const ARTIFACTS = join(__dirname, '../../test-artifacts');

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

async function openSidebar(): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width: 300, height: 900 } });
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
  await page.addInitScript(() => {
    const w = window as unknown as Record<string, unknown>;
    w.__calls = [];
    w.__answer = (name: string) =>
      name === 'sidebarSelectedCell'
        ? { a1: 'C7', value: 61234.5 }
        : name === 'sidebarMarketBrackets'
          ? null // no imported brackets: the bundled snapshot
          : { status: 'inserted', sheetName: 'Sheet1', a1: 'B3' };
    const runner = (success: ((v: unknown) => void) | null, failure: ((e: Error) => void) | null): unknown =>
      new Proxy(
        {},
        {
          get: (_, name: string) => {
            if (name === 'withSuccessHandler') return (handler: (v: unknown) => void) => runner(handler, failure);
            if (name === 'withFailureHandler') return (handler: (e: Error) => void) => runner(success, handler);
            return (...args: unknown[]) => {
              (w.__calls as unknown[]).push({ name, args: JSON.parse(JSON.stringify(args)) });
              setTimeout(() => {
                try {
                  success?.((w.__answer as (n: string, a: unknown[]) => unknown)(name, args));
                } catch (error) {
                  failure?.(error as Error);
                }
              }, 10);
            };
          },
        },
      );
    w.google = { script: { run: runner(null, null) } };
  });
  await page.goto(SIDEBAR);
  await page.waitForSelector('#preview-table');
  return { page, errors };
}

const calls = (page: Page) =>
  page.evaluate(() => (window as unknown as { __calls: { name: string; args: unknown[] }[] }).__calls);

async function fill(page: Page, id: string, text: string): Promise<void> {
  await page.fill(`#${id}`, text);
}

describe('scenario builder sidebar', () => {
  it('shows the engine numbers for the default scenario, fits 300 px, and is saved as a screenshot', async () => {
    const { page, errors } = await openSidebar();
    const scenario = defaultScenario();
    const leverages = (await page.inputValue('#leverages')).split(/[\s,]+/);
    expect(leverages).toEqual(['2', '5', '10', '20', '50', '100', '125']);
    for (const leverage of leverages) {
      const row = compareLeverage(scenario, new Dec(leverage));
      const cells = await page.$$eval(`tr[data-leverage="${leverage}"] td`, (tds) =>
        tds.map((td) => [...td.querySelectorAll('div')].map((d) => d.textContent)),
      );
      const expected = (o: typeof row.isolated) => [
        o.liquidation.kind === 'price' ? formatUsd(o.liquidation.price) : 'NONE',
        o.distance === null ? 'cannot be liquidated' : `${formatPercent(o.distance)} away`,
        `max loss ${formatUsd(o.maxLoss)}`,
      ];
      expect(cells).toEqual([expected(row.isolated), expected(row.cross)]);
    }
    // The worked example: 10× isolated 54,216.87, cross 30,120.48.
    expect(await page.textContent('tr[data-leverage="10"] td.isolated .price')).toBe('54,216.87');
    expect(await page.textContent('tr[data-leverage="10"] td.cross .price')).toBe('30,120.48');
    expect(await page.textContent('#lesson')).toBe(
      'At 10×, isolated survives a 9.64% fall and loses at most 1,000.00 ' +
        'USDT; cross survives a 49.80% fall but can lose 5,000.00 USDT, the ' +
        'whole balance.',
    );
    expect(await page.textContent('#max-leverage')).toBe(
      'Max leverage at this size: 150× (bracket 1: 0 to 300,000 USDT)',
    );
    expect(await page.$$eval('svg polyline', (lines) => lines.length)).toBe(2);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(300);
    expect(await page.isEnabled('#insert')).toBe(true);
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'sidebar.png'), fullPage: false });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('validates as the user types, naming the field to change, and disables Insert', async () => {
    const { page } = await openSidebar();
    // 60,000 reads as the sheet reads it; a comma that is not a thousands separator is ambiguous.
    await fill(page, 'entry', '60,000');
    expect(await page.textContent('#entry-error')).toBe('');
    expect(await page.textContent('tr[data-leverage="10"] td.isolated .price')).toBe('54,216.87');
    await fill(page, 'entry', '60,00');
    expect(await page.textContent('#entry-error')).toBe(
      'Entry price: "60,00" is ambiguous (a comma can separate thousands or decimals); type a plain number ' +
        'such as 60000 or 1.5 (60,000 with commas every three digits also works).',
    );
    expect(await page.getAttribute('#entry', 'aria-invalid')).toBe('true');
    expect(await page.isDisabled('#insert')).toBe(true);
    await fill(page, 'entry', '60000');
    expect(await page.textContent('#entry-error')).toBe('');
    expect(await page.isEnabled('#insert')).toBe(true);

    await fill(page, 'leverages', '10, 160');
    expect(await page.textContent('#leverages-error')).toBe(
      'Leverage: 160× is above the maximum of 150× that BTCUSDT allows for a ' +
        'position of 10,000 USDT (bracket 1: 0 to 300,000 USDT).',
    );
    expect(await page.isDisabled('#insert')).toBe(true);
    await fill(page, 'leverages', '10');
    await fill(page, 'wallet', '500');
    expect(await page.textContent('#wallet-error')).toMatch(
      /^Account balance: 500 USDT is less than the 1,000 USDT of margin this position needs at 10×/,
    );
    expect(await page.isDisabled('#insert')).toBe(true);
    await fill(page, 'wallet', '5000');
    await fill(page, 'stop', '61000');
    expect(await page.textContent('#stop-error')).toBe(
      'Stop price: 61,000 is not a stop-loss for a long entered at 60,000; expected a price below the entry.',
    );
    await fill(page, 'stop', '');
    await fill(page, 'symbol', 'BTCUSD');
    expect(await page.textContent('#symbol-error')).toMatch(
      new RegExp(
        '^Symbol: "BTCUSD" is not a market of the bundled Binance USDS-M snapshot of 2026-07-02\\. ' +
          'Did you mean BTCUSD_PERP \\(COIN-M\\), BTCUSDC',
      ),
    );
    expect(await page.isDisabled('#insert')).toBe(true);
    await page.close();
  });

  it('renders what users type as text, never as markup', async () => {
    const { page } = await openSidebar();
    await fill(page, 'symbol', '<img src=x onerror="window.__pwned=1">');
    expect(await page.textContent('#symbol-error')).toContain(
      'Symbol: "<img src=x onerror="window.__pwned=1">" is not a market',
    );
    expect(await page.$$eval('img', (imgs) => imgs.length)).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    await page.close();
  });

  it('works with the keyboard alone: Tab to each field, type, and press Insert', async () => {
    const { page } = await openSidebar();
    await page.focus('body');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('symbol');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('ethusdt');
    await page.keyboard.press('Tab'); // side
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('side');
    await page.keyboard.press('ArrowDown'); // SHORT
    await page.keyboard.press('Tab'); // entry
    await page.keyboard.press('Control+A');
    await page.keyboard.type('3000');
    await page.keyboard.press('Tab'); // From cell
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('use-cell');
    await page.keyboard.press('Tab'); // size mode
    await page.keyboard.press('Tab'); // size
    await page.keyboard.press('Control+A');
    await page.keyboard.type('20000');
    await page.keyboard.press('Tab'); // wallet
    await page.keyboard.press('Control+A');
    await page.keyboard.type('8000');
    for (let i = 0; i < 2; i++) await page.keyboard.press('Tab'); // added, stop
    for (const id of ['volatility', 'volatility-from-cells', 'horizon', 'leverages']) {
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.id)).toBe(id);
    }
    await page.keyboard.press('Control+A');
    await page.keyboard.type('3, 10, 25');
    // The focused field has a visible focus ring.
    expect(await page.evaluate(() => getComputedStyle(document.activeElement as Element).outlineStyle)).toBe('solid');
    await page.focus('#insert');
    await page.keyboard.press('Enter');
    await page.waitForSelector('.status.ok');
    const [call] = (await calls(page)).filter((c) => c.name === 'sidebarInsertGrid');
    expect(call.args).toEqual([
      {
        symbol: 'ETHUSDT',
        side: 'SHORT',
        entryPrice: 3000,
        sizeMode: 'VALUE',
        size: 20000,
        walletBalance: 8000,
        addedMargin: 0,
        stopPrice: null,
        volatility: null,
        horizonDays: null,
        leverages: [3, 10, 25],
      },
      { kind: 'selection' },
    ]);
    expect(await page.textContent('#status')).toBe(
      'Grid written at Sheet1!B3. Edit its inputs in the sheet and it recalculates.',
    );
    await page.close();
  });

  it('takes the entry price from the selected cell', async () => {
    const { page } = await openSidebar();
    await page.click('#use-cell');
    await page.waitForSelector('.status.ok');
    expect(await page.inputValue('#entry')).toBe('61234.5');
    expect(await page.textContent('#status')).toBe('Entry price taken from C7.');
    await page.close();
  });

  it('offers the next free area, a new sheet or cancel when the target holds data', async () => {
    const { page } = await openSidebar();
    await page.evaluate(() => {
      const w = window as unknown as Record<string, unknown>;
      w.__answer = (_name: string, args: unknown[]) => {
        const placement = args[1] as { kind: string };
        if (placement.kind === 'selection')
          return {
            status: 'occupied',
            sheetName: 'Sheet1',
            a1: 'A1',
            occupied: ['B2', 'C3'],
            suggestion: { sheetName: 'Sheet1', row: 30, column: 1, a1: 'A30' },
          };
        return { status: 'inserted', sheetName: 'Sheet1', a1: 'A30' };
      };
    });
    await page.click('#insert');
    await page.waitForSelector('.status.error button');
    expect(await page.textContent('#status span')).toBe(
      'Sheet1!A1 is not free (B2, C3 hold data). Nothing was written.',
    );
    expect(await page.$$eval('.status button', (b) => b.map((x) => x.textContent))).toEqual([
      'Use A30 instead',
      'New sheet',
      'Cancel',
    ]);
    await page.click('text=Use A30 instead');
    await page.waitForSelector('.status.ok');
    const inserts = (await calls(page)).filter((c) => c.name === 'sidebarInsertGrid');
    expect(inserts.map((c) => c.args[1])).toEqual([
      { kind: 'selection' },
      { kind: 'at', sheetName: 'Sheet1', row: 30, column: 1 },
    ]);
    // One cell in the way: it "holds" data.
    await page.evaluate(() => {
      (window as unknown as Record<string, unknown>).__answer = () => ({
        status: 'occupied',
        sheetName: 'Sheet1',
        a1: 'E15',
        occupied: ['E20'],
        suggestion: { sheetName: 'Sheet1', row: 40, column: 5, a1: 'E40' },
      });
    });
    await page.click('#insert');
    await page.waitForSelector('text=Use E40 instead');
    expect(await page.textContent('#status span')).toBe(
      'Sheet1!E15 is not free (E20 holds data). Nothing was written.',
    );
    await page.close();
  });

  it('shows a server failure as a message', async () => {
    const { page } = await openSidebar();
    await page.evaluate(() => {
      (window as unknown as Record<string, unknown>).__answer = () => {
        throw new Error('Could not write the grid (quota); the sheet is as it was.');
      };
    });
    await page.click('#insert');
    await page.waitForSelector('.status.error');
    expect(await page.textContent('#status')).toBe('Could not write the grid (quota); the sheet is as it was.');
    expect(await page.isEnabled('#insert')).toBe(true);
    await page.close();
  });
  it('converts the size when "Size as" changes, and names its unit', async () => {
    const { page, errors } = await openSidebar();
    const leveragesBefore = await page.inputValue('#leverages');
    expect(await page.textContent('#size-label')).toBe('Position value (USDT)');
    // Rounded as the unit deserves, never up: a quantity to its step (0.0001 BTC at 60,000), USDT to the cent.
    await page.selectOption('#sizeMode', 'QUANTITY');
    expect(await page.inputValue('#size')).toBe('0.1666');
    expect(await page.textContent('#size-label')).toBe('Size (BTC)');
    expect(await page.inputValue('#leverages')).toBe(leveragesBefore);
    expect(await page.$$eval('.error', (nodes) => nodes.map((n) => n.textContent).join(''))).toBe('');
    expect(await page.$$('tr.row-error')).toHaveLength(0);
    // Margin at the first leverage listed: 0.1666 BTC × 60,000 / 2.
    const first = Number(leveragesBefore.split(/[\s,]+/)[0]);
    await page.selectOption('#sizeMode', 'MARGIN');
    expect(await page.textContent('#size-label')).toBe('Margin (USDT)');
    expect(await page.inputValue('#size')).toBe(String((0.1666 * 60000) / first));
    // A quantity typed to ten digits, the entry changed: the position value comes to the cent.
    await page.selectOption('#sizeMode', 'QUANTITY');
    await fill(page, 'size', '0.1666666667');
    await fill(page, 'entry', '65000');
    await page.selectOption('#sizeMode', 'VALUE');
    expect(await page.inputValue('#size')).toBe('10833.33');
    await fill(page, 'entry', '60000');
    await fill(page, 'size', '10000');
    // Risk at the stop needs a stop: without one the field is emptied, not reinterpreted; going back
    // brings the last valid size in that unit back.
    await page.selectOption('#sizeMode', 'RISK');
    expect(await page.inputValue('#size')).toBe('');
    expect(await page.textContent('#size-label')).toBe('Risk at stop (USDT)');
    await page.selectOption('#sizeMode', 'VALUE');
    expect(await page.inputValue('#size')).toBe('10000');
    expect(await page.textContent('#size-error')).toBe('');
    expect(await page.isEnabled('#insert')).toBe(true);
    await fill(page, 'stop', '57000');
    await page.selectOption('#sizeMode', 'RISK');
    // 1/6 BTC × 3,000 = 500 USDT at risk.
    expect(await page.inputValue('#size')).toBe('500');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('computes a COIN-M market in contracts and coins, and says what a switch of family cleared', async () => {
    const { page, errors } = await openSidebar();
    // The symbol list holds the COIN-M markets too.
    expect(await page.$$eval('#symbols option', (o) => o.map((x) => (x as HTMLOptionElement).value))).toContain(
      'BTCUSD_PERP',
    );
    await page.selectOption('#sizeMode', 'QUANTITY');
    await fill(page, 'symbol', 'BTCUSD_PERP');
    // From BTCUSDT: the USDT balance means nothing in BTC (cleared, and said so); 1/6 BTC at 60,000 is 10,000 USD.
    await page.waitForFunction(() => document.querySelector('#status')?.textContent?.includes('COIN-M'));
    expect(await page.textContent('#status')).toBe(
      'BTCUSD_PERP is COIN-M: amounts are in BTC, sizes in contracts of 100 USD; the account balance (USDT) ' +
        'cleared; the size is now a position value of 9996 USD.',
    );
    expect(await page.inputValue('#wallet')).toBe('');
    expect(await page.textContent('#size-label')).toBe('Position value (USD)');
    expect(await page.textContent('#wallet-label')).toBe('Account balance for cross (BTC)');
    expect(await page.textContent('#entry-label')).toBe('Entry price (USD)');
    expect(await page.textContent('#snapshot')).toMatch(/^Brackets: bundled snapshot of 2026-09-17, \d+ days old\.$/);
    // 1 BTC of cross wallet, 100 contracts (10,000 USD) at 60,000: the numbers are the functions'.
    await fill(page, 'wallet', '1');
    await fill(page, 'size', '10000');
    await fill(page, 'leverages', '10');
    await page.waitForSelector('tr[data-leverage="10"]');
    const isolated = Number((await page.textContent('tr[data-leverage="10"] td.isolated .price'))!.replace(/,/g, ''));
    expect(isolated).toBeCloseTo(call('LIQ_PRICE_ISOLATED', 'LONG', 60000, 100, 10, 0, 'BTCUSD_PERP') as number, 2);
    const cross = Number((await page.textContent('tr[data-leverage="10"] td.cross .price'))!.replace(/,/g, ''));
    expect(cross).toBeCloseTo(call('LIQ_PRICE_CROSS', 'LONG', 60000, 100, 1, 0, 0, 'BTCUSD_PERP') as number, 2);
    // Amounts in the coin: the margin 100·100/(60,000·10) = 0.01667 BTC; the lesson in BTC.
    expect(await page.textContent('tr[data-leverage="10"] th .sub')).toBe('margin 0.01667 BTC');
    expect(await page.textContent('#lesson')).toMatch(
      /isolated .* loses at most 0\.01667 BTC; cross .* 1 BTC, the whole balance\.$/,
    );
    // Sizes said in contracts: whole contracts, never more than typed.
    await page.selectOption('#sizeMode', 'QUANTITY');
    expect(await page.inputValue('#size')).toBe('100');
    expect(await page.textContent('#size-label')).toBe('Size (contracts of 100 USD)');
    // Back to USDS-M: the BTC balance is cleared in turn.
    await fill(page, 'symbol', 'ETHUSDT');
    await page.waitForFunction(() => document.querySelector('#status')?.textContent?.includes('ETHUSDT'));
    expect(await page.textContent('#status')).toMatch(
      /^ETHUSDT is margined in USDT; the account balance \(BTC\) cleared/,
    );
    expect(errors).toEqual([]);
    await page.close();
  });

  it('sizes by risk at the stop and says up to which leverage the stop fires first', async () => {
    const { page, errors } = await openSidebar();
    await fill(page, 'stop', '57000');
    await page.selectOption('#sizeMode', 'RISK');
    await fill(page, 'size', '300');
    await fill(page, 'leverages', '5, 10, 20, 50');
    // 300 / 3,000 = 0.1 BTC.
    const scenario = defaultScenario({ sizeMode: 'QUANTITY', size: new Dec(0.1), stopPrice: new Dec(57000) });
    const row = compareLeverage(scenario, new Dec(10));
    if (row.isolated.liquidation.kind !== 'price') throw new Error('expected a price');
    expect(await page.textContent('tr[data-leverage="10"] td.isolated .price')).toBe(
      formatUsd(row.isolated.liquidation.price),
    );
    const safe = call('MAX_SAFE_LEVERAGE', 'LONG', 60000, 0.1, 57000) as number;
    expect(await page.textContent('#safe-leverage')).toBe(
      `Your stop fires before liquidation up to ${safe}× (isolated).`,
    );
    for (const leverage of [5, 10, 20, 50]) {
      const unsafe = await page.$eval(`tr[data-leverage="${leverage}"]`, (tr) => tr.classList.contains('unsafe'));
      expect(unsafe).toBe(leverage > safe);
    }
    expect(await page.textContent('tr[data-leverage="20"] .stop-late')).toBe('liquidated before the stop');
    // The request carries the risk mode to the grid.
    await page.click('#insert');
    await page.waitForFunction(() => (window as unknown as { __calls: unknown[] }).__calls.length > 0);
    const [insert] = (await calls(page)).filter((c) => c.name === 'sidebarInsertGrid');
    expect(insert.args[0]).toMatchObject({ sizeMode: 'RISK', size: 300, stopPrice: 57000 });
    expect(errors).toEqual([]);
    await page.close();
  });
  it('shows the chance of liquidation in each mode, equal to the functions, and the paradox in numbers', async () => {
    const { page, errors } = await openSidebar();
    await fill(page, 'leverages', '5, 10, 20');
    expect(await page.$$('[data-field="chance"]')).toHaveLength(0);
    // As in a sheet cell: 60 % is 0.6 or 60%; a bare 60 (6,000 %) is refused, quoting what was typed.
    await fill(page, 'horizon', '7');
    await fill(page, 'volatility', '60');
    expect(await page.textContent('#volatility-error')).toBe(
      'Volatility: "60" is 6,000 % a year, more than any market has; expected an annual volatility above 0, such ' +
        'as 0.6 or 60% for 60 %, at most 5 (500 %). Write 60 % as 0.6 or 60%.',
    );
    await fill(page, 'volatility', '-5');
    expect(await page.textContent('#volatility-error')).toBe(
      'Volatility: "-5" is not valid; expected an annual volatility above 0, such as 0.6 or 60% for 60 %.',
    );
    await fill(page, 'volatility', '0.6');
    const typedAsFraction = await page.getAttribute(
      'tr[data-leverage="10"] td.isolated [data-field="chance"]',
      'data-chance',
    );
    await fill(page, 'volatility', '60%');
    expect(await page.textContent('#volatility-error')).toBe('');
    expect(await page.getAttribute('tr[data-leverage="10"] td.isolated [data-field="chance"]', 'data-chance')).toBe(
      typedAsFraction,
    );
    for (const leverage of [5, 10, 20]) {
      for (const mode of ['isolated', 'cross']) {
        const cell = `tr[data-leverage="${leverage}"] td.${mode}`;
        const liq = Number((await page.textContent(`${cell} .price`))!.replace(/,/g, ''));
        const shown = Number(await page.getAttribute(`${cell} [data-field="chance"]`, 'data-chance'));
        const row = call('LIQ_GRID', 'LONG', 60000, 10000 / 60000, 5000, leverage, '', 0.6, 7) as number[][];
        // Equal but for the last bits of the quantity 10,000/60,000 (exact in the sidebar, a float in the cell).
        expect(Math.abs(shown - row[1][mode === 'isolated' ? 8 : 9])).toBeLessThanOrEqual(1e-12 * shown);
        expect(liq).toBeCloseTo(row[1][mode === 'isolated' ? 2 : 5], 2);
      }
    }
    expect(await page.textContent('tr[data-leverage="10"] td.cross [data-field="chance"]')).toBe(
      'under 0.01 % chance in 7 d',
    );
    expect(await page.textContent('#lesson')).toBe(
      'At 10×, isolated: 23 % chance of liquidation within 7 days, losing at most 1,000 USDT; cross: under 0.01 %, ' +
        'but up to 5,000 USDT.',
    );
    // The grid gets the odds too.
    await page.click('#insert');
    await page.waitForFunction(() => (window as unknown as { __calls: unknown[] }).__calls.length > 0);
    const [insert] = (await calls(page)).filter((c) => c.name === 'sidebarInsertGrid');
    expect(insert.args[0]).toMatchObject({ volatility: 0.6, horizonDays: 7 });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('with a stop that fires first, gives the chance of the stop and the loss there, not of liquidation', async () => {
    const { page, errors } = await openSidebar();
    await fill(page, 'leverages', '10, 20');
    await fill(page, 'stop', '57000');
    await fill(page, 'volatility', '60%');
    await fill(page, 'horizon', '7');
    const stopChance = call('LIQ_PROBABILITY', 'LONG', 60000, 57000, 0.6, 7) as number;
    const chanceAt = (leverage: number, mode: string) =>
      page.getAttribute(`tr[data-leverage="${leverage}"] td.${mode} [data-field="chance"]`, 'data-chance');
    const eventAt = (leverage: number, mode: string) =>
      page.getAttribute(`tr[data-leverage="${leverage}"] td.${mode} [data-field="chance"]`, 'data-event');
    // 10×: both modes are liquidated past the stop: the stop fires, 500 USDT is lost at it.
    expect(Number(await chanceAt(10, 'isolated'))).toBe(stopChance);
    expect(Number(await chanceAt(10, 'cross'))).toBe(stopChance);
    expect(await eventAt(10, 'isolated')).toBe('stop');
    expect(await page.textContent('tr[data-leverage="10"] td.isolated [data-field="chance"]')).toBe(
      `stop hit: ${Math.round(stopChance * 100)} % chance in 7 d`,
    );
    // 20×: isolated is liquidated at 57,228.92, before the stop: its chance is of liquidation.
    expect(await eventAt(20, 'isolated')).toBe('liquidation');
    const liq = Number((await page.textContent('tr[data-leverage="20"] td.isolated .price'))!.replace(/,/g, ''));
    expect(Number(await chanceAt(20, 'isolated'))).toBeCloseTo(
      call('LIQ_PROBABILITY', 'LONG', 60000, liq, 0.6, 7) as number,
      3,
    );
    expect(await page.textContent('#lesson')).toBe(
      `At 10×, isolated: ${Math.round(stopChance * 100)} % chance that the stop at 57,000.00 is hit within 7 days, ` +
        `losing 500 USDT; cross: ${Math.round(stopChance * 100)} % chance that the stop at 57,000.00 is hit ` +
        'within 7 days, losing 500 USDT.',
    );
    expect(errors).toEqual([]);
    await page.close();
  });

  it('computes the volatility of the selected closes with "From cells"', async () => {
    const { page, errors } = await openSidebar();
    await page.evaluate(() => {
      const w = window as unknown as { __answer: (name: string) => unknown };
      w.__answer = () => ({ a1: 'B2:B7', values: [[100], [101], [''], [99.5], [102], ['n/a'], [100.5]] });
    });
    await page.click('#volatility-from-cells');
    await page.waitForFunction(() => (document.getElementById('volatility') as HTMLInputElement).value !== '');
    const volatility = call('VOLATILITY', [[100], [101], [99.5], [102], [100.5]]) as number;
    expect(await page.inputValue('#volatility')).toBe(`${(volatility * 100).toFixed(1)}%`);
    expect(await page.textContent('#volatility-error')).toBe('');
    expect(await page.textContent('#status')).toBe(
      `Volatility of B2:B7 (5 daily closes): ${(volatility * 100).toFixed(1)}% a year.`,
    );
    await page.evaluate(() => {
      const w = window as unknown as { __answer: (name: string) => unknown };
      w.__answer = () => ({ a1: 'B2:B3', values: [[100], [101]] });
    });
    await page.click('#volatility-from-cells');
    await page.waitForFunction(() => document.getElementById('status')!.textContent!.startsWith('B2:B3'));
    expect(await page.textContent('#status')).toMatch(/^B2:B3: the selection: 2 prices given; expected at least 3/);
    // A selection of text: it holds no prices, said as such.
    await page.evaluate(() => {
      const w = window as unknown as { __answer: (name: string) => unknown };
      w.__answer = () => ({ a1: 'E20', values: [['Symbol']] });
    });
    await page.click('#volatility-from-cells');
    await page.waitForFunction(() => document.getElementById('status')!.textContent!.startsWith('E20'));
    expect(await page.textContent('#status')).toBe(
      'E20 holds no prices: select a column of daily closes, oldest first.',
    );
    expect(errors).toEqual([]);
    await page.close();
  });
  it('keeps Insert in reach at 800 px high, and ticks the chart at round prices', async () => {
    const { page, errors } = await openSidebar();
    await page.setViewportSize({ width: 300, height: 800 });
    const box = (await page.locator('#insert').boundingBox())!;
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.y + box.height).toBeLessThanOrEqual(800);
    expect(await page.evaluate(() => document.scrollingElement!.scrollTop)).toBe(0);
    const ticks = await page.$$eval('svg text.tick[text-anchor="end"]', (nodes) => nodes.map((n) => n.textContent));
    expect(ticks).toEqual(['30,000', '40,000', '50,000', '60,000']);
    expect(errors).toEqual([]);
    await page.close();
  });
});

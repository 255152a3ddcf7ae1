import { INPUT_LABELS, planGrid, TABLE_HEADER } from '../../src/addon/gridPlan';
import { callFunction } from '../../src/functions';
import { writePlan } from '../../src/addon/gridWriter';
import { EXAMPLE_REQUEST, type ScenarioRequest } from '../../src/addon/scenarioRequest';
import { insertScenarioGrid } from '../../src/addon/server';
import { Dec, compareLeverage } from '../../src/engine';
import { snapshotMarket } from '../../src/data/symbols';
import { evaluateSheet } from './evaluate';
import { FakeSpreadsheet, fakeEnv } from './fakeSheets';

/** The engine's numbers for one leverage of a request, as cells would show them. */
function engineRow(request: ScenarioRequest, leverage: number): (number | string)[] {
  const row = compareLeverage(
    {
      side: request.side === 'LONG' ? 1 : -1,
      entryPrice: new Dec(request.entryPrice),
      sizeMode: request.sizeMode,
      size: new Dec(request.size),
      walletBalance: new Dec(request.walletBalance),
      addedMargin: new Dec(request.addedMargin),
      stopPrice: request.stopPrice === null ? null : new Dec(request.stopPrice),
      market: snapshotMarket(request.symbol),
    },
    new Dec(leverage),
  );
  const price = (o: typeof row.isolated) => (o.liquidation.kind === 'price' ? o.liquidation.price.toNumber() : 'NONE');
  const distance = (o: typeof row.isolated) => (o.distance === null ? 'NONE' : o.distance.toNumber());
  return [
    leverage,
    row.quantity.toNumber(),
    row.margin.toNumber(),
    price(row.isolated),
    distance(row.isolated),
    row.isolated.maxLoss.toNumber(),
    price(row.cross),
    distance(row.cross),
    row.cross.maxLoss.toNumber(),
    request.entryPrice,
  ];
}

function tableValues(
  book: FakeSpreadsheet,
  sheetName: string,
  row: number,
  column: number,
  request: ScenarioRequest,
): unknown[][] {
  const sheet = book.getSheetByName(sheetName)!;
  const plan = planGrid(request, row, column);
  return sheet.getRange(row + plan.tableFirstRow, column, plan.tableRows, plan.columns).getValues();
}

/** Each row of the table as the engine computes it for `request`. */
function expectEngineRows(values: unknown[][], request: ScenarioRequest): void {
  request.leverages.forEach((leverage, k) => {
    engineRow(request, leverage).forEach((value, c) =>
      typeof value === 'number' ? expect(values[k][c]).toBeCloseTo(value, 9) : expect(values[k][c]).toBe(value),
    );
  });
}

describe('scenario grid writer', () => {
  it('writes an inputs block and a formula table that evaluates to the engine numbers', () => {
    const env = fakeEnv();
    env.spreadsheet.select(env.spreadsheet.sheets[0], 3, 2);
    const result = insertScenarioGrid(env, EXAMPLE_REQUEST, { kind: 'selection' });
    expect(result).toEqual({ status: 'inserted', sheetName: 'Sheet1', a1: 'B3' });
    const sheet = env.spreadsheet.sheets[0];
    expect(sheet.columnWidths.size).toBe(0); // a user's sheet keeps its column widths
    expect(sheet.cell(4, 2).value).toBe('Symbol');
    expect(sheet.cell(4, 3).value).toBe('BTCUSDT');
    expect(sheet.getRange(16, 2, 1, TABLE_HEADER.length).getValues()[0]).toEqual([...TABLE_HEADER]);
    // The table holds formulas, not numbers.
    expect(sheet.cell(17, 5).formula).toBe('=LIQ_PRICE_ISOLATED($C$5, $C$6, C17:C22, B17:B22, $C$10, $C$4)');
    evaluateSheet(sheet);
    const values = tableValues(env.spreadsheet, 'Sheet1', 3, 2, EXAMPLE_REQUEST);
    EXAMPLE_REQUEST.leverages.forEach((leverage, k) => {
      const expected = engineRow(EXAMPLE_REQUEST, leverage);
      values[k].forEach((cell, c) => {
        if (typeof expected[c] === 'number') expect(cell).toBeCloseTo(expected[c] as number, 9);
        else expect(cell).toBe(expected[c]);
      });
    });
    // The worked example is in there: 10× isolated liquidates at 54,216.87, cross at 30,120.48.
    expect(values[2][3]).toBeCloseTo(54216.8674698795, 6);
    expect(values[2][6]).toBeCloseTo(30120.4819277108, 6);
  });

  it('recalculates from the inputs block: a new entry price and a margin-committed size', () => {
    const env = fakeEnv();
    const request: ScenarioRequest = {
      ...EXAMPLE_REQUEST,
      side: 'SHORT',
      sizeMode: 'MARGIN',
      size: 1000,
      walletBalance: 20000,
      stopPrice: 70000,
      leverages: [2, 10, 25],
    };
    insertScenarioGrid(env, request, { kind: 'at', sheetName: 'Sheet1', row: 1, column: 1 });
    const sheet = env.spreadsheet.sheets[0];
    sheet.update(4, 2, { value: 65000 }); // Entry price
    evaluateSheet(sheet);
    const edited = { ...request, entryPrice: 65000 };
    expectEngineRows(tableValues(env.spreadsheet, 'Sheet1', 1, 1, edited), edited);
  });

  it.each(['QUANTITY', 'VALUE', 'MARGIN', 'RISK'] as const)(
    'works with a COIN-M market (%s): contracts of 100 USD, amounts in BTC, the engine numbers',
    (sizeMode) => {
      const env = fakeEnv();
      const size = { QUANTITY: 150, VALUE: 15000, MARGIN: 0.05, RISK: 0.01 }[sizeMode];
      const request: ScenarioRequest = {
        ...EXAMPLE_REQUEST,
        symbol: 'BTCUSD_PERP',
        sizeMode,
        size,
        walletBalance: 1,
        addedMargin: 0,
        stopPrice: 57000,
        leverages: [2, 10, 20],
      };
      insertScenarioGrid(env, request, { kind: 'at', sheetName: 'Sheet1', row: 1, column: 1 });
      const sheet = env.spreadsheet.sheets[0];
      evaluateSheet(sheet);
      expectEngineRows(tableValues(env.spreadsheet, 'Sheet1', 1, 1, request), request);
      // The wallet cell shows its coin; the Brackets row names the COIN-M snapshot.
      const inputs = sheet.getRange(2, 1, 11, 2).getValues();
      expect(inputs.find((r) => r[0] === 'Brackets')?.[1]).toBe('bundled snapshot of 2026-09-17');
      const wallet = inputs.findIndex((r) => r[0] === 'Wallet balance');
      expect(sheet.cell(2 + wallet, 2).numberFormat).toBe('#,##0.0000####" BTC"');
    },
  );

  it('follows a size given as the risk at the stop, and recalculates when the stop moves', () => {
    const env = fakeEnv();
    const request: ScenarioRequest = {
      ...EXAMPLE_REQUEST,
      sizeMode: 'RISK',
      size: 300,
      stopPrice: 57000,
      leverages: [5, 10, 20],
    };
    insertScenarioGrid(env, request, { kind: 'at', sheetName: 'Sheet1', row: 1, column: 1 });
    const sheet = env.spreadsheet.sheets[0];
    for (const stop of [57000, 58500]) {
      sheet.update(9, 2, { value: stop }); // Stop price
      evaluateSheet(sheet);
      const edited = { ...request, stopPrice: stop };
      const values = tableValues(env.spreadsheet, 'Sheet1', 1, 1, edited);
      edited.leverages.forEach((leverage, k) => {
        const expected = engineRow(edited, leverage);
        expect(values[k][1]).toBeCloseTo(300 / (60000 - stop), 12);
        expected.forEach((value, c) =>
          typeof value === 'number' ? expect(values[k][c]).toBeCloseTo(value, 9) : expect(values[k][c]).toBe(value),
        );
      });
    }
    expect(() => insertScenarioGrid(env, { ...request, stopPrice: null }, { kind: 'newSheet' })).toThrow(
      /^stop price: a size given as the risk at the stop needs a stop price/,
    );
  });

  it('with a volatility and a horizon, adds the two chances of the max loss as formulas that recalculate', () => {
    const env = fakeEnv();
    const request: ScenarioRequest = { ...EXAMPLE_REQUEST, volatility: 0.6, horizonDays: 7, leverages: [5, 10, 20] };
    insertScenarioGrid(env, request, { kind: 'at', sheetName: 'Sheet1', row: 1, column: 1 });
    const sheet = env.spreadsheet.sheets[0];
    const plan = planGrid(request, 1, 1);
    expect(plan.values[plan.headerRow].slice(-2)).toEqual([
      'Isolated: chance of max loss',
      'Cross: chance of max loss',
    ]);
    const volatilityRow = 1 + 1 + INPUT_LABELS.indexOf('Volatility (a year)');
    for (const volatility of [0.6, 0.9]) {
      sheet.update(volatilityRow, 2, { value: volatility });
      evaluateSheet(sheet);
      const values = tableValues(env.spreadsheet, 'Sheet1', 1, 1, request);
      request.leverages.forEach((_, k) => {
        const [iso, cross] = [values[k][3], values[k][6]];
        expect(values[k][10]).toBe(callFunction('LIQ_PROBABILITY', ['LONG', 60000, iso, volatility, 7]));
        expect(values[k][11]).toBe(callFunction('LIQ_PROBABILITY', ['LONG', 60000, cross, volatility, 7]));
      });
      // The classic 10×: about 23 % isolated at 60 %.
      if (volatility === 0.6) expect(values[1][10]).toBeCloseTo(0.234, 3);
    }
    // Without them, the table is as before.
    expect(planGrid(EXAMPLE_REQUEST, 1, 1).columns).toBe(TABLE_HEADER.length);
  });

  it("with a stop that fires first, gives the stop's chance (the max loss is then the loss at the stop)", () => {
    const env = fakeEnv();
    const request: ScenarioRequest = {
      ...EXAMPLE_REQUEST,
      stopPrice: 57000,
      volatility: 0.6,
      horizonDays: 7,
      leverages: [10, 20],
    };
    insertScenarioGrid(env, request, { kind: 'at', sheetName: 'Sheet1', row: 1, column: 1 });
    evaluateSheet(env.spreadsheet.sheets[0]);
    const values = tableValues(env.spreadsheet, 'Sheet1', 1, 1, request);
    const stopChance = callFunction('LIQ_PROBABILITY', ['LONG', 60000, 57000, 0.6, 7]) as number;
    // 10×: liquidated at 54,216.87, past the stop, in both modes: the stop's chance, 500 USDT lost at it.
    expect(values[0][10]).toBe(stopChance);
    expect(values[0][11]).toBe(stopChance);
    expect(values[0][5]).toBeCloseTo(500, 9);
    // 20×: isolated is liquidated at 57,228.92, before the stop: the chance of liquidation there.
    expect(values[1][3]).toBeGreaterThan(57000);
    expect(values[1][10]).toBe(callFunction('LIQ_PROBABILITY', ['LONG', 60000, values[1][3], 0.6, 7]));
    expect(values[1][11]).toBe(stopChance);
    expect(stopChance).toBeGreaterThan(0.4);
  });

  it('formats the table, colours distances and adds a line chart beside it', () => {
    const env = fakeEnv();
    insertScenarioGrid(env, EXAMPLE_REQUEST, { kind: 'at', sheetName: 'Sheet1', row: 1, column: 1 });
    const sheet = env.spreadsheet.sheets[0];
    expect(sheet.cell(14, 1).fontWeight).toBe('bold');
    expect(sheet.cell(14, 1).background).toBe('#e8eaed');
    expect(sheet.cell(15, 5).numberFormat).toBe('0.00%');
    expect(sheet.cell(15, 4).numberFormat).toBe('#,##0.00');
    expect(sheet.rules).toHaveLength(3);
    expect(sheet.rules[0]).toEqual({
      condition: ['lessThan', [0.05]],
      background: '#f4c7c3',
      ranges: ['E15:E20', 'H15:H20'],
    });
    expect(sheet.charts).toHaveLength(1);
    expect(sheet.charts[0].ranges).toEqual(['A14:A20', 'D14:D20', 'G14:G20', 'J14:J20']);
    expect(sheet.charts[0].position).toEqual([14, 12, 0, 0]);
  });

  it('never writes over data: an occupied target changes nothing and offers the next free place', () => {
    const env = fakeEnv();
    const sheet = env.spreadsheet.sheets[0];
    sheet.update(8, 3, { value: 'my note' });
    sheet.update(20, 14, { formula: '=1+1' }); // under where the chart would go
    const before = env.spreadsheet.snapshot();
    const result = insertScenarioGrid(env, EXAMPLE_REQUEST, { kind: 'at', sheetName: 'Sheet1', row: 1, column: 1 });
    expect(result.status).toBe('occupied');
    if (result.status !== 'occupied') throw new Error();
    expect(result.occupied).toEqual(['C8', 'N20']);
    expect(env.spreadsheet.snapshot()).toEqual(before);
    expect(result.suggestion.row).toBeGreaterThan(20);
    const retry = insertScenarioGrid(env, EXAMPLE_REQUEST, {
      kind: 'at',
      sheetName: 'Sheet1',
      row: result.suggestion.row,
      column: 1,
    });
    expect(retry.status).toBe('inserted');
    expect(sheet.cell(8, 3).value).toBe('my note');
    expect(sheet.cell(20, 14).formula).toBe('=1+1');
  });

  it('refuses at the writer level too (defence in depth)', () => {
    const env = fakeEnv();
    const sheet = env.spreadsheet.sheets[0];
    sheet.update(2, 2, { value: 1 });
    expect(() => writePlan(env, sheet, 1, 1, planGrid(EXAMPLE_REQUEST, 1, 1))).toThrow(
      /The target area is not empty \(B2\); nothing was written\./,
    );
  });

  it.each([
    'setValues',
    'setNumberFormats',
    'setFontWeights',
    'setBackgrounds',
    'setConditionalFormatRules',
    'buildRule',
    'insertChart',
    'flush',
  ])('a failure in %s leaves the sheet exactly as before', (method) => {
    const env = fakeEnv();
    const sheet = env.spreadsheet.sheets[0];
    // Some existing state that must survive: formats in the target area, a rule, a chart elsewhere.
    sheet.update(5, 2, { background: '#123456', numberFormat: '0.0' });
    sheet.rules = [{ existing: true }];
    sheet.charts = [{ type: 'PIE', ranges: ['Z1:Z2'], position: [40, 1, 0, 0], options: {} }];
    const before = env.spreadsheet.snapshot();
    env.spreadsheet.failOn = method;
    expect(() =>
      insertScenarioGrid(env, EXAMPLE_REQUEST, { kind: 'at', sheetName: 'Sheet1', row: 1, column: 1 }),
    ).toThrow(new RegExp(`^Could not write the grid \\(injected failure in ${method}\\); the sheet is as it was\\.$`));
    expect(env.spreadsheet.failOn).toBeNull(); // the injected failure did happen
    expect(env.spreadsheet.snapshot()).toEqual(before);
  });

  it('grows the sheet for a grid near its right edge, and shrinks it back if the write fails', () => {
    const env = fakeEnv();
    const sheet = env.spreadsheet.sheets[0];
    const before = env.spreadsheet.snapshot();
    env.spreadsheet.failOn = 'insertChart';
    expect(() =>
      insertScenarioGrid(env, EXAMPLE_REQUEST, { kind: 'at', sheetName: 'Sheet1', row: 995, column: 24 }),
    ).toThrow(/^Could not write the grid \(injected failure in insertChart\); the sheet is as it was\.$/);
    expect(env.spreadsheet.snapshot()).toEqual(before);
    expect(insertScenarioGrid(env, EXAMPLE_REQUEST, { kind: 'at', sheetName: 'Sheet1', row: 995, column: 24 })).toEqual(
      { status: 'inserted', sheetName: 'Sheet1', a1: 'X995' },
    );
    expect(sheet.getMaxColumns()).toBeGreaterThan(26);
    expect(sheet.getMaxRows()).toBeGreaterThan(1000);
  });

  it('a new sheet gets a free name, and is removed again if the write fails', () => {
    const env = fakeEnv();
    expect(insertScenarioGrid(env, EXAMPLE_REQUEST, { kind: 'newSheet' })).toEqual({
      status: 'inserted',
      sheetName: 'BTCUSDT LONG scenario',
      a1: 'A1',
    });
    expect(insertScenarioGrid(env, EXAMPLE_REQUEST, { kind: 'newSheet' })).toMatchObject({
      sheetName: 'BTCUSDT LONG scenario (2)',
    });
    const before = env.spreadsheet.snapshot();
    env.spreadsheet.failOn = 'insertChart';
    expect(() => insertScenarioGrid(env, EXAMPLE_REQUEST, { kind: 'newSheet' })).toThrow(/Could not write the grid/);
    expect(env.spreadsheet.snapshot()).toEqual(before);
  });

  it('checks what the browser sends', () => {
    const env = fakeEnv();
    expect(() => insertScenarioGrid(env, { ...EXAMPLE_REQUEST, symbol: 'NOPE' }, { kind: 'newSheet' })).toThrow(
      /^symbol: "NOPE" is not a market of the bundled bracket snapshots\.$/,
    );
    expect(() => insertScenarioGrid(env, { ...EXAMPLE_REQUEST, entryPrice: 'x' }, { kind: 'newSheet' })).toThrow(
      /^entry price: "x" is not a number\.$/,
    );
    expect(() => insertScenarioGrid(env, { ...EXAMPLE_REQUEST, leverages: [] }, { kind: 'newSheet' })).toThrow(
      /^leverages: expected 1 to 40 leverages\.$/,
    );
    expect(() => insertScenarioGrid(env, EXAMPLE_REQUEST, { kind: 'elsewhere' })).toThrow(/^Unknown placement/);
    expect(env.spreadsheet.sheets).toHaveLength(1);
  });
});

import { FROZEN_SHEET, freezeFormulas, restoreFormulas } from '../../src/addon/freeze';
import { type CellReader, formulaShape, usesAddonFunction } from '../../src/addon/formulaCells';
import {
  POSITION_COLUMNS,
  RISK_PLAN_EXAMPLE,
  RISK_PLAN_HORIZON_DAYS,
  RISK_PLAN_MARKET_VOLATILITY,
  RISK_PLAN_WALLETS,
  insertRiskPlan,
  planRiskPlan,
} from '../../src/addon/riskPlan';
import { writePlanOnNewSheet } from '../../src/addon/gridWriter';
import { STRESS_MOVES, STRESS_SERIES } from '../../src/addon/riskPlanStress';
import { callFunction } from '../../src/functions';
import { EXAMPLE_REQUEST } from '../../src/addon/scenarioRequest';
import { insertScenarioGrid } from '../../src/addon/server';
import {
  Dec,
  accountLiquidationMoves,
  crossLiquidationPrice,
  distanceToLiquidation,
  isolatedLiquidationPrice,
  maxLoss,
  maxSafeLeverage,
  portfolioLiquidationPrices,
  stressAccount,
} from '../../src/engine';
import { snapshotMarket } from '../../src/data/symbols';
import { BRACKET_COLUMNS } from '../../src/shared/columns';
import { evaluateSheet } from './evaluate';
import { type FakeSheet, FakeSpreadsheet, fakeEnv } from './fakeSheets';

const col = (name: (typeof POSITION_COLUMNS)[number]) => POSITION_COLUMNS.indexOf(name) + 1;
/** The first position row of a plan (the template's: it has a USDT and a BTC wallet). */
const firstRow = (plan = planRiskPlan()) => plan.tableFirstRow + 1;
const FIRST = firstRow();

function planSheet(): { env: ReturnType<typeof fakeEnv>; sheet: FakeSheet } {
  const env = fakeEnv();
  const name = insertRiskPlan(env);
  const sheet = env.spreadsheet.getSheetByName(name)!;
  evaluateSheet(sheet);
  return { env, sheet };
}

describe('risk-plan template', () => {
  it('grows its new sheet past column Z, as Sheets requires before writing there', () => {
    const { sheet } = planSheet();
    expect(sheet.getMaxColumns()).toBeGreaterThan(26);
    expect(sheet.getLastColumn()).toBe(sheet.getMaxColumns());
    // Its own sheet: narrow input columns and a wrapped header put the liquidation prices on a laptop screen.
    const widths = [...sheet.columnWidths.entries()].sort((a, b) => a[0] - b[0]);
    expect(widths.map(([column]) => column)).toEqual(Array.from({ length: 14 }, (_, i) => i + 1));
    expect(widths.slice(1, 14).reduce((sum, [, width]) => sum + width, 0)).toBeLessThanOrEqual(960);
    expect(sheet.wrapped.has(`${FIRST - 1},${col('Distance (from mark)')}`)).toBe(true);
  });

  it("says whether each stop fires first with the functions' own side rule (SHORT, SELL, -1)", () => {
    const env = fakeEnv();
    const short = { ...RISK_PLAN_EXAMPLE[1], stop: 3200 };
    const positions = [
      { ...short, side: 'SHORT' as const },
      { ...short, side: 'sell' as unknown as 'SHORT' },
      { ...short, side: -1 as unknown as 'SHORT', stop: 3290 }, // isolated 10× short from 3,000: liquidated near 3,290
      { ...short, side: 'SHORT' as const, stop: 3400 }, // past the liquidation price: never fires
    ];
    const plan = planRiskPlan(positions);
    const sheet = writePlanOnNewSheet(env, 'Plan', plan) as unknown as FakeSheet;
    evaluateSheet(sheet);
    const first = firstRow(plan);
    const liq = sheet.cell(first, col('Liq. price')).value as number;
    expect(liq).toBeGreaterThan(3200);
    expect(liq).toBeLessThan(3400);
    const stopFirst = positions.map((_, k) => sheet.cell(first + k, col('Stop first')).value);
    expect(stopFirst).toEqual(['YES', 'YES', liq > 3290 ? 'YES' : 'NO', 'NO']);
  });

  it('lands on a new empty sheet, never over data, with a free name', () => {
    const env = fakeEnv(new FakeSpreadsheet(['Sheet1', 'Risk plan']));
    env.spreadsheet.sheets[1].update(1, 1, { value: 'my own plan' });
    expect(insertRiskPlan(env)).toBe('Risk plan (2)');
    expect(env.spreadsheet.sheets[1].cell(1, 1).value).toBe('my own plan');
    expect(env.spreadsheet.getActiveSheet().getName()).toBe('Risk plan (2)');
  });

  it('computes each position with the engine: cross through the portfolio, isolated alone', () => {
    const { sheet } = planSheet();
    const table = (symbol: string) => snapshotMarket(symbol);
    const positions = RISK_PLAN_EXAMPLE.map((p) => ({
      ...p,
      sideSign: (p.side === 'LONG' ? 1 : -1) as 1 | -1,
      asset: table(p.symbol).contract.marginAsset,
    }));
    // Each margin asset's cross rows are one account with that asset's wallet: USDT and BTC are never mixed.
    expect(positions.map((p) => p.asset)).toEqual(['USDT', 'USDT', 'USDT', 'BTC']);
    const walletOf = (asset: string) => RISK_PLAN_WALLETS[asset];
    const crossOutcome = (p: (typeof positions)[number]) => {
      const account = positions.filter((q) => q.mode === 'CROSS' && q.asset === p.asset);
      return portfolioLiquidationPrices(
        account.map((q) => ({
          side: q.sideSign,
          quantity: new Dec(q.quantity),
          entryPrice: new Dec(q.entry),
          markPrice: new Dec(q.mark),
          market: table(q.symbol),
        })),
        new Dec(walletOf(p.asset)),
      )[account.indexOf(p)];
    };
    positions.forEach((p, k) => {
      const row = FIRST + k;
      expect(sheet.cell(row, col('Asset')).value).toBe(p.asset);
      const outcome =
        p.mode === 'CROSS'
          ? crossOutcome(p)
          : isolatedLiquidationPrice({
              side: p.sideSign,
              entryPrice: new Dec(p.entry),
              quantity: new Dec(p.quantity),
              leverage: new Dec(p.leverage),
              addedMargin: new Dec(p.addedMargin),
              market: table(p.symbol),
            });
      if (outcome.kind !== 'price') throw new Error('expected a price');
      expect(sheet.cell(row, col('Liq. price')).value).toBeCloseTo(outcome.price.toNumber(), 9);
      expect(sheet.cell(row, col('Distance (from mark)')).value).toBeCloseTo(
        distanceToLiquidation({ side: p.sideSign, price: new Dec(p.mark), liquidationPrice: outcome.price }).toNumber(),
        12,
      );
      const loss = maxLoss({
        mode: p.mode,
        side: p.sideSign,
        entryPrice: new Dec(p.entry),
        quantity: new Dec(p.quantity),
        leverage: new Dec(p.leverage),
        walletBalance: new Dec(walletOf(p.asset)),
        addedMargin: new Dec(p.addedMargin),
        stopPrice: p.stop === '' ? null : new Dec(p.stop),
        market: table(p.symbol),
      });
      expect(sheet.cell(row, col('Max loss')).value).toBeCloseTo(loss.loss.toNumber(), 9);
      expect(typeof sheet.cell(row, col('Margin ratio')).value).toBe('number');
      // The stop against the liquidation price of the row's mode, and the safe leverage of isolated rows.
      if (p.stop === '') {
        expect(sheet.cell(row, col('Stop first')).value).toBe('');
        expect(sheet.cell(row, col('Loss at stop')).value).toBe('');
      } else {
        const first = p.sideSign === 1 ? p.stop > outcome.price.toNumber() : p.stop < outcome.price.toNumber();
        expect(sheet.cell(row, col('Stop first')).value).toBe(first ? 'YES' : 'NO');
        const atStop = Math.abs(callFunction('PNL', [p.side, p.entry, p.stop, p.quantity, p.symbol]) as number);
        expect(sheet.cell(row, col('Loss at stop')).value).toBeCloseTo(atStop, 12);
      }
      const safe =
        p.mode === 'ISOLATED' && p.stop !== ''
          ? maxSafeLeverage({
              side: p.sideSign,
              entryPrice: new Dec(p.entry),
              quantity: new Dec(p.quantity),
              stopPrice: new Dec(p.stop),
              market: table(p.symbol),
            }).toNumber()
          : '';
      expect(sheet.cell(row, col('Max safe lev.')).value).toBe(safe);
    });
    // The chance of liquidation within the horizon (from the mark, at each row's volatility) and, for isolated
    // rows, the funding payments to liquidation. Where the stop fires first, the row gives the stop's chance instead.
    const chances = positions.map((p, k) => {
      const row = FIRST + k;
      const stopFirst = sheet.cell(row, col('Stop first')).value === 'YES';
      const barrier = stopFirst ? p.stop : sheet.cell(row, col('Liq. price')).value;
      const chance = callFunction('LIQ_PROBABILITY', [p.side, p.mark, barrier, p.volatility, RISK_PLAN_HORIZON_DAYS]);
      expect(typeof chance).toBe('number');
      if (stopFirst) {
        expect(sheet.cell(row, col('Stop chance')).value).toBeCloseTo(chance as number, 14);
        expect(sheet.cell(row, col('Liq. chance')).value).toBe('stop first');
        return 0;
      }
      expect(sheet.cell(row, col('Stop chance')).value).toBe('');
      expect(sheet.cell(row, col('Liq. chance')).value).toBeCloseTo(chance as number, 14);
      const funding =
        p.mode === 'ISOLATED' && p.funding !== ''
          ? callFunction('FUNDING_TO_LIQUIDATION', [
              p.side,
              p.entry,
              p.quantity,
              p.leverage,
              p.funding,
              p.addedMargin,
              p.symbol,
            ])
          : '';
      expect(sheet.cell(row, col('Funding payments')).value).toBe(funding);
      return chance as number;
    });
    expect(chances.filter((c) => c > 0 && c < 1).length).toBeGreaterThan(0);
    // The example has a stop that fires first: its chance is the stop's, and liquidation is not counted.
    expect(chances.some((c) => c === 0)).toBe(true);
    // ETH is a short at a negative rate: it pays, so it has a count; a short at a positive rate would not.
    expect(typeof sheet.cell(FIRST + 1, col('Funding payments')).value).toBe('number');
    // Summary per margin asset: isolated margins + the cross loss (capped by its stop), never adding BTC to USDT.
    /** A summary line's value for a margin asset (one column per asset: USDT in B, BTC in C). */
    const summary = (label: string, asset = 'USDT') => {
      for (const [key, cell] of sheet.cells)
        if (cell.value === label) return sheet.cell(Number(key.split(',')[0]), asset === 'USDT' ? 2 : 3).value;
      throw new Error(`no ${label}`);
    };
    // SOL long 100 from 150, stop 130: 20 × 100 = 2,000; BTCUSDT long 0.5 from 60,000, stop 55,000: 2,500.
    expect(summary('Loss if every stop fires')).toBeCloseTo(4500, 9);
    // With one USDT cross position, the portfolio price is the plain cross price.
    const btc = crossLiquidationPrice({
      side: 1,
      entryPrice: new Dec(60000),
      quantity: new Dec(0.5),
      walletBalance: new Dec(RISK_PLAN_WALLETS.USDT),
      market: table('BTCUSDT'),
    });
    if (btc.kind !== 'price') throw new Error('expected a price');
    expect(sheet.cell(FIRST, col('Liq. price')).value).toBeCloseTo(btc.price.toNumber(), 9);
    // ETH: its 3,000 margin; SOL: its stop at 130 comes before liquidation, 100 × 20 = 2,000; BTCUSDT: the stop caps
    // the cross loss at 2,500.
    expect(summary('Isolated: capital at risk')).toBeCloseTo(3000 + 2000, 9);
    expect(summary('Cross: capital at risk')).toBeCloseTo(0.5 * (60000 - 55000), 9);
    expect(summary('Total capital at risk')).toBeCloseTo(5000 + 2500, 9);
    // BTCUSD_PERP short 500 contracts from 61,000, stop 66,000 (before its liquidation): 500·100·(1/61,000 − 1/66,000)
    // BTC, in its own BTC wallet.
    const coinLoss = 500 * 100 * (1 / 61000 - 1 / 66000);
    expect(summary('Isolated: capital at risk', 'BTC')).toBe(0);
    expect(summary('Cross: capital at risk', 'BTC')).toBeCloseTo(coinLoss, 12);
    expect(summary('Total capital at risk', 'BTC')).toBeCloseTo(coinLoss, 12);
    expect(summary('Loss if every stop fires', 'BTC')).toBeCloseTo(coinLoss, 12);
    expect(typeof summary('Cross margin ratio', 'BTC')).toBe('number');
    const distances = positions.map((_, k) => sheet.cell(FIRST + k, col('Distance (from mark)')).value as number);
    expect(summary('Nearest liq. distance')).toBe(Math.min(...distances));
    // The account's chance, not a product of the rows' chances: the USDT account's from its stress block.
    expect(summary('Account liq. chance')).toBe(sheet.cell(stressRow(sheet, 'Chance of liquidation'), 2).value);
    expect(summary('Account liq. chance', 'BTC')).toBe('');
    expect(sheet.rules).toHaveLength(2);
    expect(sheet.rules[0]).toEqual({
      condition: ['formula', [`=AND(ISNUMBER($N${FIRST}), $N${FIRST}<0.05)`]],
      background: '#f4c7c3',
      ranges: [`A${FIRST}:W${FIRST + 3}`],
    });
  });

  it('recalculates when an input changes', () => {
    const { sheet } = planSheet();
    sheet.update(FIRST + 1, col('Leverage'), { value: 20 });
    evaluateSheet(sheet);
    const eth = isolatedLiquidationPrice({
      side: -1,
      entryPrice: new Dec(3000),
      quantity: new Dec(10),
      leverage: new Dec(20),
      market: snapshotMarket('ETHUSDT'),
    });
    if (eth.kind !== 'price') throw new Error('expected a price');
    expect(sheet.cell(FIRST + 1, col('Liq. price')).value).toBeCloseTo(eth.price.toNumber(), 9);
  });
});

/** The row of a label in column A of the stress block (below its title). */
function stressRow(sheet: FakeSheet, label: string): number {
  let title = 0;
  for (let r = 1; r < 400; r++) {
    const value = sheet.cell(r, 1).value;
    if (typeof value === 'string' && value === 'Stress test (USDT)') title = r;
    if (title > 0 && value === label) return r;
  }
  throw new Error(`no ${label} in the stress block`);
}

describe('risk plan with a USDT and a USDC account', () => {
  const positions = [
    ...RISK_PLAN_EXAMPLE,
    { ...RISK_PLAN_EXAMPLE[0], symbol: 'BTCUSDC', quantity: 0.2 },
    { ...RISK_PLAN_EXAMPLE[1], symbol: 'ETHUSDC', mode: 'CROSS' as const },
  ];
  const wallets = { ...RISK_PLAN_WALLETS, USDC: 3000 };

  it('stresses each account in its own block, each with its own chart over its own table', () => {
    const env = fakeEnv();
    const plan = planRiskPlan(positions, wallets);
    const sheet = writePlanOnNewSheet(env, 'Plan', plan) as unknown as FakeSheet;
    expect(plan.charts).toHaveLength(2);
    expect(sheet.charts).toHaveLength(2);
    const titleRows = ['USDT', 'USDC'].map((asset) => {
      for (let r = 1; r <= plan.rows; r++) if (sheet.cell(r, 1).value === `Stress test (${asset})`) return r;
      throw new Error(`no stress block for ${asset}`);
    });
    expect(titleRows[1]).toBeGreaterThan(titleRows[0]);
    // Each chart's ranges start in its block: the first below the USDT title and above the USDC one.
    const firstRowOf = (chart: { ranges: string[] }) => Number(/\d+/.exec(chart.ranges[0])![0]);
    const [usdt, usdc] = sheet.charts.map(firstRowOf);
    expect(usdt).toBeGreaterThan(titleRows[0]);
    expect(usdt).toBeLessThan(titleRows[1]);
    expect(usdc).toBeGreaterThan(titleRows[1]);
    expect(sheet.charts.map((c) => c.options.title)).toEqual([
      expect.stringContaining('USDT'),
      expect.stringContaining('USDC'),
    ]);
  });

  it('a failure inserting the second chart leaves the book as it was', () => {
    const env = fakeEnv();
    const before = env.spreadsheet.snapshot();
    env.spreadsheet.failOn = 'insertChart';
    env.spreadsheet.failAfter = 1;
    expect(() => writePlanOnNewSheet(env, 'Plan', planRiskPlan(positions, wallets))).toThrow(
      /^Could not write the grid \(injected failure in insertChart\); the sheet is as it was\.$/,
    );
    expect(env.spreadsheet.failOn).toBeNull(); // the second insertChart did fail
    expect(env.spreadsheet.snapshot()).toEqual(before);
  });
});

describe('risk plan: the USDT account under a market move', () => {
  /** The example's USDT rows as the engine's account, built here from the example, not from the sheet. */
  function exampleAccount(modes: 'as set' | 'CROSS' | 'ISOLATED') {
    const rows = RISK_PLAN_EXAMPLE.filter((p) => p.symbol.endsWith('USDT'));
    const margin = (p: (typeof rows)[number]) => new Dec(p.quantity).times(p.entry).div(p.leverage).plus(p.addedMargin);
    const positions = rows.map((p) => ({
      side: (p.side === 'LONG' ? 1 : -1) as 1 | -1,
      entryPrice: new Dec(p.entry),
      quantity: new Dec(p.quantity),
      markPrice: new Dec(p.mark),
      market: snapshotMarket(p.symbol),
      group: p.symbol,
      label: p.symbol,
      mode: modes === 'as set' ? p.mode : modes,
      isolatedMargin: margin(p),
      beta: new Dec(p.beta === '' ? 1 : p.beta),
    }));
    // All cross: the wallet plus the isolated margins as set; all isolated: less the cross rows' margins.
    const marginsSetTo = (mode: string) =>
      rows.reduce((sum, p, i) => (p.mode === mode ? sum.plus(positions[i].isolatedMargin) : sum), new Dec(0));
    const wallet = new Dec(RISK_PLAN_WALLETS.USDT);
    const walletBalance =
      modes === 'CROSS'
        ? wallet.plus(marginsSetTo('ISOLATED'))
        : modes === 'ISOLATED'
          ? wallet.minus(marginsSetTo('CROSS'))
          : wallet;
    return { positions, walletBalance };
  }
  const SETTINGS = [
    { title: 'As set', modes: 'as set', column: 2 },
    { title: 'All cross', modes: 'CROSS', column: 9 },
    { title: 'All isolated', modes: 'ISOLATED', column: 16 },
  ] as const;

  it('gives each setting its wallet, liquidation moves, chance and stress table from the engine', () => {
    const { sheet } = planSheet();
    const walletRow = stressRow(sheet, 'Cross wallet (USDT)');
    const liquidationRow = stressRow(sheet, 'Liq. move: fall, rise');
    const chanceRow = stressRow(sheet, 'Chance of liquidation');
    const moveRow = stressRow(sheet, 'Move');
    // The same capital: all cross adds the isolated margins (ETH 3,000, SOL 3,000 + 200) to the wallet; all
    // isolated takes BTC's margin at 10× (3,000) out of it.
    expect(SETTINGS.map((s) => sheet.cell(walletRow, s.column).value)).toEqual([8000, 14200, 5000]);
    for (const setting of SETTINGS) {
      const account = exampleAccount(setting.modes);
      expect(account.walletBalance.toNumber()).toBe(sheet.cell(walletRow, setting.column).value);
      const { fall, rise } = accountLiquidationMoves(account);
      const cells = [0, 1].map((k) => sheet.cell(liquidationRow, setting.column + k).value);
      [fall, rise].forEach((move, k) => {
        if (move === null) expect(cells[k]).toBe('NONE');
        else expect(cells[k]).toBeCloseTo(move.toNumber(), 14);
      });
      const chance = callFunction('ACCOUNT_LIQ_PROBABILITY', [...cells, RISK_PLAN_MARKET_VOLATILITY, 7]);
      expect(sheet.cell(chanceRow, setting.column).value).toBe(chance);
      expect(sheet.cell(moveRow, setting.column + 1).value).toBe('equity');
      STRESS_MOVES.forEach((move, k) => {
        const after = stressAccount(account, new Dec(move));
        const row = [0, 1, 2, 3, 4].map((c) => sheet.cell(moveRow + 1 + k, setting.column + c).value);
        expect(row[0]).toBe(move);
        expect(row[1]).toBeCloseTo(after.equity.toNumber(), 9);
        expect(row[2]).toBeCloseTo(after.change.toNumber(), 9);
        expect(row.slice(3)).toEqual([after.cross, after.isolatedLiquidated]);
      });
    }
    // As set, only BTC is cross: 8,000 + 0.5·(62,000·(1 + m) − 60,000) = 0.004·0.5·62,000·(1 + m), so
    // 1 + m = 22,000 / 30,876.
    expect(sheet.cell(liquidationRow, 2).value).toBeCloseTo(22000 / 30876 - 1, 14);
    expect(sheet.cell(liquidationRow + 1, 2).value).toBe(
      'The cross account is liquidated on a fall of 28.7% (no rise liquidates it)',
    );
    // The guide's advice as numbers: a 50 % fall liquidates the cross wallet as set, while all cross lets the ETH
    // short carry the longs; all isolated has no cross account, and loses only the margins it liquidates.
    // All cross: no fall, and a rise far beyond any table; all isolated: no cross account to liquidate.
    expect(sheet.cell(liquidationRow + 1, 9).value).toMatch(
      /^The cross account is liquidated on a rise of \d+\.\d% \(no fall liquidates it\)$/,
    );
    expect(sheet.cell(liquidationRow + 1, 16).value).toBe('No market move liquidates the cross account');
    const fallen = moveRow + 1;
    expect(SETTINGS.map((s) => sheet.cell(fallen, s.column + 3).value)).toEqual(['LIQUIDATED', 'SAFE', 'NONE']);
  });

  it('charts equity against the move for the three settings, marking where each cross account is liquidated', () => {
    const { sheet } = planSheet();
    expect(sheet.charts).toHaveLength(1);
    const chart = sheet.charts[0];
    const header = stressRow(sheet, 'Cross wallet (USDT)') - 1;
    const last = header + STRESS_MOVES.length + 6;
    expect(chart.ranges).toEqual(['X', 'Y', 'Z', 'AA', 'AB', 'AC', 'AD'].map((c) => `${c}${header}:${c}${last}`));
    expect(chart.options.hAxis).toEqual({ title: 'Market move', format: 'percent' });
    const [, ...titles] = [24, 25, 26, 27, 28, 29, 30].map((c) => sheet.cell(header, c).value);
    expect(titles).toEqual(STRESS_SERIES);
    expect(STRESS_SERIES.slice(0, 3)).toEqual(SETTINGS.map((s) => s.title));
    // The marks are points alone, in the colour of their setting's line.
    const series = chart.options.series as Record<number, { lineWidth?: number; color: string }>;
    for (const s of [0, 1, 2]) {
      expect(series[3 + s]).toMatchObject({ lineWidth: 0, color: series[s].color });
    }
    // The as-set fall (−28.7 %) is marked at the equity left once the cross account is gone; the all-cross rise, far
    // beyond +50 %, is not (it would squash the chart).
    const fall = sheet.cell(stressRow(sheet, 'Liq. move: fall, rise'), 2).value as number;
    const marks = Array.from({ length: 6 }, (_, k) => header + 1 + STRESS_MOVES.length + k);
    expect(sheet.cell(marks[0], 24).value).toBe(fall);
    const after = stressAccount(exampleAccount('as set'), new Dec(fall));
    expect(sheet.cell(marks[0], 28).value).toBeCloseTo(after.equity.toNumber(), 9);
    expect(marks.slice(1).map((r) => sheet.cell(r, 24).value)).toEqual(['', '', '', '', '']);
    // Equity in the grid rows is the stress table's.
    const moveRow = stressRow(sheet, 'Move');
    expect(sheet.cell(header + 1, 25).value).toBe(sheet.cell(moveRow + 1, 3).value);
  });
});

describe('freeze for sharing and restore', () => {
  function bookWithFormulas() {
    const env = fakeEnv();
    const sheet = env.spreadsheet.sheets[0];
    sheet.update(1, 1, { value: 'not ours' });
    sheet.update(1, 2, { formula: '=1+1' });
    sheet.update(2, 1, { formula: '=LIQ_PRICE_CROSS("LONG", 60000, 10000/60000, 5000)', note: 'my note' });
    sheet.update(3, 1, { formula: '=MAINT_MARGIN({10000;100000;1000000})' });
    sheet.update(7, 1, { value: 'after the spill' });
    insertScenarioGrid(env, EXAMPLE_REQUEST, { kind: 'at', sheetName: 'Sheet1', row: 10, column: 1 });
    evaluateSheet(sheet);
    return { env, sheet };
  }

  it('knows which formulas are ours and how far their results spill', () => {
    const { sheet } = bookWithFormulas();
    expect(usesAddonFunction('=1+1')).toBe(false);
    expect(usesAddonFunction('=ROUND(liq_price_cross("LONG",1,1,1), 2)')).toBe(true);
    const valueAt: CellReader = (_, row, column, rows, columns) =>
      Array.from({ length: rows }, (__, r) =>
        Array.from({ length: columns }, (___, c) => sheet.cell(row + r, column + c).value),
      );
    const resultShape = formulaShape;
    expect(resultShape('=MAINT_MARGIN({10000;100000;1000000})', valueAt)).toEqual({ rows: 3, columns: 1 });
    expect(resultShape('=LIQ_PRICE_ISOLATED($B$13, $B$14, B22:B27, A22:A27, $B$17, $B$12)', valueAt)).toEqual({
      rows: 6,
      columns: 1,
    });
    expect(resultShape('=LIQ_PRICE_HEDGE(A1:A4, 1, 1, 1, 1)', valueAt)).toEqual({ rows: 4, columns: 2 });
    expect(resultShape('=LIQ_GRID("LONG", 1, 1, 1, {2;5;10})', valueAt)).toEqual({ rows: 4, columns: 8 });
    expect(resultShape('=BRACKETS("ethusdt")', valueAt)).toEqual({ rows: 14, columns: 5 });
    // A range of bracket rows is one value; a blank 5-column range is five columns of blanks, as in a run.
    BRACKET_COLUMNS.forEach((title, c) => sheet.update(40, 8 + c, { value: title }));
    [0, 1e9, 0.005, 0, 50].forEach((value, c) => sheet.update(41, 8 + c, { value }));
    expect(resultShape('=LIQ_PRICE_CROSS("LONG", 1, 1, 1, 0, 0, H40:L41)', valueAt)).toEqual({ rows: 1, columns: 1 });
    expect(resultShape('=LIQ_PRICE_CROSS("LONG", 1, 1, 1, 0, 0, H1:L8)', valueAt)).toEqual({ rows: 8, columns: 5 });
    // A row of five symbols: five results (it used to be taken for a bracket table).
    ['BTCUSDT', 'ETHUSDT', 'SOLUSDT', 'XRPUSDT', 'DOGEUSDT'].forEach((symbol, c) =>
      sheet.update(20, 1 + c, { value: symbol }),
    );
    expect(resultShape('=MAINT_MARGIN(1000, A20:E20)', valueAt)).toEqual({ rows: 1, columns: 5 });
    // Nested add-on calls are evaluated; literal arithmetic is one value.
    expect(
      resultShape(
        '=LIQ_PRICE_PORTFOLIO({"LONG";"SHORT"}, {2.5;2.4}, {400000;100000}, {2.4;2.45}, 200000, BRACKETS("SOLUSDT"))',
        valueAt,
      ),
    ).toEqual({ rows: 2, columns: 1 });
    expect(resultShape('=LIQ_GRID("LONG", 60000, 10000/60000, 5000, {2;5;10}, \'Sheet1\'!H40:L41)', valueAt)).toEqual({
      rows: 4,
      columns: 8,
    });
  });

  it('freezes every value of a result whose width comes from a range of symbols', () => {
    const env = fakeEnv();
    const sheet = env.spreadsheet.sheets[0];
    ['BTCUSDT', 'ETHUSDT', 'SOLUSDT', 'XRPUSDT', 'DOGEUSDT'].forEach((symbol, c) =>
      sheet.update(20, 1 + c, { value: symbol }),
    );
    sheet.update(21, 1, { formula: '=MAINT_MARGIN(1000, A20:E20)' });
    evaluateSheet(sheet);
    const shown = [1, 2, 3, 4, 5].map((c) => sheet.cell(21, c).value);
    expect(shown.every((v) => typeof v === 'number' && v > 0)).toBe(true);
    freezeFormulas(env, 'sheet');
    expect([1, 2, 3, 4, 5].map((c) => sheet.cell(21, c).value)).toEqual(shown);
    expect(sheet.cell(21, 1).formula).toBe('');
    restoreFormulas(env);
    expect(sheet.cell(21, 1).formula).toBe('=MAINT_MARGIN(1000, A20:E20)');
  });

  it('freezes exactly the add-on formulas to the values they showed, stamps them, and restores them exactly', () => {
    const { env, sheet } = bookWithFormulas();
    const before = env.spreadsheet.snapshot();
    const shown = (r: number, c: number) => sheet.cell(r, c).value;
    const liq = shown(2, 1);
    const message = freezeFormulas(env, 'spreadsheet');
    expect(message).toMatch(/^Froze 9 formulas of Liquidation Planner in the whole spreadsheet/);
    // Values in place of our formulas; other cells untouched.
    expect(sheet.cell(2, 1)).toMatchObject({ formula: '', value: liq });
    expect(sheet.cell(4, 1)).toMatchObject({ formula: '', value: 400, spilled: false });
    expect(sheet.cell(1, 2).formula).toBe('=1+1');
    expect(sheet.cell(1, 1).value).toBe('not ours');
    expect(sheet.cell(7, 1).value).toBe('after the spill');
    expect(sheet.cell(24, 4).formula).toBe(''); // the grid's isolated liq. price column
    expect(sheet.cell(24, 2).formula).toMatch(/^=IF\(/); // quantity: plain arithmetic, not ours
    // A visible stamp, keeping the note that was there.
    expect(sheet.cell(2, 1).note).toBe(
      'my note\n\nFrozen for sharing by Liquidation Planner on 2026-11-25 ' +
        '14:30 UTC (brackets: bundled snapshot of 2026-07-02 (USDS-M; COIN-M of 2026-09-17)). Values, not live ' +
        'formulas: use Extensions → Liquidation Planner → Restore live ' +
        'formulas.',
    );
    const records = env.spreadsheet.getSheetByName(FROZEN_SHEET)!;
    expect(records.hidden).toBe(true);
    expect(records.getLastRow()).toBe(10);
    // Restore: the spreadsheet is exactly as before freezing.
    expect(restoreFormulas(env)).toBe('Restored 9 live formulas of Liquidation Planner.');
    expect(env.spreadsheet.getSheetByName(FROZEN_SHEET)).toBeNull();
    evaluateSheet(sheet);
    expect(env.spreadsheet.snapshot()).toEqual(before);
  });

  it('freezes only the selection or the active sheet when asked', () => {
    const { env, sheet } = bookWithFormulas();
    env.spreadsheet.select(sheet, 2, 1);
    expect(freezeFormulas(env, 'selection')).toMatch(/^Froze 1 formula of Liquidation Planner in the selection/);
    expect(sheet.cell(3, 1).formula).toBe('=MAINT_MARGIN({10000;100000;1000000})');
    const other = env.spreadsheet.insertSheet('Other');
    other.update(1, 1, { formula: '=MAINT_MARGIN(1000)' });
    env.spreadsheet.select(sheet, 1, 1);
    expect(freezeFormulas(env, 'sheet')).toMatch(/^Froze 8 formulas of Liquidation Planner in this sheet/);
    expect(other.cell(1, 1).formula).toBe('=MAINT_MARGIN(1000)');
    expect(restoreFormulas(env)).toBe('Restored 9 live formulas of Liquidation Planner.');
    expect(freezeFormulas(env, 'selection')).toMatch(/^No formula of Liquidation Planner in the selection/);
  });

  it.each(['setValues', 'setNotes', 'insertSheet', 'flush'])(
    'a failure in %s while freezing leaves the spreadsheet exactly as before',
    (method) => {
      const { env, sheet } = bookWithFormulas();
      const before = env.spreadsheet.snapshot();
      env.spreadsheet.failOn = method;
      expect(() => freezeFormulas(env, 'spreadsheet')).toThrow(
        new RegExp(`^Could not freeze \\(injected failure in ${method}\\); the spreadsheet is as it was\\.$`),
      );
      expect(env.spreadsheet.failOn).toBeNull();
      evaluateSheet(sheet);
      expect(env.spreadsheet.snapshot()).toEqual(before);
    },
  );

  it.each(['setValues', 'setNotes', 'flush', 'deleteSheet'])(
    'a failure in %s while restoring leaves the frozen state exactly as it was',
    (method) => {
      const { env } = bookWithFormulas();
      freezeFormulas(env, 'spreadsheet');
      const frozen = env.spreadsheet.snapshot();
      env.spreadsheet.failOn = method;
      expect(() => restoreFormulas(env)).toThrow(
        new RegExp(`^Could not restore \\(injected failure in ${method}\\); the spreadsheet is as it was\\.$`),
      );
      expect(env.spreadsheet.failOn).toBeNull();
      expect(env.spreadsheet.snapshot()).toEqual(frozen);
      expect(restoreFormulas(env)).toBe('Restored 9 live formulas of Liquidation Planner.');
    },
  );

  it('names an edited frozen cell as the sheet shows it, or raw where the format hides the edit', () => {
    const { env, sheet } = planSheet();
    freezeFormulas(env, 'sheet');
    const distance = col('Distance (from mark)');
    const frozenShown = sheet.getRange(FIRST, distance, 1, 1).getDisplayValues()[0][0];
    expect(frozenShown).toMatch(/^\d+\.\d\d%$/);
    const frozenValue = sheet.getRange(FIRST, distance, 1, 1).getValues()[0][0];
    sheet.update(FIRST, distance, { value: 0.5 });
    expect(() => restoreFormulas(env)).toThrow(
      new RegExp(`was edited after freezing \\(it shows 50\\.00%, frozen as ${frozenShown.replace('.', '\\.')}\\)`),
    );
    // Restore the shown text exactly but not the value: the message must show what differs.
    sheet.update(FIRST, distance, { value: Number(frozenShown.replace('%', '')) / 100 });
    expect(() => restoreFormulas(env)).toThrow(
      new RegExp(`\\(it holds ${Number(frozenShown.replace('%', '')) / 100}, frozen as ${frozenValue}\\)`),
    );
    sheet.update(FIRST, distance, { value: '' });
    expect(() => restoreFormulas(env)).toThrow(/\(it is empty now, frozen as \d+\.\d\d%\)/);
  });

  it('refuses to restore over a frozen cell edited since, naming it', () => {
    const { env, sheet } = bookWithFormulas();
    freezeFormulas(env, 'sheet');
    sheet.update(4, 1, { value: 999 });
    const snapshot = env.spreadsheet.snapshot();
    expect(() => restoreFormulas(env)).toThrow(
      /^Sheet1!A4 was edited after freezing \(it shows 999, frozen as 400\); restoring would overwrite it\./,
    );
    expect(env.spreadsheet.snapshot()).toEqual(snapshot);
  });
});

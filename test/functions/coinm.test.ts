import { sourceAndBundle } from './runners';

// The sheet functions with a COIN-M market: quantities in contracts, prices in USD, amounts in the coin. Each case
// runs on the source and on the built dist/Code.js in a bare vm context.
const runners = sourceAndBundle();
const M = 'BTCUSD_PERP';

describe.each(runners)('COIN-M markets in every function (%s)', (_, run) => {
  const call = (name: string, ...args: unknown[]) => run(name, args);
  const thrown = (name: string, ...args: unknown[]): string => {
    try {
      call(name, ...args);
    } catch (error) {
      return (error as Error).message;
    }
    throw new Error(`${name} did not throw`);
  };

  it('liquidation prices: cross (bracket at the liquidation notional), isolated, a short with NONE, a hedge', () => {
    expect(call('LIQ_PRICE_CROSS', 'LONG', 45000, 100000, 101, '', '', M)).toBeCloseTo(32070.64365272753, 9);
    expect(call('LIQ_PRICE_ISOLATED', 'LONG', 60000, 1000, 10, 0, M)).toBeCloseTo((60000 * 1.004) / 1.1, 8);
    expect(call('LIQ_PRICE_ISOLATED', 'SHORT', 60000, 10, 1, 0, M)).toBe('NONE');
    expect(call('LIQ_PRICE_ISOLATED', 'SHORT', 60000, 10, 2, 0, M)).toBeCloseTo(119520, 8);
    const [fall, rise] = (call('LIQ_PRICE_HEDGE', 1000, 60000, 1200, 61000, 0.2, '', '', M) as number[][])[0];
    expect(fall).toBeLessThan(60000);
    expect(rise).toBeGreaterThan(61000);
  });

  it('amounts in the coin: margin, max loss, margin to add, PnL, ROE, cost, maintenance margin', () => {
    expect(call('ISOLATED_MARGIN', 45000, 100000, 10, 0, M)).toBeCloseTo(2000 / 90, 12);
    expect(call('MAX_LOSS', 'ISOLATED', 'SHORT', 60000, 10, 1, 1, 0, '', M)).toBeCloseTo(1000 / 60000, 15);
    expect(call('MAX_LOSS', 'CROSS', 'LONG', 60000, 10, 5, 1, 0, '', M)).toBe(1);
    expect(call('PNL', 'LONG', 45000, 50000, 100000, M)).toBeCloseTo(2000 / 90, 12);
    expect(call('ROE', 'LONG', 45000, 50000, 10, M)).toBeCloseTo(1, 14);
    expect(call('TARGET_PRICE', 'LONG', 60000, 10, 0.5, M)).toBeCloseTo(60000 / 0.95, 8);
    expect(call('MAINT_MARGIN', 0.4, M)).toBeCloseTo(0.0016, 15);
    expect(call('MAX_LEVERAGE', 0.4, M)).toBe(125);
    expect(call('COST_TO_OPEN', 'LONG', 60000, 600, 20, 59000, M)).toBeCloseTo(0.05 + 60000 / 59000 - 1, 14);
    expect(call('MARGIN_TO_ADD', 'LONG', 60000, 1000, 10, 50000, M)).toBeGreaterThan(0);
    // The USDS-M reading of the same numbers is another thing altogether.
    expect(call('PNL', 'LONG', 45000, 50000, 100000)).toBe(500000000);
  });

  it('sizes in contracts: max open, position size (not rounded), average entry Σq / Σ(q/p)', () => {
    expect(call('MAX_OPEN', 'LONG', 60000, 20, 1, 60000, M)).toBeCloseTo(12000, 9);
    expect(call('POSITION_SIZE', 'LONG', 60000, 57000, 0.01, M)).toBeCloseTo(0.01 / (100 / 57000 - 100 / 60000), 9);
    expect(call('AVG_ENTRY_PRICE', [[300], [700]], [[60000], [50000]], M)).toBeCloseTo(
      1000 / (300 / 60000 + 700 / 50000),
      8,
    );
    expect(call('MAX_SAFE_LEVERAGE', 'LONG', 60000, 1000, 57000, M)).toBeGreaterThan(1);
    expect(call('FUNDING_TO_LIQUIDATION', 'LONG', 60000, 1000, 10, 0.0001, 0, M)).toBeGreaterThan(0);
  });

  it('an account of one coin is solved together; mixing margin assets is refused', () => {
    const prices = call(
      'LIQ_PRICE_PORTFOLIO',
      [['LONG'], ['SHORT']],
      [[60000], [61000]],
      [[1000], [1200]],
      [[60500], [60500]],
      0.2,
      [[M], [M]],
    );
    expect((prices as number[][])[0][0]).toBeLessThan(60000);
    // Each row says why (a range call puts the message in the cells).
    const mixed = call(
      'LIQ_PRICE_PORTFOLIO',
      [['LONG'], ['LONG']],
      [[60000], [3000]],
      [[0.1], [10]],
      [[60000], [3000]],
      1,
      [['BTCUSDT'], [M]],
    ) as string[][];
    for (const [cell] of mixed)
      expect(cell).toMatch(
        /^Error: brackets: row 1 \(BTCUSDT\) is margined in USDT but row 2 \(BTCUSD_PERP\) in BTC; on Binance each/,
      );
    expect(
      thrown('CROSS_MARGIN_RATIO', [['LONG'], ['LONG']], [[60000], [3000]], [[10], [10]], [[60000], [3000]], 1, [
        [M],
        ['ETHUSD_PERP'],
      ]),
    ).toMatch(/margined in BTC but .*\(ETHUSD_PERP\) in ETH/);
  });

  it('messages say the unit: coins and the bracket caps in coins', () => {
    expect(thrown('MAX_LOSS', 'ISOLATED', 'LONG', 45000, 100000, 10, 0.01, 0, '', M)).toMatch(
      /^wallet_balance: 0\.01 BTC is less than the 22\.22 BTC of margin/,
    );
    expect(thrown('LIQ_PRICE_ISOLATED', 'LONG', 10, 100000, 1, 0, M)).toMatch(
      /a notional of 1,000,000 BTC is at or above the last bracket cap of 3,500 BTC for BTCUSD_PERP/,
    );
    expect(thrown('LIQ_PRICE_ISOLATED', 'LONG', 60000, 100000, 125, 0, M)).toMatch(/BTC \(bracket \d+: .* BTC\)/);
  });

  it('BRACKETS spills the COIN-M title row with the contract size, and reads it back', () => {
    const table = call('BRACKETS', M) as unknown[][];
    expect(table[0]).toEqual([
      'BINANCE:BTCUSD_PERP',
      'Binance COIN-M leverage brackets',
      100,
      '2026-09-17',
      'bundled snapshot',
    ]);
    expect(call('LIQ_PRICE_ISOLATED', 'LONG', 60000, 1000, 10, 0, table)).toBe(
      call('LIQ_PRICE_ISOLATED', 'LONG', 60000, 1000, 10, 0, M),
    );
    // The title's contract size is what the numbers mean: a table said to be of 10 USD contracts differs.
    const ten = [[...table[0].slice(0, 2), 10, ...table[0].slice(3)], ...table.slice(1)];
    expect(call('ISOLATED_MARGIN', 60000, 1000, 10, 0, ten)).toBeCloseTo(
      (call('ISOLATED_MARGIN', 60000, 1000, 10, 0, M) as number) / 10,
      14,
    );
    const sizeless = [[...table[0].slice(0, 2), '', ...table[0].slice(3)], ...table.slice(1)];
    expect(thrown('ISOLATED_MARGIN', 60000, 1000, 10, 0, sizeless)).toMatch(/contract size \(third cell\)/);
  });
});

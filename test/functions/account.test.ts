import { callFunction } from '../../src/functions';

// Hand-computed accounts (BTCUSDT and ETHUSDT tiers of the 2026-07-02 snapshot: 0 to 300,000 at 0.4 % with no
// maintenance amount; 300,000 to 800,000 at 0.5 % with 300).
const call = (name: string, ...args: unknown[]) => callFunction(name, args);
const column = (values: unknown[]) => values.map((v) => [v]);

describe('LIQ_PRICE_PORTFOLIO with a column of symbols', () => {
  it('solves a hedge pair together: the LONG row falls, the SHORT row rises, others see both legs at mark', () => {
    const out = call(
      'LIQ_PRICE_PORTFOLIO',
      column(['LONG', 'SHORT', 'LONG']),
      column([60000, 62000, 3000]),
      column([1, 0.5, 10]),
      column([61000, 61000, 2900]),
      10000,
      column(['BTCUSDT', 'BTCUSDT', 'ETHUSDT']),
    ) as unknown[][];
    // ETH at mark: MM 29,000·0.004 = 116, PnL −1,000, so the pair's constant is 10,000 − 116 − 1,000 = 8,884.
    // Fall: 8,884 + (P − 60,000) − 0.5·(P − 62,000) = 0.004·P + 0.004·0.5·P → P = 20,116 / 0.494.
    expect(out[0][0]).toBeCloseTo(20116 / 0.494, 8);
    // Rise: the same as LIQ_PRICE_HEDGE with ETH as the other positions.
    expect(out[1][0]).toBe(
      (call('LIQ_PRICE_HEDGE', 1, 60000, 0.5, 62000, 10000, 116, -1000, 'BTCUSDT') as unknown[][])[0][1],
    );
    // ETH: the pair at mark has MM 61,000·0.004 + 30,500·0.004 = 366 and PnL 1,000 + 500:
    // 10,000 − 366 + 1,500 + 10·(P − 3,000) = 0.04·P → P = 18,866 / 9.96.
    expect(out[2][0]).toBeCloseTo(18866 / 9.96, 8);
    // One value for all rows: the rows are separate one-way positions (BTCUSDT table for all).
    const separate = call(
      'LIQ_PRICE_PORTFOLIO',
      column(['LONG', 'SHORT']),
      column([60000, 62000]),
      column([1, 0.5]),
      column([61000, 61000]),
      10000,
      'BTCUSDT',
    ) as unknown[][];
    expect(separate[0][0]).not.toBe(out[0][0]);
  });

  it(
    'combines a position filled in parts: one quantity, one entry, ' + 'maintenance margin on the combined notional',
    () => {
      const out = call(
        'LIQ_PRICE_PORTFOLIO',
        column(['LONG', 'LONG']),
        column([60000, 61000]),
        column([0.6, 0.4]),
        column([61000, 61000]),
        10000,
        column(['BTCUSDT', 'btcusdt']),
      ) as unknown[][];
      // Q = 1, entry 60,400: 10,000 + (P − 60,400) = 0.004·P (bracket 1) → P = 50,400 / 0.996.
      expect(out[0][0]).toBeCloseTo(50400 / 0.996, 8);
      expect(out[1][0]).toBe(out[0][0]);
      expect(out[0][0]).toBeCloseTo(call('LIQ_PRICE_CROSS', 'LONG', 60400, 1, 10000) as number, 8);
    },
  );

  it('handles a split entry and a hedge in one account', () => {
    const out = call(
      'LIQ_PRICE_PORTFOLIO',
      column(['LONG', 'SHORT', 'LONG', 'LONG']),
      column([60000, 62000, 61000, 3000]),
      column([0.6, 0.5, 0.4, 10]),
      column([61000, 61000, 61000, 2900]),
      10000,
      column(['BTCUSDT', 'BTCUSDT', 'BTCUSDT', 'ETHUSDT']),
    ) as unknown[][];
    const hedge = call('LIQ_PRICE_HEDGE', 1, 60400, 0.5, 62000, 10000, 116, -1000, 'BTCUSDT') as number[][];
    expect(out[0][0]).toBeCloseTo(hedge[0][0], 6);
    expect(out[2][0]).toBe(out[0][0]);
    expect(out[1][0]).toBeCloseTo(hedge[0][1], 0);
    // BTC at mark: long 1 (MM 244, PnL 600 + 0), short 0.5 (MM 122, PnL 500).
    // 10,000 − 366 + 1,100 + 10·(P − 3,000) = 0.04·P → P = 19,266 / 9.96.
    expect(out[3][0]).toBeCloseTo(19266 / 9.96, 8);
  });

  it('refuses one symbol with two mark prices, naming both rows', () => {
    const out = call(
      'LIQ_PRICE_PORTFOLIO',
      column(['LONG', 'SHORT']),
      column([60000, 62000]),
      column([1, 0.5]),
      column([61000, 61500]),
      10000,
      column(['BTCUSDT', 'BTCUSDT']),
    ) as unknown[][];
    for (const [cell] of out)
      expect(cell).toBe(
        'Error: mark_prices: row 1 and row 2 are both BTCUSDT but have ' +
          'different mark prices (61,000 and 61,500); one symbol has one mark ' +
          'price.',
      );
  });
});

describe('margin ratios, by hand', () => {
  it('MARGIN_RATIO: maintenance margin at mark / (margin + PnL)', () => {
    // Q = 1/6 at 57,000: MM 9,500·0.004 = 38; PnL −500; 38 / 500.
    expect(call('MARGIN_RATIO', 'LONG', 60000, 10000 / 60000, 57000, 1000)).toBeCloseTo(0.076, 12);
    expect(call('MARGIN_RATIO', 'SHORT', 3000, 10, 2900, 500)).toBeCloseTo(116 / 1500, 12);
  });

  it('CROSS_MARGIN_RATIO: Σ maintenance margin / (wallet + Σ PnL), grouped by symbol', () => {
    // BTC long 1 at 61,000: MM 244, PnL +1,000; ETH short 10 at 2,900: MM 116, PnL +1,000.
    expect(
      call(
        'CROSS_MARGIN_RATIO',
        column(['LONG', 'SHORT']),
        column([60000, 3000]),
        column([1, 10]),
        column([61000, 2900]),
        20000,
        column(['BTCUSDT', 'ETHUSDT']),
      ),
    ).toBeCloseTo(360 / 22000, 12);
    // Two fills of one BTC long, 3 at 60,000 and 2.5 at 61,000 (PnL 3,000): MM on the combined 335,500 at mark
    // (bracket 2: 0.005·335,500 − 300 = 1,377.5), not 183,000·0.004 + 152,500·0.004 = 1,342 as two positions.
    expect(
      call(
        'CROSS_MARGIN_RATIO',
        column(['LONG', 'LONG']),
        column([60000, 61000]),
        column([3, 2.5]),
        column([61000, 61000]),
        100000,
        column(['BTCUSDT', 'BTCUSDT']),
      ),
    ).toBeCloseTo(1377.5 / 103000, 12);
    expect(
      call(
        'CROSS_MARGIN_RATIO',
        column(['LONG', 'LONG']),
        column([60000, 61000]),
        column([3, 2.5]),
        column([61000, 61000]),
        100000,
        'BTCUSDT',
      ),
    ).toBeCloseTo(1342 / 103000, 12);
  });
});

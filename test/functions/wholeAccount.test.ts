import fc from 'fast-check';
import { callFunction, resultShape } from '../../src/functions';

// ACCOUNT_STRESS and ACCOUNT_LIQ_MOVE as a sheet calls them, hand-computed on the 2026-07-02 BTCUSDT and ETHUSDT
// tables (0 to 300,000 at 0.4 % with no maintenance amount).
const call = (name: string, ...args: unknown[]) => callFunction(name, args);
const attempt = (name: string, ...args: unknown[]): unknown => {
  try {
    return callFunction(name, args);
  } catch (error) {
    return `thrown: ${(error as Error).message}`;
  }
};
const column = (values: unknown[]) => values.map((v) => [v]);

/**
 * A cross BTCUSDT long (1 at 60,000, mark 61,000) and an isolated ETHUSDT long (10 at 3,000, mark 2,900, 3,000 USDT
 * of margin) that moves 1.2 times the market; 10,000 USDT of cross wallet.
 */
const POSITIONS = [
  column(['LONG', 'LONG']),
  column([60000, 3000]),
  column([1, 10]),
  column([61000, 2900]),
  10000,
] as const;
const MODES = [column(['CROSS', 'ISOLATED']), column(['', 3000]), column([1, 1.2]), column(['BTCUSDT', 'ETHUSDT'])];
const stress = (moves: unknown) => call('ACCOUNT_STRESS', ...POSITIONS, moves, ...MODES) as unknown[][];

describe('ACCOUNT_STRESS', () => {
  it('gives the whole account after each move, hand-computed', () => {
    const out = stress(column([-0.2, -0.1, -0.05, 0, 0.1]));
    expect(out[0]).toEqual(['move', 'equity', 'change', 'cross', 'isolated liquidated', 'margin ratio']);
    // At the marks: cross 10,000 + 1,000 = 11,000; isolated 3,000 − 1,000 = 2,000.
    expect(out[4]).toEqual([0, 13000, 0, 'SAFE', 0, (61000 * 0.004) / 11000]);
    // −20 %: cross 10,000 + 48,800 − 60,000 < 0: liquidated, and ETH at 2,900·0.76 is past its own price.
    expect(out[1]).toEqual([-0.2, 0, -13000, 'LIQUIDATED', 1, 'LIQUIDATED']);
    // −10 %: cross 10,000 + 54,900 − 60,000 = 4,900 (MM 219.6); ETH at 2,552 is below 27,000/9.96 = 2,710.84.
    expect(out[2].slice(0, 5)).toEqual([-0.1, 4900, -8100, 'SAFE', 1]);
    expect(out[2][5]).toBeCloseTo(219.6 / 4900, 15);
    // −5 %: ETH at 2,900·0.94 = 2,726 is still above it: 3,000 − 2,740 = 260 on top of the cross 7,950.
    expect(out[3].slice(0, 5)).toEqual([-0.05, 8210, -4790, 'SAFE', 0]);
    expect(out[3][5]).toBeCloseTo(231.8 / 7950, 15);
    // +10 %: cross 17,100, ETH at 3,248 gives 3,000 + 2,480.
    expect(out[5].slice(0, 5)).toEqual([0.1, 22580, 9580, 'SAFE', 0]);
  });

  it('reads moves as a column or a row, keeps a blank row beside a blank move and words a bad one in its row', () => {
    const byColumn = stress(column([-0.1, '', 'ten', 0.1, -1, '', '']));
    expect(byColumn).toHaveLength(6); // the header, and the moves up to the last one given
    expect(byColumn[2]).toEqual(['', '', '', '', '', '']);
    byColumn.splice(2, 1);
    expect(byColumn[2][0]).toBe(
      'Error: moves: "ten" is not a number; expected a market move as a fraction, such as -0.1 for a fall of 10 %.',
    );
    expect(byColumn[2].slice(1)).toEqual(['', '', '', '', '']);
    expect(byColumn[4][0]).toBe(
      'Error: moves: -1 takes the price of row 1 (beta 1) to 0 or below; expected a move above -1.',
    );
    expect(stress([[-0.1, 'ten', 0.1, -1, '']])).toEqual(byColumn);
    expect(stress(-0.1)).toEqual([byColumn[0], byColumn[1]]);
    expect(
      attempt('ACCOUNT_STRESS', ...POSITIONS, [
        [-0.1, 0.1],
        [0, 0.2],
      ]),
    ).toBe(
      'thrown: moves: expected a column or a row (a market move as a fraction, such as -0.1 for a fall of 10 %), got ' +
        'a 2×2 range.',
    );
    expect(attempt('ACCOUNT_STRESS', ...POSITIONS, column(['', '']))).toBe(
      'thrown: moves is blank; expected a market move as a fraction, such as -0.1 for a fall of 10 %.',
    );
    // The shapes a sheet (and the freeze) is told: the header and a row per move up to the last; one cell if it fails.
    expect(resultShape('ACCOUNT_STRESS', [...POSITIONS, column([-0.1, '', 0.1, '', ''])])).toEqual({
      rows: 4,
      columns: 6,
    });
    expect(resultShape('ACCOUNT_STRESS', [...POSITIONS, column(['', ''])])).toEqual({ rows: 1, columns: 1 });
  });

  it('fails as a whole on a bad position row, naming it', () => {
    const sides = column(['LONG', 'SIDEWAYS']);
    expect(attempt('ACCOUNT_STRESS', sides, ...POSITIONS.slice(1), -0.1, ...MODES)).toBe(
      'thrown: sides (row 2): "SIDEWAYS" is not a side; expected LONG or SHORT (BUY/SELL and 1/-1 also work).',
    );
    expect(attempt('ACCOUNT_STRESS', ...POSITIONS, -0.1, MODES[0], column(['', '']), ...MODES.slice(2))).toBe(
      'thrown: isolated_margins (row 2) is blank; an ISOLATED position needs its margin: a margin of 0 or more.',
    );
    // An isolated row already past its own liquidation: 100 of margin against a loss of 1,000 at its mark.
    expect(attempt('ACCOUNT_STRESS', ...POSITIONS, -0.1, MODES[0], column(['', 100]), ...MODES.slice(2))).toBe(
      "thrown: isolated_margins (row 2): with 100 the position's margin balance at its mark (-900) is at or below " +
        'its maintenance margin (116); it is already liquidated.',
    );
    const oneSymbol = column(['BTCUSDT', 'BTCUSDT']);
    expect(attempt('ACCOUNT_STRESS', ...POSITIONS, -0.1, ...MODES.slice(0, 3), oneSymbol)).toBe(
      'thrown: modes: row 1 and row 2 are both BTCUSDT but CROSS and ISOLATED; Binance sets the margin mode per ' +
        'symbol.',
    );
    expect(attempt('ACCOUNT_STRESS', ...POSITIONS.slice(0, 4), 100, -0.1)).toMatch(
      /^thrown: wallet_balance: the cross account is already at or below its maintenance margin at the marks/,
    );
  });

  it('ignores isolated margins on cross rows, holds a beta-0 row at its mark, counts a wallet alone', () => {
    const modes = column(['CROSS', 'CROSS']);
    const withMargins = call('ACCOUNT_STRESS', ...POSITIONS, -0.1, modes, column([5, 7]), column([1, 0]));
    expect(call('ACCOUNT_STRESS', ...POSITIONS, -0.1, modes, '', column([1, 0]))).toEqual(withMargins);
    // ETH held at 2,900: 10,000 + (54,900 − 60,000) + 10·(2,900 − 3,000) = 3,900.
    expect((withMargins as unknown[][])[1].slice(0, 4)).toEqual([-0.1, 3900, -6100, 'SAFE']);
    const isolated = call(
      'ACCOUNT_STRESS',
      ...POSITIONS,
      -0.1,
      column(['ISOLATED', 'ISOLATED']),
      column([6000, 3000]),
    ) as unknown[][];
    // The wallet 10,000, BTC 6,000 + 54,900 − 60,000 = 900 (above its 54,900·0.004); ETH: 3,000 + 10·(2,610 − 3,000)
    // = −900, liquidated. At the marks: 10,000 + 7,000 + 2,000.
    expect(isolated[1]).toEqual([-0.1, 10900, -8100, 'NONE', 1, 'NONE']);
  });
});

describe('ACCOUNT_LIQ_MOVE', () => {
  it('gives the fall and rise that liquidate the cross account, exact', () => {
    // 10,000 + 61,000·(1 + m) − 60,000 = 0.004·61,000·(1 + m): 1 + m = 50,000 / 60,756.
    const [[fall, rise]] = call('ACCOUNT_LIQ_MOVE', ...POSITIONS, ...MODES) as unknown[][];
    expect(fall).toBeCloseTo(50000 / 60756 - 1, 15);
    expect(rise).toBe('NONE');
    expect(call('ACCOUNT_LIQ_MOVE', ...POSITIONS, column(['ISOLATED', 'ISOLATED']), column([6000, 3000]))).toEqual([
      ['NONE', 'NONE'],
    ]);
  });

  it("the guide's scenario: a 5,000 USDT wallet with a 10,000 USDT BTC long at 60,000 falls to LIQ_PRICE_CROSS", () => {
    const price = call('LIQ_PRICE_CROSS', 'LONG', 60000, 10000 / 60000, 5000) as number;
    const [[fall]] = call('ACCOUNT_LIQ_MOVE', 'LONG', 60000, 10000 / 60000, 60000, 5000) as number[][];
    expect(fall).toBeCloseTo(price / 60000 - 1, 15);
    expect(price).toBeCloseTo(30120.48192771084, 8);
  });

  it('a move shown in its cell, typed back into ACCOUNT_STRESS, liquidates there and not a hair before', () => {
    const symbols = ['BTCUSDT', 'ETHUSDT', 'SOLUSDT'];
    const marks: Record<string, number> = { BTCUSDT: 60000, ETHUSDT: 3000, SOLUSDT: 150 };
    const row = fc.record({
      symbol: fc.constantFrom(...symbols),
      side: fc.constantFrom('LONG', 'SHORT'),
      notional: fc.integer({ min: 1000, max: 2_000_000 }),
      entryOff: fc.integer({ min: -20, max: 20 }),
      beta: fc.constantFrom(0.5, 1, 1.5),
    });
    fc.assert(
      fc.property(
        fc.uniqueArray(row, { minLength: 1, maxLength: 3, selector: (r) => r.symbol }),
        fc.nat(50),
        (rows, pct) => {
          const args = [
            column(rows.map((r) => r.side)),
            column(rows.map((r) => (marks[r.symbol] * (100 + r.entryOff)) / 100)),
            column(rows.map((r) => r.notional / marks[r.symbol])),
            column(rows.map((r) => marks[r.symbol])),
            (rows.reduce((s, r) => s + r.notional, 0) * (pct + 1)) / 100,
          ];
          const rest = ['', '', column(rows.map((r) => r.beta)), column(rows.map((r) => r.symbol))];
          const moves = attempt('ACCOUNT_LIQ_MOVE', ...args, ...rest);
          if (typeof moves === 'string') return void expect(moves).toMatch(/already at or below its maintenance/);
          for (const move of (moves as unknown[][])[0]) {
            if (move === 'NONE') continue;
            const m = move as number;
            const out = call('ACCOUNT_STRESS', ...args, column([m, m * (1 - 1e-9)]), ...rest) as unknown[][];
            expect([out[1][3], out[2][3]]).toEqual(['LIQUIDATED', 'SAFE']);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('ACCOUNT_STRESS of ACCOUNT_LIQ_MOVE', () => {
  it('stresses the account at its own liquidation moves, NONE giving a row that says so', () => {
    const moves = call('ACCOUNT_LIQ_MOVE', ...POSITIONS, ...MODES);
    const out = call('ACCOUNT_STRESS', ...POSITIONS, moves, ...MODES) as unknown[][];
    expect(out[1].slice(3, 5)).toEqual(['LIQUIDATED', 1]);
    expect(out[2]).toEqual(['NONE', '', '', '', '', '']);
  });
});

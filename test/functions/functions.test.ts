import { callFunction } from '../../src/functions';
import {
  BracketTable,
  Dec,
  crossLiquidationPrice,
  isolatedLiquidationPrice,
  binanceUsdsMarket,
} from '../../src/engine';
import { snapshotMarket } from '../../src/data/symbols';

const call = (name: string, ...args: unknown[]) => callFunction(name, args);
const thrown = (name: string, ...args: unknown[]): string => {
  try {
    call(name, ...args);
  } catch (error) {
    expect(error).toBeInstanceOf(Error);
    return (error as Error).message;
  }
  throw new Error(`${name} did not throw`);
};
const Q = 10000 / 60000;
const engineIsolated = (
  side: 1 | -1,
  entry: number,
  quantity: number,
  leverage: number,
  table = snapshotMarket('BTCUSDT'),
) => {
  const outcome = isolatedLiquidationPrice({
    side,
    entryPrice: new Dec(entry),
    quantity: new Dec(quantity),
    leverage: new Dec(leverage),
    market: table,
  });
  if (outcome.kind !== 'price') throw new Error('expected a price');
  return outcome.price.toNumber();
};

describe('single calls', () => {
  it('return the engine number converted at the boundary', () => {
    expect(call('LIQ_PRICE_ISOLATED', 'LONG', 60000, Q, 10)).toBe(engineIsolated(1, 60000, Q, 10));
    expect(call('LIQ_PRICE_CROSS', 'long', 60000, Q, 5000, '', '', 0.004)).toBeCloseTo(30120.48192771084, 9);
    expect(call('MAINT_MARGIN', 100000)).toBe(400);
    expect(call('MAX_LEVERAGE', 600000, 'btcusdt')).toBe(100);
    expect(call('MARGIN_TO_ADD', 'LONG', 60000, Q, 10, 50000)).toBeCloseTo(700, 9);
    expect(call('MAX_LOSS', 'cross', 'LONG', 60000, Q, 10, 5000)).toBe(5000);
    expect(call('MAX_LOSS', 'ISOLATED', 'LONG', 60000, Q, 10, 5000, '', 57000)).toBeCloseTo(500, 9);
    // Equal sides: only a rise liquidates, where 1,000 = 2 × 0.004·P (bracket 1 reaches 300,000): 125,000.
    expect(call('LIQ_PRICE_HEDGE', 1, 60000, 1, 60000, 1000)).toEqual([['NONE', 125000]]);
  });

  it('accept every spelling of side and margin mode the contract lists', () => {
    const long = call('LIQ_PRICE_ISOLATED', 'LONG', 60000, 1, 10);
    for (const side of ['long', ' Long ', 'BUY', 'buy', 1, '1'])
      expect(call('LIQ_PRICE_ISOLATED', side, 60000, 1, 10)).toBe(long);
    const short = call('LIQ_PRICE_ISOLATED', 'SHORT', 60000, 1, 10);
    for (const side of ['short', 'SELL', -1, '-1']) expect(call('LIQ_PRICE_ISOLATED', side, 60000, 1, 10)).toBe(short);
  });

  it('read numeric text, percent text and thousands separators as Sheets does, and refuse ambiguous commas', () => {
    expect(call('LIQ_PRICE_ISOLATED', 'LONG', ' 60000 ', '1', '10')).toBe(
      call('LIQ_PRICE_ISOLATED', 'LONG', 60000, 1, 10),
    );
    expect(call('MAINT_MARGIN', 1000, '0.5%')).toBe(5);
    expect(call('MAINT_MARGIN', 1000, ' 0.005 ')).toBe(5);
    expect(call('MAINT_MARGIN', '1e3', 0.005)).toBe(5);
    // One reading with the sheet and the sidebar: 60,000 typed in Sheets (en-US) is the number 60,000.
    expect(call('LIQ_PRICE_ISOLATED', 'LONG', '60,000', 1, 10)).toBe(call('LIQ_PRICE_ISOLATED', 'LONG', 60000, 1, 10));
    expect(call('MAINT_MARGIN', '1,234,567.5', 0.005)).toBe(6172.8375);
    expect(call('MAINT_MARGIN', 1000, '0.5 %')).toBe(5);
    expect(thrown('LIQ_PRICE_ISOLATED', 'LONG', 60000, '1,5', 10)).toBe(
      'quantity: "1,5" is ambiguous (a comma can separate thousands or decimals); type a plain number such as ' +
        '60000 or 1.5 (60,000 with commas every three digits also works).',
    );
    expect(thrown('LIQ_PRICE_ISOLATED', 'LONG', '60,00', 1, 10)).toMatch(/^entry_price: "60,00" is ambiguous/);
    expect(thrown('LIQ_PRICE_ISOLATED', 'LONG', '6,0000', 1, 10)).toMatch(/^entry_price: "6,0000" is ambiguous/);
  });

  it('give NONE for a long that cannot be liquidated, never 0', () => {
    expect(call('LIQ_PRICE_ISOLATED', 'LONG', 60000, 1, 1)).toBe('NONE');
    expect(call('LIQ_PRICE_CROSS', 'LONG', 60000, 1, 1e6)).toBe('NONE');
  });

  it('use the defaults for omitted or blank optional arguments', () => {
    const plain = call('LIQ_PRICE_CROSS', 'LONG', 60000, Q, 5000);
    expect(call('LIQ_PRICE_CROSS', 'LONG', 60000, Q, 5000, '', '', '')).toBe(plain);
    expect(call('LIQ_PRICE_CROSS', 'LONG', 60000, Q, 5000, undefined, null, 'BTCUSDT')).toBe(plain);
    expect(call('LIQ_PRICE_ISOLATED', 'LONG', 60000, Q, 10, '')).toBe(
      call('LIQ_PRICE_ISOLATED', 'LONG', 60000, Q, 10, 0),
    );
  });

  it('explain bad input naming the argument and the value', () => {
    expect(thrown('LIQ_PRICE_ISOLATED', 'UP', 60000, 1, 10)).toBe(
      'side: "UP" is not a side; expected LONG or SHORT (BUY/SELL and 1/-1 also work).',
    );
    expect(thrown('LIQ_PRICE_ISOLATED', 'LONG', '', 1, 10)).toBe('entry_price is blank; expected a price above 0.');
    expect(thrown('LIQ_PRICE_ISOLATED', 'LONG', -5, 1, 10)).toBe(
      'entry_price: -5 is not valid; expected a price above 0.',
    );
    expect(thrown('LIQ_PRICE_ISOLATED', 'LONG', 60000, 0, 10)).toMatch(
      /^quantity: 0 is not valid; expected a quantity above 0/,
    );
    expect(thrown('LIQ_PRICE_ISOLATED', 'LONG', 60000, 1, 0.5)).toMatch(
      /^leverage: 0.5 is not valid; expected a leverage of 1 or more/,
    );
    expect(thrown('LIQ_PRICE_ISOLATED', 'LONG', 60000, 6, 101)).toBe(
      'leverage: 101× is above the maximum of 100× that BTCUSDT allows for a ' +
        'position of 360,000 USDT (bracket 2: 300,000 to 800,000 USDT).',
    );
    expect(thrown('LIQ_PRICE_ISOLATED', 'LONG', new Date(Date.UTC(2024, 0, 2)), 1, 10)).toBe(
      "entry_price: the date 2024-01-02 is a date, not a number; expected a price above 0. Check the cell's format.",
    );
    expect(thrown('LIQ_PRICE_ISOLATED', 'LONG', true, 1, 10)).toBe(
      'entry_price: TRUE is not a number; expected a price above 0.',
    );
    expect(thrown('LIQ_PRICE_ISOLATED', 'LONG', 60000, 1, 10, 0, 'BTCUSD')).toMatch(
      /^brackets: "BTCUSD" is not a market .* Did you mean BTCUSD_PERP \(COIN-M\), BTCUSDC, BTCUSDT/,
    );
    expect(thrown('LIQ_PRICE_ISOLATED', 'LONG', 60000, 1, 10, 0, 'BTCUSDT', 'extra')).toMatch(
      /^LIQ_PRICE_ISOLATED takes at most 6 arguments/,
    );
    expect(thrown('MARGIN_TO_ADD', 'LONG', 60000, 1, 10, 70000)).toMatch(
      /^target_liq_price: 70,000 is not on the losing side/,
    );
    expect(thrown('MAX_LOSS', 'BOTH', 'LONG', 60000, 1, 10, 1e6)).toBe(
      'margin_mode: "BOTH" is not a margin mode; expected ISOLATED or CROSS.',
    );
    expect(thrown('MAX_LEVERAGE', 1e12)).toMatch(
      /^notional: a notional of 1,000,000,000,000 USDT is at or above the last bracket cap of 1,800,000,000 USDT/,
    );
    expect(thrown('MAX_LEVERAGE', 1000, 0.01)).toMatch(/^brackets: a flat 1 % maintenance rate sets no leverage limit/);
    expect(thrown('MAINT_MARGIN', -1)).toMatch(/^notional: -1 is not valid/);
  });

  it('name the margin argument when the position is already below maintenance margin', () => {
    expect(thrown('LIQ_PRICE_CROSS', 'LONG', 60000, 1, 100)).toMatch(
      /^wallet_balance: the position is already below its maintenance margin at 60,000 \(margin balance 100 USDT, /,
    );
    expect(thrown('LIQ_PRICE_ISOLATED', 'LONG', 100, 1, 60, 0, 0.02)).toMatch(
      /^leverage: the position is already below its maintenance margin/,
    );
  });
});

describe('brackets argument', () => {
  it('takes a symbol, a flat rate, numeric text, or a table range with a header row', () => {
    const flat = binanceUsdsMarket(BracketTable.flatRate('0.005'));
    const expected = crossLiquidationPrice({
      side: 1,
      entryPrice: new Dec(60000),
      quantity: new Dec(1),
      walletBalance: new Dec(5000),
      market: flat,
    });
    if (expected.kind !== 'price') throw new Error('expected a price');
    expect(call('LIQ_PRICE_CROSS', 'LONG', 60000, 1, 5000, 0, 0, 0.005)).toBe(expected.price.toNumber());
    expect(call('LIQ_PRICE_CROSS', 'LONG', 60000, 1, 5000, 0, 0, '0.5 %')).toBe(expected.price.toNumber());
    const table = [
      ['floor', 'cap', 'mmr', 'cum', 'max lev'],
      [0, 300000, 0.004, 0, 150],
      [300000, 800000, 0.005, 300, 100],
      ['', '', '', '', ''],
    ];
    expect(call('LIQ_PRICE_ISOLATED', 'LONG', 55000, 1, 5, 0, table)).toBe(
      call('LIQ_PRICE_ISOLATED', 'LONG', 55000, 1, 5, 0, 'BTCUSDT'),
    );
  });

  it('reads the output of BRACKETS back as a table', () => {
    const eth = call('BRACKETS', 'ethusdt') as unknown[][];
    expect(eth[0]).toEqual([
      'BINANCE:ETHUSDT',
      'Binance USDS-M leverage brackets',
      1,
      '2026-07-02',
      'bundled snapshot',
    ]);
    expect(eth[1]).toEqual(['floor', 'cap', 'maint_margin_rate', 'maint_amount', 'max_leverage']);
    expect(eth[2]).toEqual([0, 300000, 0.004, 0, 150]);
    expect(call('LIQ_PRICE_CROSS', 'SHORT', 3000, 100, 20000, 0, 0, eth)).toBe(
      call('LIQ_PRICE_CROSS', 'SHORT', 3000, 100, 20000, 0, 0, 'ETHUSDT'),
    );
  });

  it('refuses a broken table with the row and the rule', () => {
    const broken = [
      [0, 50000, 0.004, 0, 125],
      [50000, 600000, 0.005, 70, 100],
    ];
    expect(thrown('LIQ_PRICE_CROSS', 'LONG', 60000, 1, 5000, 0, 0, broken)).toMatch(
      /^brackets: row 2 of your bracket table: the maintenance amount 70 breaks the rule/,
    );
    expect(
      thrown('LIQ_PRICE_CROSS', 'LONG', 60000, 1, 5000, 0, 0, [
        [0, 50000, 0.004, 0, 125],
        [50000, 'x', 0.005, 50, 100],
      ]),
    ).toMatch(/^brackets \(row 2, cap\): "x" is not a number/);
  });

  it('broadcasts a column of symbols', () => {
    const out = call('MAINT_MARGIN', 100000, [['BTCUSDT'], ['1000PEPEUSDT'], ['nope']]) as unknown[][];
    expect(out[0][0]).toBe(400);
    expect(out[1][0]).toBe(100000 * 0.01 - 70);
    expect(out[2][0]).toMatch(/^Error: brackets: "nope" is not a market of the bundled Binance USDS-M snapshot/);
  });

  it('BRACKETS refuses a non-symbol', () => {
    expect(thrown('BRACKETS', '')).toBe(
      'symbol is blank; expected a symbol such as BTCUSDT, or a range of bracket rows to check.',
    );
    expect(thrown('BRACKETS', 0.005)).toMatch(/^symbol: a flat 0.5 % maintenance rate has no brackets to show/);
    expect(thrown('BRACKETS', 'XYZ')).toMatch(
      /^symbol: "XYZ" is not a market of the bundled Binance USDS-M snapshot of 2026-07-02\. .*BRACKETS_XYZ/,
    );
  });
});

describe('range calls', () => {
  it('broadcast single values over a column and go element-wise over equal shapes', () => {
    const out = call('LIQ_PRICE_ISOLATED', 'LONG', [[60000], [55000], [48000]], 1, [[10], [5], [5]]);
    expect(out).toEqual([
      [engineIsolated(1, 60000, 1, 10)],
      [engineIsolated(1, 55000, 1, 5)],
      [engineIsolated(1, 48000, 1, 5)],
    ]);
  });

  it('work over 2-D ranges and rows', () => {
    const out = call('MAINT_MARGIN', [
      [10000, 100000],
      [1000000, 0],
    ]);
    expect(out).toEqual([
      [40, 400],
      [5000, 0],
    ]);
    expect(call('MAX_LEVERAGE', [[10000, 100000, 1000000]])).toEqual([[150, 150, 75]]);
  });

  it('give blank results for blank rows and Error: text for bad rows, computing the others', () => {
    const out = call('LIQ_PRICE_CROSS', [['LONG'], [''], ['SHORT'], ['sideways']], 60000, Q, [
      [5000],
      [''],
      [5000],
      [5000],
    ]) as unknown[][];
    expect(out[0][0]).toBeCloseTo(30120.48192771084, 9);
    expect(out[1][0]).toBe('');
    expect(typeof out[2][0]).toBe('number');
    expect(out[3][0]).toBe(
      'Error: side: "sideways" is not a side; expected LONG or SHORT (BUY/SELL and 1/-1 also work).',
    );
  });

  it('a blank required cell in a row with other values is an error for that row only', () => {
    const out = call('LIQ_PRICE_ISOLATED', 'LONG', [[60000], ['']], [[1], [1]], 10) as unknown[][];
    expect(typeof out[0][0]).toBe('number');
    expect(out[1][0]).toBe('Error: entry_price is blank; expected a price above 0.');
  });

  it('a bad single value makes every row an error, still as text', () => {
    expect(call('LIQ_PRICE_ISOLATED', 'LONG', [[60000], [50000]], 1, 'ten')).toEqual([
      ['Error: leverage: "ten" is not a number; expected a leverage of 1 or more, such as 10 for 10×.'],
      ['Error: leverage: "ten" is not a number; expected a leverage of 1 or more, such as 10 for 10×.'],
    ]);
  });

  it('refuse mismatched shapes, naming both', () => {
    expect(thrown('LIQ_PRICE_ISOLATED', 'LONG', [[1], [2], [3]], [[1], [2]], 10)).toBe(
      'quantity: its range is 2×1 but entry_price is 3×1; ranges must have the same shape (or be single cells).',
    );
  });

  it('treat a ragged range as blank where cells are missing, and refuse an empty range', () => {
    const out = call('MAINT_MARGIN', [[10000, 20000], [30000]]) as unknown[][];
    expect(out).toEqual([
      [40, 80],
      [120, ''],
    ]);
    expect(thrown('MAINT_MARGIN', [])).toMatch(/^notional: the range is empty/);
  });

  it('LIQ_PRICE_HEDGE gives a row of two per element, and needs columns', () => {
    expect(call('LIQ_PRICE_HEDGE', [[1], [1]], 60000, [[1], [1]], [[60000], [62000]], [[1000], [500]])).toEqual([
      ['NONE', 125000],
      // The spread locks in 2,000: 2,500 = 2·(0.005·P − 300) in bracket 2 (the first ends at 300,000): 310,000.
      ['NONE', 310000],
    ]);
    expect(thrown('LIQ_PRICE_HEDGE', [[1, 1]], 60000, 1, 60000, 1000)).toMatch(
      /^long_quantity: LIQ_PRICE_HEDGE gives 2 cells per position, so its ranges must be single columns; got a 1×2/,
    );
  });
});

describe('LIQ_PRICE_PORTFOLIO', () => {
  const sides = [['LONG'], ['SHORT'], ['']];
  const entries = [[60000], [3000], ['']];
  const quantities = [[1], [10], ['']];
  const marks = [[61000], [2900], ['']];
  const symbols = [['BTCUSDT'], ['ETHUSDT'], ['']];

  it('gives each position its cross price, blank rows blank', () => {
    const out = call('LIQ_PRICE_PORTFOLIO', sides, entries, quantities, marks, 20000, symbols) as unknown[][];
    // BTC: ETH at mark: MM = 29,000·0.004 = 116, PnL +1,000 → (20,000 − 116 + 1,000 − 60,000)/(0.004 − 1), bracket 1.
    expect(out[0][0]).toBeCloseTo(39116 / 0.996, 8);
    expect(typeof out[1][0]).toBe('number');
    expect(out[2][0]).toBe('');
  });

  it('a bad row shows its error, and the others say which row to fix', () => {
    const out = call(
      'LIQ_PRICE_PORTFOLIO',
      sides,
      [[60000], [-3000], ['']],
      quantities,
      marks,
      20000,
      symbols,
    ) as unknown[][];
    expect(out[1][0]).toBe('Error: entry_prices (row 2): -3,000 is not valid; expected a price above 0.');
    expect(out[0][0]).toMatch(
      /^Error: entry_prices \(row 2\) is invalid, and LIQ_PRICE_PORTFOLIO computes its rows together \(in cross margin/,
    );
  });

  it('a single position is an ordinary single call; a range for the wallet is refused', () => {
    expect(call('LIQ_PRICE_PORTFOLIO', 'LONG', 60000, Q, 60000, 5000)).toBeCloseTo(30120.48192771084, 9);
    expect(thrown('LIQ_PRICE_PORTFOLIO', sides, entries, quantities, marks, [[1], [2], [3]])).toBe(
      'wallet_balance: expected one cell (a wallet balance of 0 or more), got a 3×1 range.',
    );
  });
});

describe('LIQ_GRID', () => {
  it('compares isolated and cross across leverages, with an error row for a leverage too high', () => {
    const out = call('LIQ_GRID', 'LONG', 60000, Q, 5000, [[10], [''], [200]]) as unknown[][];
    expect(out[0]).toEqual([
      'Leverage',
      'Isolated margin',
      'Isolated liq. price',
      'Isolated distance',
      'Isolated max loss',
      'Cross liq. price',
      'Cross distance',
      'Cross max loss',
    ]);
    expect(out).toHaveLength(3);
    const [lev, margin, isoLp, isoDist, isoLoss, crossLp, crossDist, crossLoss] = out[1] as number[];
    expect([lev, margin, isoLoss, crossLoss]).toEqual([10, 1000, 1000, 5000]);
    expect(isoLp).toBe(call('LIQ_PRICE_ISOLATED', 'LONG', 60000, Q, 10));
    expect(crossLp).toBe(call('LIQ_PRICE_CROSS', 'LONG', 60000, Q, 5000));
    expect(isoDist).toBeCloseTo(1 - isoLp / 60000, 12);
    expect(crossDist).toBeCloseTo(1 - crossLp / 60000, 12);
    expect(out[2][0]).toBe(200);
    expect(out[2][1]).toMatch(/^Error: leverages: 200× is above the maximum of 150×/);
  });

  it('shows NONE where a long cannot be liquidated', () => {
    const out = call('LIQ_GRID', 'LONG', 60000, Q, 20000, 1) as unknown[][];
    expect(out[1][2]).toBe('NONE');
    expect(out[1][3]).toBe('NONE');
    expect(out[1][7]).toBe(10000);
  });

  it('refuses a blank list of leverages and ranges for the single arguments', () => {
    expect(thrown('LIQ_GRID', 'LONG', 60000, Q, 5000, [[''], ['']])).toMatch(/^leverages is blank/);
    expect(thrown('LIQ_GRID', 'LONG', [[1], [2]], Q, 5000, 10)).toMatch(/^entry_price: expected one cell/);
  });
});

describe('ISOLATED_MARGIN and LIQ_DISTANCE', () => {
  it('isolated margin is entry × quantity / leverage + added, leverage checked', () => {
    expect(call('ISOLATED_MARGIN', 60000, Q, 10)).toBeCloseTo(1000, 9);
    expect(call('ISOLATED_MARGIN', 60000, Q, 10, 250)).toBeCloseTo(1250, 9);
    expect(thrown('ISOLATED_MARGIN', 60000, 6, 150)).toMatch(/^leverage: 150× is above the maximum of 100×/);
  });

  it('distance is side·(price − liq)/price, NONE passes through, errors are named', () => {
    expect(call('LIQ_DISTANCE', 'LONG', 60000, 54000)).toBeCloseTo(0.1, 12);
    expect(call('LIQ_DISTANCE', 'SHORT', 60000, 66000)).toBeCloseTo(0.1, 12);
    expect(call('LIQ_DISTANCE', 'LONG', 60000, 'none')).toBe('NONE');
    expect(call('LIQ_DISTANCE', 'LONG', [[60000], [60000]], [[54000], ['NONE']])).toEqual([
      [expect.closeTo(0.1, 12)],
      ['NONE'],
    ]);
    expect(thrown('LIQ_DISTANCE', 'LONG', 60000, 'Error: leverage: too high')).toBe(
      'liq_price: the cell holds an error ("Error: leverage: too high"); fix the cell it comes from.',
    );
    expect(thrown('LIQ_DISTANCE', 'LONG', 60000, 0)).toMatch(/^liq_price: 0 is not valid/);
  });
});

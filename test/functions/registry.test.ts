import Decimal from 'decimal.js';
import { FUNCTIONS, callFunction, resultShape } from '../../src/functions';
import { exampleValues } from '../../src/functions/docs';
import { README_ORDER } from '../../src/functions/registry';
import type { Arg } from '../../src/functions/cells';

// Tests driven by the registry: a function added there is covered here without new code.
const call = (name: string, ...args: unknown[]) => callFunction(name, args);
const attempt = (name: string, args: unknown[]): unknown => {
  try {
    return callFunction(name, args);
  } catch (error) {
    return `thrown: ${(error as Error).message}`;
  }
};
const shapeOf = (result: unknown) =>
  Array.isArray(result) ? { rows: result.length, columns: (result[0] as unknown[]).length } : { rows: 1, columns: 1 };
/** A result with something in it: a number, or (MARGIN_ASSET) a text that is not an error. */
const hasNumber = (result: unknown) =>
  (Array.isArray(result) ? (result as unknown[][]).flat() : [result]).some(
    (v) => typeof v === 'number' || (typeof v === 'string' && /^[A-Z]{2,}$/.test(v) && v !== 'NONE'),
  );

/** Functions whose result depends on a market (a `brackets` or `market` argument), BRACKETS aside. */
const withMarket = FUNCTIONS.filter(
  (spec) => spec.name !== 'BRACKETS' && spec.params.some((p) => p.type === 'brackets' && !p.single),
);

/** The whole account's moves are computed for USDS-M accounts only in this round (functions.md). */
const USDS_M_ONLY = ['ACCOUNT_STRESS', 'ACCOUNT_LIQ_MOVE'];

/** Examples whose numbers mean too much as BTC (a notional of 1,000,000 BTC is past every cap). */
const COIN_EXAMPLES: Record<string, Arg[]> = {
  MAX_LEVERAGE: [10, 'BTCUSD_PERP'],
  POSITION_SIZE: ['LONG', 60000, 57000, 0.01, 'BTCUSD_PERP'],
};

/** A function's example on BTCUSD_PERP: the same numbers read as contracts and BTC. */
function onCoinMarket(spec: (typeof FUNCTIONS)[number]): Arg[] {
  const at = spec.params.findIndex((p) => p.type === 'brackets');
  const args = exampleValues(spec);
  if (at < 0) return args;
  while (args.length <= at) args.push('');
  const column = Array.isArray(args[0]) ? (args[0] as unknown[][]).length : 0;
  if (COIN_EXAMPLES[spec.name]) return COIN_EXAMPLES[spec.name];
  // A column of symbols: BTC-margined markets of two symbols (one account, one margin asset).
  return args.map((a, i) =>
    i !== at
      ? a
      : column > 0 && Array.isArray(a)
        ? a.map((_, k) => [k % 2 ? 'BTCUSD_261225' : 'BTCUSD_PERP'])
        : 'BTCUSD_PERP',
  );
}

describe('the registry', () => {
  it('lists every function its family files declare once, in README order', () => {
    const names = FUNCTIONS.map((spec) => spec.name);
    expect(new Set(names).size).toBe(names.length);
    expect(README_ORDER.filter((name) => !names.includes(name))).toEqual([]);
    expect(names.slice(0, README_ORDER.length)).toEqual(README_ORDER);
  });
});

describe('every function', () => {
  it.each(FUNCTIONS.map((spec) => [spec.name, spec] as const))(
    '%s feeds each engine input from one parameter, so a message can name only that one',
    (_, spec) => {
      const fields = spec.params.map((p) => p.field);
      expect(new Set(fields).size).toBe(fields.length);
    },
  );

  it.each(FUNCTIONS.map((spec) => [spec.name, spec] as const))(
    '%s fills the shape it declares, for its example',
    (name, spec) => {
      const args = exampleValues(spec);
      const result = call(name, ...args);
      expect(shapeOf(result)).toEqual(resultShape(name, args));
      expect(hasNumber(result)).toBe(true);
    },
  );

  it.each(USDS_M_ONLY.map((name) => [name] as const))('%s refuses a COIN-M account, saying why', (name) => {
    const spec = FUNCTIONS.find((s) => s.name === name)!;
    expect(attempt(name, onCoinMarket(spec))).toMatch(/^thrown: brackets: row 1 is BTCUSD_PERP, a COIN-M .*USDS-M/);
  });

  it.each(withMarket.filter((spec) => !USDS_M_ONLY.includes(spec.name)).map((spec) => [spec.name, spec] as const))(
    '%s fills the shape it declares on a COIN-M market too',
    (name, spec) => {
      const args = onCoinMarket(spec);
      const result = call(name, ...args);
      expect(shapeOf(result)).toEqual(resultShape(name, args));
      expect(hasNumber(result)).toBe(true);
    },
  );

  const withBrackets = FUNCTIONS.filter(
    (spec) => spec.name !== 'BRACKETS' && spec.params.some((p) => p.type === 'brackets'),
  );
  it.each(withBrackets.map((spec) => [spec.name, spec] as const))(
    '%s reads brackets the same way in every form',
    (name, spec) => {
      const at = spec.params.findIndex((p) => p.type === 'brackets');
      const args = exampleValues(spec);
      while (args.length <= at) args.push('');
      const withTable = (table: unknown) =>
        attempt(
          name,
          args.map((a, i) => (i === at ? table : a)),
        );
      const listed = call('BRACKETS', 'ETHUSDT') as unknown[][];
      const bySymbol = withTable('ETHUSDT');
      expect(hasNumber(bySymbol)).toBe(true);
      expect(withTable(listed)).toEqual(bySymbol); // title and header, as BRACKETS returns it
      expect(withTable(listed.slice(1))).toEqual(bySymbol); // header and rows
      expect(withTable(listed.slice(2))).toEqual(bySymbol); // rows only
      expect(withTable('ethusdt')).toEqual(bySymbol);
      expect(withTable(' ETH/USDT:USDT ')).toEqual(bySymbol);
      // A flat rate as a fraction and as percent text.
      expect(withTable('0.5%')).toEqual(withTable(0.005));
      // A COIN-M market: by name, and as BRACKETS spills it (its title row carries the contract size; without it
      // the rows would be a USDS-M table of the user's own).
      const coin = withTable('BTCUSD_PERP');
      expect(withTable(call('BRACKETS', 'BTCUSD_PERP'))).toEqual(coin);
      expect(withTable(' binance:btcusd_perp ')).toEqual(coin);
    },
  );
});

describe('declared parameters', () => {
  const OUTSIDE = { above0: 0, atLeast0: -1, atLeast1: 0.5 } as const;
  const limited = FUNCTIONS.flatMap((spec) =>
    spec.params.flatMap((param, at) => (param.limit ? [[spec.name, param.name, spec, at] as const] : [])),
  );
  it.each(limited.flatMap((c) => [[...c, 'its example'] as const, [...c, 'COIN-M'] as const]))(
    '%s refuses a %s outside its declared limit, saying what is expected (%s)',
    (name, _, spec, at, market) => {
      const param = spec.params[at];
      const args = market === 'COIN-M' ? onCoinMarket(spec) : exampleValues(spec);
      while (args.length <= at) args.push('');
      const bad = OUTSIDE[param.limit!];
      const result = attempt(
        name,
        args.map((a, i) => (i !== at ? a : Array.isArray(a) ? a.map((row) => row.map(() => bad)) : bad)),
      );
      const cells = Array.isArray(result) ? (result as unknown[][]).flat() : [result];
      const message = String(cells.find((cell) => /^(thrown|Error):/.test(String(cell))));
      expect(message).toMatch(
        new RegExp(`^(thrown|Error): ${param.name}( \\(row 1\\))?: ${bad} is not valid; expected `),
      );
      expect(message).toContain(param.expected);
    },
  );

  const withDefault = FUNCTIONS.flatMap((spec) =>
    spec.params.flatMap((param, at) =>
      param.optional?.value !== undefined || param.optional?.sameAs !== undefined
        ? [[spec.name, param.name, spec, at] as const]
        : [],
    ),
  );
  it.each(withDefault)('%s reads a blank %s as its declared default', (name, _, spec, at) => {
    const optional = spec.params[at].optional!;
    const args = exampleValues(spec);
    while (args.length <= at) args.push('');
    const source = spec.params.findIndex((p) => p.field === optional.sameAs);
    const typed = optional.value ?? args[source];
    const blank = args.map((a, i) => (i === at ? '' : a));
    expect(attempt(name, blank)).toEqual(
      attempt(
        name,
        blank.map((a, i) => (i === at ? typed : a)),
      ),
    );
    // In a range, a blank cell takes the default too (mark_price follows its row's order_price). A function of that
    // one argument has nothing else in the row: a blank row is blank.
    if (spec.params.length === 1) return;
    const column = blank.map((a) => [[a], [a]]);
    expect(attempt(name, column)).toEqual(
      attempt(
        name,
        blank.map((a, i) => (i === at ? [[typed], [typed]] : [[a], [a]])),
      ),
    );
  });
});

describe('regressions', () => {
  const sol = ['SOLUSDT', 'BRACKETS("SOLUSDT")'];
  it('LIQ_PRICE_PORTFOLIO and CROSS_MARGIN_RATIO use a bracket-table range, not the default symbol', () => {
    for (const name of ['LIQ_PRICE_PORTFOLIO', 'CROSS_MARGIN_RATIO']) {
      const args = [[['LONG'], ['SHORT']], [[2.5], [2.4]], [[400000], [100000]], [[2.4], [2.45]], 200000];
      const bySymbol = call(name, ...args, sol[0]);
      const table = call('BRACKETS', 'SOLUSDT') as unknown[][];
      expect(call(name, ...args, table)).toEqual(bySymbol);
      expect(call(name, ...args, table.slice(1))).toEqual(bySymbol);
      expect(call(name, ...args, table.slice(2))).toEqual(bySymbol);
      expect(call(name, ...args, 'BTCUSDT')).not.toEqual(bySymbol);
    }
  });

  it('BRACKETS checks a range of bracket rows and shows it like a symbol', () => {
    const eth = call('BRACKETS', 'ETHUSDT') as unknown[][];
    const mine = call('BRACKETS', eth.slice(2)) as unknown[][];
    expect(mine[0][0]).toBe(`your bracket table: ${eth.length - 2} brackets, checked`);
    expect(mine.slice(1)).toEqual(eth.slice(1));
    // With its title row the output reads back as the market it names; without, as a table of one's own.
    expect(call('BRACKETS', eth)).toEqual(eth);
    expect(call('BRACKETS', eth.slice(1))).toEqual(mine);
    const broken = eth.slice(2).map((row, i) => (i === 1 ? [row[0], row[1], row[2], 70, row[4]] : row));
    expect(() => call('BRACKETS', broken)).toThrow(
      /^symbol: row 2 of your bracket table: the maintenance amount 70 breaks the rule/,
    );
  });

  it('MARGIN_TO_ADD keeps a target notional past the last cap in the last bracket', () => {
    const table = [
      [0, 50000, 0.004, 0, 125],
      [50000, 600000, 0.005, 50, 100],
      [600000, 3000000, 0.01, 3050, 75],
    ];
    // Opens at 1.64M notional (below the cap); at 73.8244 the notional is 3.04M, past it.
    expect(call('MARGIN_TO_ADD', 'SHORT', 39.889, 41144.412495, 1, 73.8244, table)).toBe(0);
    // At 85 the short needs more: MM(Q·T) + Q·(T − EP) − Q·EP with the last bracket's rate.
    const q = new Decimal('41144.412495');
    const needed = q
      .times(85)
      .times('0.01')
      .minus(3050)
      .plus(q.times(new Decimal(85).minus('39.889')))
      .minus(q.times('39.889'));
    expect(call('MARGIN_TO_ADD', 'SHORT', 39.889, 41144.412495, 1, 85, table)).toBeCloseTo(needed.toNumber(), 6);
  });

  it('messages name a parameter of the function called', () => {
    expect(() => call('MARGIN_RATIO', 'LONG', -5, 0.1, 60000, 1000)).toThrow(
      /^entry_price: -5 is not valid; expected a price above 0\.$/,
    );
    expect(() => call('MARGIN_RATIO', 'LONG', 60000, 0.1, -1, 1000)).toThrow(/^mark_price: -1 is not valid/);
    expect(() => call('LIQ_PRICE_PORTFOLIO', 'LONG', 60000, 0.1, -1, 1000)).toThrow(/^mark_prices: -1 is not valid/);
  });

  it('limits accept a typed fraction within 1e-9 of the limit', () => {
    // 10000/65000 × 65000 = 10000.0000000000002: a 5,000 wallet covers the 5,000 margin at 2×.
    expect(call('MAX_LOSS', 'ISOLATED', 'LONG', 65000, 10000 / 65000, 2, 5000)).toBeCloseTo(5000, 9);
    expect(call('MAX_LOSS', 'CROSS', 'LONG', 65000, 10000 / 65000, 2, 5000)).toBe(5000);
    // A real shortfall shows digits that differ.
    expect(() => call('MAX_LOSS', 'ISOLATED', 'LONG', 65000, 10000 / 65000, 2, 4999.99999)).toThrow(
      /^wallet_balance: 4,999\.99999 USDT is less than the 5,000(\.0+)? USDT of margin/,
    );
    // Leverage against the bracket maximum, and the opening notional against the last cap.
    expect(typeof call('LIQ_PRICE_ISOLATED', 'LONG', 60000, 0.1, 150 * (1 + 1e-12))).toBe('number');
    expect(() => call('LIQ_PRICE_ISOLATED', 'LONG', 60000, 0.1, 150.001)).toThrow(
      /^leverage: 150\.001× is above the maximum of 150×/,
    );
    const table = [
      [0, 50000, 0.004, 0, 125],
      [50000, 600000, 0.005, 50, 100],
    ];
    // NONE: it opens at the cap.
    expect(typeof call('LIQ_PRICE_CROSS', 'LONG', 60000, 600000 / 60000, 1e6, 0, 0, table)).toBe('string');
    expect(() => call('LIQ_PRICE_CROSS', 'LONG', 60000, 10.001, 1e6, 0, 0, table)).toThrow(
      /^quantity: a notional of 600,060 USDT is at or above the last bracket cap/,
    );
  });
});

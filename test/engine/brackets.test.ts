import fc from 'fast-check';
import { BracketTable, Dec, EngineError } from '../../src/engine';
import { snapshotMarket } from '../../src/data/symbols';
import { d, expectClose } from './helpers';

const rows = [
  [0, 50000, 0.004, 0, 125],
  [50000, 600000, 0.005, 50, 100],
  [600000, 3000000, 0.0065, 950, 75],
] as const;

function refusal(build: () => unknown): EngineError {
  try {
    build();
  } catch (error) {
    if (error instanceof EngineError) return error;
    throw error;
  }
  throw new Error('expected an EngineError');
}

describe('BracketTable', () => {
  const table = BracketTable.fromRows(rows, 'test table');

  it('looks up brackets with floor ≤ N < cap', () => {
    expect(table.indexAt(d(0))).toBe(0);
    expect(table.indexAt(d('49999.99'))).toBe(0);
    expect(table.indexAt(d(50000))).toBe(1);
    expect(table.indexAt(d('2999999.999'))).toBe(2);
  });

  it('finds the bracket exactly a hair either side of every floor (the float guess defers to decimals there)', () => {
    const btc = snapshotMarket('BTCUSDT').tiers;
    const exactIndex = (n: Dec) => {
      let i = btc.brackets.length - 1;
      while (i > 0 && n.lt(btc.brackets[i].floor)) i--;
      return i;
    };
    // One part in 1e30: within the 34 digits of a decimal, far below a float's 16.
    const below = new Dec(1).minus('1e-30');
    const above = new Dec(1).plus('1e-30');
    for (const [k, bracket] of btc.brackets.entries()) {
      const floor = bracket.floor;
      expect(btc.indexAt(floor)).toBe(k);
      if (k > 0) expect(btc.indexAt(floor.times(below))).toBe(k - 1);
      if (k > 0) expect(btc.indexAt(floor.times(above))).toBe(k);
      expect(btc.indexAt(floor.times('1.0000000000001'))).toBe(k);
    }
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: btc.brackets.length - 1 }),
        fc.double({ min: -1e-9, max: 1e-9, noNaN: true }),
        (k, relative) => {
          const n = btc.brackets[k].floor.times(new Dec(1).plus(relative)).plus(k === 0 ? Math.abs(relative) : 0);
          expect(btc.indexAt(n)).toBe(exactIndex(n));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('computes maintenance margin N·mmr − cum and maximum leverage', () => {
    expectClose(table.maintenanceMargin(d(10000)), '40');
    expectClose(table.maintenanceMargin(d(100000)), '450');
    expectClose(table.maintenanceMargin(d(1000000)), '5550');
    expect(table.maxLeverageAt(d(10000))?.toNumber()).toBe(125);
    expect(table.maxLeverageAt(d(600000))?.toNumber()).toBe(75);
  });

  it('refuses to open at or above the last cap, but keeps a larger notional in the last bracket', () => {
    const error = refusal(() => table.requireOpenable(d(3000001)));
    expect(error.code).toBe('aboveLastBracket');
    expect(error.message).toMatch(
      /^notional: a notional of 3,000,001 USDT is at or above the last bracket cap of 3,000,000 USDT for test table/,
    );
    expect(refusal(() => table.maxLeverageAt(d(3000001))).code).toBe('aboveLastBracket');
    // Within the limit tolerance of the cap it still opens (a typed fraction lands a hair above).
    expect(() => table.requireOpenable(d('3000000.000001'))).not.toThrow();
    // A liquidation or target notional past the cap stays in the last bracket.
    const last = table.brackets[table.brackets.length - 1];
    expectClose(table.maintenanceMargin(d(5000000)), d(5000000).times(last.mmr).minus(last.cum).toString());
    expect(table.indexAt(d(5000000))).toBe(table.brackets.length - 1);
  });

  it('a flat rate has one open-ended bracket and no leverage limit', () => {
    const flat = BracketTable.flatRate('0.005');
    expectClose(flat.maintenanceMargin(d('1e12')), '5e9');
    expect(flat.maxLeverageAt(d(1))).toBeNull();
    expect(flat.label).toBe('a flat 0.5 % maintenance rate');
    expect(refusal(() => BracketTable.flatRate(1)).message).toMatch(
      /expected a fraction from 0 up to \(not including\) 1/,
    );
    expect(refusal(() => BracketTable.flatRate(-0.1)).field).toBe('market');
  });

  describe('validation', () => {
    const broken: [string, readonly (readonly number[])[], RegExp][] = [
      ['no rows', [], /has no rows/],
      ['a row of 4 values', [[0, 1, 0.1, 0]], /has 4 values; expected 5/],
      ['a first floor above 0', [[10, 50000, 0.004, 0, 125]], /first floor is 10; expected 0/],
      [
        'a gap',
        [
          [0, 50000, 0.004, 0, 125],
          [60000, 600000, 0.005, 110, 100],
        ],
        /floor 60,000 does not equal the previous cap 50,000/,
      ],
      [
        'a cap below its floor',
        [
          [0, 50000, 0.004, 0, 125],
          [50000, 40000, 0.005, 50, 100],
        ],
        /cap 40,000 is not above the floor 50,000/,
      ],
      ['a rate of 100 %', [[0, 50000, 1, 0, 125]], /not a valid maintenance margin rate/],
      [
        'a falling rate',
        [
          [0, 50000, 0.005, 0, 125],
          [50000, 600000, 0.004, -50, 100],
        ],
        /rates must not fall/,
      ],
      ['a maximum leverage below 1', [[0, 50000, 0.004, 0, 0.5]], /maximum leverage 0.5 is below 1/],
      [
        'a cum that breaks the recurrence',
        [
          [0, 50000, 0.004, 0, 125],
          [50000, 600000, 0.005, 60, 100],
        ],
        /maintenance amount 60 breaks the rule .* which gives 50/,
      ],
      ['a first cum that is not 0', [[0, 50000, 0.004, 5, 125]], /maintenance amount 5 breaks the rule/],
      ['a value that is not finite', [[0, Infinity, 0.004, 0, 125]], /not a finite number/],
    ];
    it.each(broken)('refuses %s', (_, badRows, message) => {
      const error = refusal(() => BracketTable.fromRows(badRows as never, 'your table'));
      expect(error.code).toBe('invalidBrackets');
      expect(error.field).toBe('market');
      expect(error.message).toMatch(message);
    });

    it('accepts a cum off by less than a cent (rounded exchange data)', () => {
      expect(() =>
        BracketTable.fromRows(
          [
            [0, 50000, 0.004, 0, 125],
            [50000, 600000, 0.005, 50.004, 100],
          ],
          'rounded',
        ),
      ).not.toThrow();
    });
  });
});

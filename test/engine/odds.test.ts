import fc from 'fast-check';
import {
  Dec,
  erfc,
  fundingPaymentsToLiquidation,
  isolatedLiquidationPrice,
  normalCdf,
  touchProbability,
} from '../../src/engine';
import { callFunction } from '../../src/functions';
import { snapshotMarket } from '../../src/data/symbols';
import { seeded } from './helpers';

const call = (name: string, ...args: unknown[]) => callFunction(name, args);

/**
 * The chance of touching the barrier, by simulation: log-price paths on a grid, with the
 * Brownian-bridge probability of a touch between grid points. Returns the mean and its
 * standard error.
 */
function monteCarlo(side: 1 | -1, price: number, barrier: number, sigma: number, days: number, drift: number) {
  const random = seeded(20261126);
  const paths = 20000;
  const steps = 50;
  const dt = days / 365 / steps;
  const nu = drift - (sigma * sigma) / 2;
  const b = Math.log(barrier / price);
  let sum = 0;
  let sumSquares = 0;
  for (let p = 0; p < paths; p++) {
    let x = 0;
    let survive = 1;
    for (let s = 0; s < steps && survive > 0; s++) {
      const u = 1 - random();
      const z = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
      const next = x + nu * dt + sigma * Math.sqrt(dt) * z;
      if (side * (next - b) <= 0) survive = 0;
      else survive *= 1 - Math.exp((-2 * (x - b) * (next - b)) / (sigma * sigma * dt));
      x = next;
    }
    const hit = 1 - survive;
    sum += hit;
    sumSquares += hit * hit;
  }
  const mean = sum / paths;
  const variance = sumSquares / paths - mean * mean;
  return { mean, error: Math.sqrt(variance / paths) };
}

describe('the normal distribution', () => {
  it('erfc matches published values to 1e-14 relative, far into the tail', () => {
    const published: [number, number][] = [
      [0.5, 0.4795001221869535],
      [1, 0.15729920705028513],
      [2, 0.004677734981047266],
      [3, 2.2090496998585441e-5],
      [5, 1.537459794428035e-12],
      [10, 2.088487583762545e-45],
      [20, 5.3958656116079e-176],
    ];
    for (const [x, value] of published) expect(Math.abs(erfc(x) - value) / value).toBeLessThan(1e-14);
    expect(erfc(-1)).toBeCloseTo(2 - 0.15729920705028513, 15);
    // N(−8) = 6.220960574271784e-16: a tail that 1 − N(8) would lose entirely.
    expect(Math.abs(normalCdf(-8) - 6.220960574271784e-16) / 6.220960574271784e-16).toBeLessThan(1e-12);
    expect(normalCdf(0)).toBe(0.5);
  });
});

describe('LIQ_PROBABILITY: first passage of geometric Brownian motion', () => {
  const cases: [string, 1 | -1, number, number, number, number, number][] = [
    ['long, no drift', 1, 60000, 54216.87, 0.6, 7, 0],
    ['long, drift up', 1, 60000, 54216.87, 0.6, 7, 0.8],
    ['long, drift down', 1, 60000, 57000, 0.5, 3, -1],
    ['short, no drift', -1, 3000, 3300, 0.7, 10, 0],
    ['short, drift up', -1, 3000, 3300, 0.7, 10, 1.2],
  ];
  it.each(cases)(
    '%s: the closed form equals a Monte Carlo within three standard errors',
    (_, side, price, barrier, sigma, days, drift) => {
      const closed = touchProbability({
        side,
        price,
        liquidationPrice: barrier,
        volatility: sigma,
        horizonDays: days,
        drift,
      });
      const simulated = monteCarlo(side, price, barrier, sigma, days, drift);
      expect(simulated.mean).toBeGreaterThan(0.01); // not a vacuous comparison
      expect(Math.abs(closed - simulated.mean)).toBeLessThan(3 * simulated.error);
    },
  );

  it('with a drift of σ²/2 is 2·N(−|ln(B/S)|/(σ√T))', () => {
    const sigma = 0.6;
    const t = 7 / 365;
    for (const [side, barrier] of [
      [1, 54000],
      [-1, 66000],
    ] as const) {
      const expected = 2 * normalCdf(-Math.abs(Math.log(barrier / 60000)) / (sigma * Math.sqrt(t)));
      const got = touchProbability({
        side,
        price: 60000,
        liquidationPrice: barrier,
        volatility: sigma,
        horizonDays: 7,
        drift: (sigma * sigma) / 2,
      });
      expect(got).toBeCloseTo(expected, 13);
    }
  });

  it('is 1 at or past the liquidation price, 0 for NONE, and tiny but positive far away', () => {
    expect(call('LIQ_PROBABILITY', 'LONG', 50000, 54216.87, 0.6, 7)).toBe(1);
    expect(call('LIQ_PROBABILITY', 'SHORT', 3300, 3300, 0.6, 7)).toBe(1);
    expect(call('LIQ_PROBABILITY', 'LONG', 60000, 'NONE', 0.6, 7)).toBe(0);
    const far = call('LIQ_PROBABILITY', 'LONG', 60000, 12000, 0.2, 1) as number; // 80 % away, 20 % a year, one day
    expect(far).toBeGreaterThan(0);
    expect(far).toBeLessThan(1e-300);
    const tail = call('LIQ_PROBABILITY', 'LONG', 60000, 48000, 0.2, 1) as number; // 20 % away: N(≈ −21) ≈ 1e-98
    expect(tail).toBeGreaterThan(1e-110);
    expect(tail).toBeLessThan(1e-90);
  });

  it('gives the classic figures: at 10×, isolated about 23 % within 7 days at 60 %, cross under 0.01 %', () => {
    const grid = call('LIQ_GRID', 'LONG', 60000, 10000 / 60000, 5000, 10, '', 0.6, 7) as unknown[][];
    expect(grid[0].slice(-2)).toEqual(['Isolated liq. chance', 'Cross liq. chance']);
    expect(grid[1][8]).toBeCloseTo(0.234, 3);
    expect(grid[1][9]).toBeLessThan(1e-4);
    expect(grid[1][8]).toBe(call('LIQ_PROBABILITY', 'LONG', 60000, grid[1][2], 0.6, 7));
    expect(call('LIQ_GRID', 'LONG', 60000, 10000 / 60000, 5000, 10)).toEqual(
      (call('LIQ_GRID', 'LONG', 60000, 10000 / 60000, 5000, 10, '', 0.6, 7) as unknown[][]).map((row) =>
        row.slice(0, 8),
      ),
    );
    expect(() => call('LIQ_GRID', 'LONG', 60000, 10000 / 60000, 5000, 10, '', 0.6)).toThrow(/^horizon_days is blank/);
  });

  it('grows with volatility, horizon and leverage', () => {
    const table = snapshotMarket('BTCUSDT');
    const p = (sigma: number, days: number, barrier: number) =>
      touchProbability({ side: 1, price: 60000, liquidationPrice: barrier, volatility: sigma, horizonDays: days });
    let compared = 0;
    fc.assert(
      fc.property(
        fc.double({ min: 0.05, max: 3, noNaN: true }),
        fc.double({ min: 0.05, max: 3, noNaN: true }),
        fc.double({ min: 0.5, max: 60, noNaN: true }),
        fc.double({ min: 0.5, max: 60, noNaN: true }),
        fc.integer({ min: 2, max: 100 }),
        fc.integer({ min: 2, max: 100 }),
        (s1, s2, d1, d2, l1, l2) => {
          const lp = (leverage: number) => {
            const outcome = isolatedLiquidationPrice({
              side: 1,
              entryPrice: new Dec(60000),
              quantity: new Dec(0.1),
              leverage: new Dec(leverage),
              market: table,
            });
            return outcome.kind === 'price' ? outcome.price.toNumber() : 1;
          };
          const [sl, sh] = s1 <= s2 ? [s1, s2] : [s2, s1];
          const [dl, dh] = d1 <= d2 ? [d1, d2] : [d2, d1];
          const [ll, lh] = l1 <= l2 ? [l1, l2] : [l2, l1];
          const slack = 1e-12;
          expect(p(sh, 7, 50000)).toBeGreaterThanOrEqual(p(sl, 7, 50000) - slack);
          expect(p(0.6, dh, 50000)).toBeGreaterThanOrEqual(p(0.6, dl, 50000) - slack);
          expect(p(0.6, 7, lp(lh))).toBeGreaterThanOrEqual(p(0.6, 7, lp(ll)) - slack);
          if (p(sl, 7, 50000) > 1e-6 && p(sl, 7, 50000) < 0.999) compared++;
        },
      ),
      { numRuns: 300 },
    );
    expect(compared).toBeGreaterThan(30);
  });
});

describe('VOLATILITY and FUNDING_TO_LIQUIDATION', () => {
  it('VOLATILITY: sample deviation of log returns × √periods, blanks skipped, rows or columns', () => {
    const up = 100 * Math.exp(0.01);
    // Returns +0.01, −0.01, +0.01, −0.01: mean 0, sample variance 4·0.0001/3.
    const expected = Math.sqrt(((4 * 0.0001) / 3) * 365);
    expect(call('VOLATILITY', [[100], [up], [''], [100], [up], [100]])).toBeCloseTo(expected, 12);
    expect(call('VOLATILITY', [[100, up, 100, up, 100]])).toBeCloseTo(expected, 12);
    expect(call('VOLATILITY', [[100], [up], [100], [up], [100]], 8760)).toBeCloseTo(
      expected * Math.sqrt(8760 / 365),
      12,
    );
    expect(() => call('VOLATILITY', [[100], [''], [101]])).toThrow(/^prices: 2 prices given; expected at least 3/);
    expect(() => call('VOLATILITY', [[100], [0], [101]])).toThrow(/^prices \(row 2\): 0 is not valid/);
  });

  it('FUNDING_TO_LIQUIDATION counts payments to the maintenance margin, boundary included', () => {
    // 10× on 10,000 USDT: margin 1,000, MM 40; a 0.0001 payment is 1 USDT: after 960 the margin is exactly 40.
    expect(call('FUNDING_TO_LIQUIDATION', 'LONG', 60000, 10000 / 60000, 10, 0.0001)).toBe(960);
    expect(call('FUNDING_TO_LIQUIDATION', 'LONG', 60000, 10000 / 60000, 10, 0.0001, 0.5)).toBe(961);
    expect(call('FUNDING_TO_LIQUIDATION', 'SHORT', 60000, 10000 / 60000, 10, -0.0002)).toBe(480);
    expect(call('FUNDING_TO_LIQUIDATION', 'SHORT', 60000, 10000 / 60000, 10, 0.0001)).toBe('NONE');
    expect(call('FUNDING_TO_LIQUIDATION', 'LONG', 60000, 10000 / 60000, 10, 0)).toBe('NONE');
    const exact = fundingPaymentsToLiquidation({
      side: 1,
      entryPrice: new Dec(60000),
      quantity: new Dec(1),
      leverage: new Dec(20),
      fundingRate: new Dec('0.0003'),
      market: snapshotMarket('BTCUSDT'),
    });
    // Margin 3,000; MM 60,000·0.004 = 240 (BTCUSDT's first bracket reaches 300,000 since 2026-07-02); payment 18:
    // 2,760 / 18 = 153.3 → 154.
    expect(exact?.toNumber()).toBe(154);
  });
});

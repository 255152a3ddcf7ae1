import { BracketTable, Dec, type DecValue, type LiquidationOutcome, binanceUsdsMarket } from '../../src/engine';

/** Asserts `actual` is a price within `tolerance` of the exact decimal `expected`. */
export function expectPrice(actual: LiquidationOutcome, expected: string, tolerance = '1e-20'): void {
  if (actual.kind !== 'price') throw new Error(`expected a price near ${expected}, got ${JSON.stringify(actual)}`);
  expectClose(actual.price, expected, tolerance);
}

export function expectClose(actual: Dec, expected: string | Dec, tolerance = '1e-20'): void {
  const diff = actual.minus(expected).abs();
  if (diff.gt(tolerance)) {
    throw new Error(
      `expected ${expected.toString()} ± ${tolerance}, got ${actual.toString()} (off by ${diff.toString()})`,
    );
  }
}

export const d = (value: DecValue): Dec => new Dec(value);

/**
 * Binance's 2021 tables for the symbols of its official cross example (the brackets that example
 * used: ETHUSDT 2–5 M at 10 % / 135,365 and BTCUSDT 1–5 M at 2.5 % / 16,300), with their lower
 * rows so that the recurrence for cum holds.
 */
export const ETH_2021 = binanceUsdsMarket(
  BracketTable.fromRows(
    [
      [0, 10000, 0.005, 0, 100],
      [10000, 100000, 0.0065, 15, 75],
      [100000, 500000, 0.01, 365, 50],
      [500000, 1000000, 0.02, 5365, 25],
      [1000000, 2000000, 0.05, 35365, 10],
      [2000000, 5000000, 0.1, 135365, 5],
      [5000000, 10000000, 0.125, 260365, 4],
    ],
    'ETHUSDT (2021)',
  ),
);
export const BTC_2021 = binanceUsdsMarket(
  BracketTable.fromRows(
    [
      [0, 50000, 0.004, 0, 125],
      [50000, 250000, 0.005, 50, 100],
      [250000, 1000000, 0.01, 1300, 50],
      [1000000, 5000000, 0.025, 16300, 20],
      [5000000, 20000000, 0.05, 141300, 10],
    ],
    'BTCUSDT (2021)',
  ),
);

/**
 * BTCUSDT's and ETHUSDT's brackets of Binance's 2024-10-24 snapshot (bundled before 2026-07-02): the hand computations
 * below were worked out on them, so they keep them as tables of their own.
 */
export const BTC_2024 = binanceUsdsMarket(
  BracketTable.fromRows(
    [
      [0, 50000, 0.004, 0, 125],
      [50000, 600000, 0.005, 50, 100],
      [600000, 3000000, 0.0065, 950, 75],
      [3000000, 12000000, 0.01, 11450, 50],
      [12000000, 70000000, 0.02, 131450, 25],
      [70000000, 100000000, 0.025, 481450, 20],
      [100000000, 230000000, 0.05, 2981450, 10],
      [230000000, 480000000, 0.1, 14481450, 5],
      [480000000, 600000000, 0.125, 26481450, 4],
      [600000000, 800000000, 0.15, 41481450, 3],
      [800000000, 1200000000, 0.25, 121481450, 2],
      [1200000000, 1800000000, 0.5, 421481450, 1],
    ],
    'BTCUSDT',
  ),
  'BTCUSDT',
  '2024-10-24',
);
export const ETH_2024 = binanceUsdsMarket(
  BracketTable.fromRows(
    [
      [0, 50000, 0.004, 0, 125],
      [50000, 600000, 0.005, 50, 100],
      [600000, 3000000, 0.0065, 950, 75],
      [3000000, 12000000, 0.01, 11450, 50],
      [12000000, 50000000, 0.02, 131450, 25],
      [50000000, 65000000, 0.025, 381450, 20],
      [65000000, 150000000, 0.05, 2006450, 10],
      [150000000, 320000000, 0.1, 9506450, 5],
      [320000000, 400000000, 0.125, 17506450, 4],
      [400000000, 530000000, 0.15, 27506450, 3],
      [530000000, 800000000, 0.25, 80506450, 2],
      [800000000, 1200000000, 0.5, 280506450, 1],
    ],
    'ETHUSDT',
  ),
  'ETHUSDT',
  '2024-10-24',
);

/** Mulberry32: a small seeded generator, so a Monte Carlo estimate is the same on every run. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

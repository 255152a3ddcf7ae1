import fc from 'fast-check';
import { Dec, isolatedLiquidationPrice, maxSafeLeverage } from '../../src/engine';
import { snapshotMarket } from '../../src/data/symbols';
import { sourceAndBundle } from './runners';

// Each case runs twice: on the source, and on the built dist/Code.js loaded in a bare vm context
// as Apps Script loads it.
const runners = sourceAndBundle();

describe.each(runners)("the calculator's other tabs (%s)", (_, run) => {
  const call = (name: string, ...args: unknown[]) => run(name, args);

  it("match Binance's FAQ figures", () => {
    expect(call('TARGET_PRICE', 'LONG', 100000, 10, 0.5)).toBe(105000);
    expect(call('TARGET_PRICE', 'SHORT', 100000, 10, 0.5)).toBe(95000);
    expect(call('COST_TO_OPEN', 'LONG', 9253.3, 1, 20, 9259.84)).toBeCloseTo(462.665, 9);
    expect(call('COST_TO_OPEN', 'SHORT', 9253.3, 1, 20, 9259.84)).toBeCloseTo(469.205, 9);
  });

  it('PNL, ROE, POSITION_SIZE and AVG_ENTRY_PRICE by hand', () => {
    expect(call('PNL', 'SHORT', 60000, 66000, 0.5)).toBe(-3000);
    expect(call('ROE', 'LONG', 60000, 66000, 10)).toBeCloseTo(1, 12);
    expect(call('ROE', 'SHORT', 60000, 66000, 10)).toBeCloseTo(-1, 12);
    expect(call('POSITION_SIZE', 'SHORT', 60000, 61500, 300)).toBeCloseTo(0.2, 12);
    expect(call('AVG_ENTRY_PRICE', [[0.5], [''], [0.3], [0.2]], [[60000], [''], [58000], [55000]])).toBeCloseTo(
      58400,
      9,
    );
    expect(() => call('AVG_ENTRY_PRICE', [[0.5], [0]], [[60000], [58000]])).toThrow(
      /^quantities \(row 2\): 0 is not valid/,
    );
    expect(() => call('TARGET_PRICE', 'SHORT', 100000, 2, 2)).toThrow(/^target_roe: 2 at 2× needs an exit price of 0/);
    expect(() => call('POSITION_SIZE', 'LONG', 60000, 61000, 300)).toThrow(
      /^stop_price: 61,000 is not a stop-loss for a long/,
    );
  });

  it('MAX_OPEN includes the open loss and stops at the notional cap of the leverage chosen', () => {
    // 1,000 USDT at 10×: 0.1667 BTC at the mark; a short ordered 300 below the mark pays 300 per BTC at once.
    expect(call('MAX_OPEN', 'LONG', 60000, 10, 1000)).toBeCloseTo(1000 / 6000, 12);
    expect(call('MAX_OPEN', 'SHORT', 60000, 10, 1000, 60300)).toBeCloseTo(1000 / 6300, 12);
    expect(call('MAX_OPEN', 'LONG', 60000, 10, 1000, 59000)).toBeCloseTo(1000 / 7000, 12);
    // BTCUSDT of 2026-07-02: at 150× only the first bracket (cap 300,000) allows it: a large balance is capped at
    // 300,000 / 60,000.
    expect(call('MAX_OPEN', 'LONG', 60000, 150, 1e6)).toBeCloseTo(300000 / 60000, 12);
    // At 100× the second bracket (cap 800,000) is the last that allows it.
    expect(call('MAX_OPEN', 'LONG', 60000, 100, 1e6)).toBeCloseTo(800000 / 60000, 12);
    expect(() => call('MAX_OPEN', 'LONG', 60000, 151, 1000)).toThrow(
      /^leverage: 151× is above the highest leverage BTCUSDT allows \(150×/,
    );
    // A flat rate has no cap.
    expect(call('MAX_OPEN', 'LONG', 60000, 125, 1e6, '', 0.005)).toBeCloseTo(1e6 / 480, 9);
  });

  it('MAX_SAFE_LEVERAGE: the stop fires first, within the bracket maximum', () => {
    // Q = 1/6: LP = 60,000·(1 − 1/L)/0.996 < 57,000 ⇔ L < 18.59.
    expect(call('MAX_SAFE_LEVERAGE', 'LONG', 60000, 10000 / 60000, 57000)).toBe(18);
    // BTCUSDT of 2026-07-02. Opens at 360,000 notional (bracket 2, at most 100×); at 100× LP = (3,600 + 300 −
    // 360,000)/(6·(0.005 − 1)) = 59,648.24, still in bracket 2 (357,889 notional): below the stop at 59,700.
    expect(call('MAX_SAFE_LEVERAGE', 'LONG', 60000, 6, 59700)).toBe(100);
    // Opens at 306,000 (bracket 2) but is liquidated below 300,000 (bracket 1): at 20× LP = 60,000·0.95/0.996
    // = 57,228.92 (< 57,300: safe); at 21× LP = 60,000·(20/21)/0.996 = 57,372.21 (not safe).
    expect(call('MAX_SAFE_LEVERAGE', 'LONG', 60000, 5.1, 57300)).toBe(20);
    expect(() => call('MAX_SAFE_LEVERAGE', 'SHORT', 60000, 1, 59000)).toThrow(
      /^stop_price: 59,000 is not a stop-loss for a short/,
    );
    expect(() => call('MAX_SAFE_LEVERAGE', 'SHORT', 60000, 1, 150000)).toThrow(
      /^stop_price: even at 1× this position is liquidated before 150,000/,
    );
  });
});

describe('MAX_SAFE_LEVERAGE, property', () => {
  it('is the boundary: the stop fires first at the answer, and not one leverage above', () => {
    const table = snapshotMarket('BTCUSDT');
    let checked = 0;
    fc.assert(
      fc.property(
        fc.constantFrom(1 as const, -1 as const),
        fc.integer({ min: 1000, max: 100000 }),
        fc.double({ min: 0.001, max: 20, noNaN: true }),
        fc.double({ min: 0.005, max: 0.6, noNaN: true }),
        (side, entry, quantity, stopDistance) => {
          const stop = side === 1 ? entry * (1 - stopDistance) : entry * (1 + stopDistance);
          let answer: number;
          try {
            answer = maxSafeLeverage({
              side,
              entryPrice: new Dec(entry),
              quantity: new Dec(quantity),
              stopPrice: new Dec(stop),
              market: table,
            }).toNumber();
          } catch {
            return; // not openable, or liquidated before the stop even at 1×
          }
          const firesFirst = (leverage: number) => {
            try {
              const outcome = isolatedLiquidationPrice({
                side,
                entryPrice: new Dec(entry),
                quantity: new Dec(quantity),
                leverage: new Dec(leverage),
                market: table,
              });
              if (outcome.kind === 'none') return true;
              if (outcome.kind === 'belowMaintenance') return false;
              return side === 1 ? outcome.price.lt(stop) : outcome.price.gt(stop);
            } catch {
              return false; // above the bracket maximum
            }
          };
          expect(firesFirst(answer)).toBe(true);
          expect(firesFirst(answer + 1)).toBe(false);
          checked++;
        },
      ),
      { numRuns: 200 },
    );
    expect(checked).toBeGreaterThan(100);
  });
});

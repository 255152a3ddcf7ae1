import fc from 'fast-check';
import {
  BracketTable,
  Dec,
  EngineError,
  type LiquidationOutcome,
  type Side,
  crossLiquidationPrice,
  hedgeLiquidationPrices,
  isolatedLiquidationPrice,
  isolatedMargin,
  portfolioLiquidationPrices,
  binanceUsdsMarket,
} from '../../src/engine';
import { snapshotSymbols, snapshotMarket } from '../../src/data/symbols';

const RUNS = { numRuns: 600 };
const symbols = snapshotSymbols();

const side = fc.constantFrom<Side>(1, -1);
const symbolTable = fc.constantFrom(...symbols).map((s) => snapshotMarket(s));
/** USDT-margined markets: one cross account holds one margin asset. */
const usdtTable = fc.constantFrom(...symbols.filter((s) => !/USDC(_\d+)?$/.test(s))).map((s) => snapshotMarket(s));
/** A random valid table: rising floors and rates, cum from the recurrence, as a user might paste. */
const customTable = fc
  .array(fc.tuple(fc.integer({ min: 1, max: 5_000_000 }), fc.integer({ min: 0, max: 2_000 })), {
    minLength: 1,
    maxLength: 8,
  })
  .map((steps) => {
    const rows: [number, number, number, number, number][] = [];
    let floor = new Dec(0);
    let mmr = new Dec('0.002');
    let cum = new Dec(0);
    steps.forEach(([width, rateStep], i) => {
      if (i > 0) {
        const nextMmr = Dec.min(mmr.plus(new Dec(rateStep).div(100_000)), new Dec('0.5'));
        cum = cum.plus(floor.times(nextMmr.minus(mmr)));
        mmr = nextMmr;
      }
      const cap = floor.plus(width * 1000);
      rows.push([floor.toNumber(), cap.toNumber(), mmr.toNumber(), cum.toNumber(), Math.max(1, 125 - i * 15)]);
      floor = cap;
    });
    return binanceUsdsMarket(BracketTable.fromRows(rows, 'random table'));
  });
const table = fc.oneof(
  symbolTable,
  customTable,
  fc.integer({ min: 0, max: 5000 }).map((bp) => binanceUsdsMarket(BracketTable.flatRate(new Dec(bp).div(100_000)))),
);
const price = fc.integer({ min: 1, max: 1_000_000_000 }).map((n) => new Dec(n).div(1000));
/** Entry price and quantity of a position of 1 to 5,000,000 USDT notional. */
const size = fc
  .tuple(price, fc.integer({ min: 1, max: 5_000_000 }))
  .map(([entryPrice, notional]) => ({ entryPrice, quantity: new Dec(notional).div(entryPrice) }));
const leverage = fc.integer({ min: 1, max: 125 }).map((n) => new Dec(n));
/** USDT amounts, mostly of the size of the positions so that liquidation prices exist. */
const money = fc
  .oneof(fc.integer({ min: 0, max: 50_000_000 }), fc.integer({ min: 0, max: 10_000_000_000 }))
  .map((n) => new Dec(n).div(100));

/** Counts the runs that reached an actual price, so a property cannot pass vacuously. */
const reached = { prices: 0 };
afterEach(() => {
  reached.prices = 0;
});
function expectManyPrices(runs: number): void {
  expect(reached.prices).toBeGreaterThan(runs / 5);
}

/** Runs `body`, treating inputs the engine rightly refuses (position too big, leverage too high) as not applicable. */
function unlessRefused(body: () => void): void {
  try {
    body();
  } catch (error) {
    if (error instanceof EngineError && (error.code === 'aboveLastBracket' || error.code === 'leverageTooHigh')) {
      fc.pre(false);
    }
    throw error;
  }
}

/** Maintenance margin with the last bracket open-ended, as the solver treats liquidation notionals. */
function maintenance(table: BracketTable, notional: Dec): Dec {
  const b = notional.gte(table.lastCap) ? table.brackets[table.brackets.length - 1] : table.bracketAt(notional);
  return notional.times(b.mmr).minus(b.cum);
}

/** |margin balance − maintenance margin| at a returned price, relative to the sizes involved. */
function expectOnTheEdge(marginBalance: Dec, maintenanceMargin: Dec, scale: Dec): void {
  const gap = marginBalance.minus(maintenanceMargin).abs();
  const tolerance = scale.abs().plus(1).times('1e-24');
  if (gap.gt(tolerance))
    throw new Error(`margin balance ${marginBalance} ≠ maintenance margin ${maintenanceMargin} (gap ${gap})`);
}

function rank(side: Side, outcome: LiquidationOutcome): Dec {
  // "Further from entry" as a number: a long's price lower is further, NONE furthest of all.
  if (outcome.kind === 'none') return new Dec(side === 1 ? -Infinity : Infinity).times(side);
  if (outcome.kind !== 'price') throw new Error('unexpected ' + outcome.kind);
  return outcome.price.times(side);
}

describe('engine invariants (fast-check)', () => {
  it('at every one-way liquidation price, margin balance equals maintenance margin (bracket from the table)', () => {
    fc.assert(
      fc.property(
        side,
        size,
        money,
        money,
        fc.integer({ min: -1_000_000_000, max: 1_000_000_000 }),
        table,
        (s, { entryPrice, quantity: q }, wallet, otherMM, upnlCents, t) =>
          unlessRefused(() => {
            const otherUnrealizedPnl = new Dec(upnlCents).div(100);
            const outcome = crossLiquidationPrice({
              side: s,
              entryPrice,
              quantity: q,
              walletBalance: wallet,
              otherMaintenanceMargin: otherMM,
              otherUnrealizedPnl,
              market: t,
            });
            if (outcome.kind !== 'price') return;
            reached.prices++;
            const lp = outcome.price;
            expect(s === 1 ? lp.lte(entryPrice) : lp.gte(entryPrice)).toBe(true);
            const balance = wallet
              .minus(otherMM)
              .plus(otherUnrealizedPnl)
              .plus(q.times(lp.minus(entryPrice)).times(s));
            expectOnTheEdge(balance, maintenance(t.tiers, q.times(lp)), q.times(lp).plus(wallet));
          }),
      ),
      RUNS,
    );
    expectManyPrices(RUNS.numRuns);
  });

  it('an isolated position with margin W liquidates where a cross position with wallet W alone does', () => {
    fc.assert(
      fc.property(side, size, leverage, money, table, (s, { entryPrice, quantity: q }, lev, added, t) =>
        unlessRefused(() => {
          const position = { side: s, entryPrice, quantity: q, leverage: lev, addedMargin: added, market: t };
          const isolated = isolatedLiquidationPrice(position);
          const cross = crossLiquidationPrice({
            side: s,
            entryPrice,
            quantity: q,
            walletBalance: isolatedMargin(position),
            market: t,
          });
          expect(cross).toEqual(isolated);
          if (isolated.kind === 'price') reached.prices++;
        }),
      ),
      RUNS,
    );
    expectManyPrices(RUNS.numRuns);
  });

  it('more isolated margin never moves the liquidation price closer', () => {
    fc.assert(
      fc.property(side, size, leverage, money, money, table, (s, { entryPrice, quantity: q }, lev, a, b, t) =>
        unlessRefused(() => {
          const [less, more] = a.lte(b) ? [a, b] : [b, a];
          const base = { side: s, entryPrice, quantity: q, leverage: lev, market: t };
          const withLess = isolatedLiquidationPrice({ ...base, addedMargin: less });
          const withMore = isolatedLiquidationPrice({ ...base, addedMargin: more });
          if (withLess.kind === 'belowMaintenance') return;
          expect(withMore.kind).not.toBe('belowMaintenance');
          // side·LP falls (or stays) as margin grows: further from entry on the losing side.
          expect(rank(s, withMore).lte(rank(s, withLess))).toBe(true);
          if (withMore.kind === 'price') reached.prices++;
        }),
      ),
      RUNS,
    );
    expectManyPrices(RUNS.numRuns);
  });

  it('a hedge with one side empty equals the one-way cross position', () => {
    fc.assert(
      fc.property(side, size, money, table, (s, { entryPrice, quantity: q }, wallet, t) =>
        unlessRefused(() => {
          const oneWay = crossLiquidationPrice({ side: s, entryPrice, quantity: q, walletBalance: wallet, market: t });
          fc.pre(oneWay.kind !== 'belowMaintenance');
          const zero = new Dec(0);
          const hedge = hedgeLiquidationPrices({
            longQuantity: s === 1 ? q : zero,
            longEntryPrice: entryPrice,
            shortQuantity: s === -1 ? q : zero,
            shortEntryPrice: entryPrice,
            walletBalance: wallet,
            market: t,
          });
          expect(s === 1 ? hedge.fall : hedge.rise).toEqual(oneWay);
          expect(s === 1 ? hedge.rise : hedge.fall).toEqual({ kind: 'none' });
          if (oneWay.kind === 'price') reached.prices++;
        }),
      ),
      RUNS,
    );
    expectManyPrices(RUNS.numRuns);
  });

  it('at both ends of a hedge, margin balance equals the maintenance margin of both legs', () => {
    fc.assert(
      fc.property(
        size,
        size,
        money,
        table,
        ({ entryPrice: epl, quantity: ql }, { entryPrice: eps, quantity: qs }, wallet, t) =>
          unlessRefused(() => {
            const outcome = hedgeLiquidationPrices({
              longQuantity: ql,
              longEntryPrice: epl,
              shortQuantity: qs,
              shortEntryPrice: eps,
              walletBalance: wallet,
              market: t,
            });
            for (const end of [outcome.fall, outcome.rise]) {
              if (end.kind !== 'price') continue;
              reached.prices++;
              const p = end.price;
              const balance = wallet.plus(ql.times(p.minus(epl))).minus(qs.times(p.minus(eps)));
              expectOnTheEdge(
                balance,
                maintenance(t.tiers, ql.times(p)).plus(maintenance(t.tiers, qs.times(p))),
                ql.plus(qs).times(p).plus(wallet),
              );
            }
            if (outcome.fall.kind === 'price' && outcome.rise.kind === 'price')
              expect(outcome.fall.price.lte(outcome.rise.price)).toBe(true);
          }),
      ),
      RUNS,
    );
    expectManyPrices(RUNS.numRuns);
  });

  it('each portfolio price is the cross price with the others at mark', () => {
    const position = fc
      .tuple(side, size, fc.integer({ min: -30, max: 30 }), usdtTable)
      .map(([s, { entryPrice, quantity: q }, move, t]) => ({
        side: s,
        quantity: q,
        entryPrice,
        markPrice: entryPrice.times(100 + move).div(100),
        market: t,
      }));
    fc.assert(
      fc.property(fc.array(position, { minLength: 1, maxLength: 4 }), money, (positions, wallet) =>
        unlessRefused(() => {
          const outcomes = portfolioLiquidationPrices(positions, wallet);
          outcomes.forEach((outcome, i) => {
            if (outcome.kind !== 'price') return;
            reached.prices++;
            let constant = wallet;
            positions.forEach((other, j) => {
              if (j === i) return;
              constant = constant
                .minus(other.market.tiers.maintenanceMargin(other.quantity.times(other.markPrice)))
                .plus(other.quantity.times(other.markPrice.minus(other.entryPrice)).times(other.side));
            });
            const p = positions[i];
            const balance = constant.plus(p.quantity.times(outcome.price.minus(p.entryPrice)).times(p.side));
            expectOnTheEdge(
              balance,
              maintenance(p.market.tiers, p.quantity.times(outcome.price)),
              p.quantity.times(outcome.price).plus(wallet),
            );
          });
        }),
      ),
      { numRuns: 300 },
    );
    expectManyPrices(300);
  });
});

describe('every schedule in the snapshot', () => {
  it('has maintenance margin continuous at every bracket boundary, exactly', () => {
    let boundaries = 0;
    for (const symbol of symbols) {
      const { brackets } = snapshotMarket(symbol).tiers;
      for (let k = 1; k < brackets.length; k++) {
        const n = brackets[k].floor;
        const below = n.times(brackets[k - 1].mmr).minus(brackets[k - 1].cum);
        const above = n.times(brackets[k].mmr).minus(brackets[k].cum);
        expect(above.eq(below)).toBe(true);
        boundaries++;
      }
    }
    expect(boundaries).toBeGreaterThan(2000);
  });
});

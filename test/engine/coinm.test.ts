import fc from 'fast-check';
import {
  BracketTable,
  Dec,
  type LiquidationOutcome,
  type Market,
  type Side,
  binanceCoinMarket,
  crossLiquidationPrice,
  hedgeLiquidationPrices,
  initialMargin,
  isolatedLiquidationPrice,
  isolatedMargin,
  maxLoss,
  notionalAt,
  pnlAt,
  portfolioLiquidationPrices,
  positionSize,
  profitAndLoss,
  returnOnMargin,
  targetPrice,
  costToOpen,
  maxOpenQuantity,
} from '../../src/engine';
import { coinSnapshotSymbols, snapshotMarket } from '../../src/data/symbols';
import { d, expectClose, expectPrice } from './helpers';

// COIN-M (inverse) contracts: margin-math.md §7. Q contracts of CS USD, prices in USD, amounts in the coin.

const BTCUSD = snapshotMarket('BTCUSD_PERP');

/** A table whose second bracket is the FAQ's (mmr 12.5 %, cum 11.605 BTC), valid by the recurrence. */
const FAQ_TABLE = binanceCoinMarket(
  BracketTable.fromRows(
    [
      [0, '116.05', '0.025', 0, 20],
      ['116.05', 1000, '0.125', '11.605', 10],
    ],
    'the FAQ table',
  ),
  'BTCUSD_PERP',
  d(100),
);

/** The margin condition computed directly, in the true price (not by the solver): balance − maintenance. */
function slack(market: Market, constant: Dec, legs: [Side, Dec, Dec][], price: Dec): Dec {
  let total = constant;
  for (const [side, quantity, entry] of legs) {
    total = total.plus(pnlAt(market.contract, side, quantity, entry, price));
    total = total.minus(market.tiers.maintenanceMargin(notionalAt(market.contract, quantity, price)));
  }
  return total;
}

function priceOf(outcome: LiquidationOutcome): Dec {
  if (outcome.kind !== 'price') throw new Error(`expected a price, got ${outcome.kind}`);
  return outcome.price;
}

describe('COIN-M: Binance worked examples', () => {
  it('the calculator: WB 101 BTC cross, long 100,000 contracts at 45,000 → 33,599.42 (Binance shows 33,599.40)', () => {
    const outcome = crossLiquidationPrice({
      side: 1,
      entryPrice: d(45000),
      quantity: d(100000),
      walletBalance: d(101),
      market: FAQ_TABLE,
    });
    // (Q·CS·mmr + Q·CS) / (WB + cum + Q·CS/EP), the notional at it 297.62 BTC in the 12.5 % bracket.
    expectPrice(outcome, '33599.41860561583171420085649480909722925', '1e-28');
    expect(priceOf(outcome).toFixed(2)).toBe('33599.42');
    expectClose(notionalAt(FAQ_TABLE.contract, d(100000), priceOf(outcome)), '297.6241975308641975', '1e-15');
  });

  it('the same position with the bundled BTCUSD_PERP table falls in its 150–400 BTC bracket (5 %, cum 4.18)', () => {
    const outcome = crossLiquidationPrice({
      side: 1,
      entryPrice: d(45000),
      quantity: d(100000),
      walletBalance: d(101),
      market: BTCUSD,
    });
    expectPrice(outcome, '32070.64365272753188398911294975259789182', '1e-28');
    const notional = notionalAt(BTCUSD.contract, d(100000), priceOf(outcome));
    expect(notional.gt(150) && notional.lt(400)).toBe(true);
  });

  it('PnL and ROE: 100,000 contracts long 45,000 → 50,000 at 10× (margin 22.22 BTC, PnL 22.22 BTC, ROE 100 %)', () => {
    const margin = initialMargin({ entryPrice: d(45000), quantity: d(100000), leverage: d(10), market: BTCUSD });
    expectClose(margin, d(2000).div(90), '1e-28');
    const trade = { side: 1 as const, entryPrice: d(45000), exitPrice: d(50000), quantity: d(100000), market: BTCUSD };
    expectClose(profitAndLoss(trade), d(2000).div(90), '1e-28');
    expectClose(returnOnMargin({ ...trade, leverage: d(10) }), '1', '1e-30');
  });

  it('the FAQ: 100 contracts at 25,000 are a notional of 0.4 BTC, maintenance margin 0.0016 BTC', () => {
    const notional = notionalAt(BTCUSD.contract, d(100), d(25000));
    expectClose(notional, '0.4', '1e-30');
    expectClose(BTCUSD.tiers.maintenanceMargin(notional), '0.0016', '1e-30');
  });
});

describe('COIN-M: hand-computed cases', () => {
  it('an isolated long always has a liquidation price: EP·(1 + mmr)/(1 + 1/leverage) in the first bracket', () => {
    const outcome = isolatedLiquidationPrice({
      side: 1,
      entryPrice: d(60000),
      quantity: d(1000),
      leverage: d(10),
      market: BTCUSD,
    });
    expectPrice(outcome, d(60000).times('1.004').div('1.1').toString(), '1e-28');
    // Even at 1×: the coin PnL of a long falls without bound as the price falls.
    const oneX = isolatedLiquidationPrice({
      side: 1,
      entryPrice: d(60000),
      quantity: d(10),
      leverage: d(1),
      market: BTCUSD,
    });
    expectPrice(oneX, d(60000).times('1.004').div(2).toString(), '1e-28');
  });

  it('a short whose margin covers Q·CS/EP (1×) cannot be liquidated; at 2× it is at EP·(1 − mmr)/(1 − 1/2)', () => {
    const position = { side: -1 as const, entryPrice: d(60000), quantity: d(10), market: BTCUSD };
    expect(isolatedLiquidationPrice({ ...position, leverage: d(1) }).kind).toBe('none');
    expectPrice(isolatedLiquidationPrice({ ...position, leverage: d(2) }), '119520', '1e-28');
    // Its max loss without liquidation is its notional at entry, as the price rises without bound.
    const loss = maxLoss({ ...position, mode: 'ISOLATED', leverage: d(1), walletBalance: d(1) });
    expect(loss.cause).toBe('unbounded');
    expectClose(loss.loss, d(1000).div(60000), '1e-30');
  });

  it('a liquidation notional past a bracket edge in 1/P: the bracket at the liquidation price, not at entry', () => {
    // 2,000 contracts at 45,000: 4.44 BTC at entry (bracket 1, up to 5 BTC) but 5+ BTC at liquidation.
    const position = { side: 1 as const, entryPrice: d(45000), quantity: d(2000), leverage: d(2), market: BTCUSD };
    const outcome = isolatedLiquidationPrice(position);
    const price = priceOf(outcome);
    const notional = notionalAt(BTCUSD.contract, d(2000), price);
    expect(notional.gt(5) && notional.lt(10)).toBe(true);
    // (Q·CS·mmr₂ + Q·CS) / (margin + cum₂ + Q·CS/EP) with bracket 2 (0.5 %, cum 0.005).
    const margin = isolatedMargin(position);
    const exact = d(200000)
      .times('1.005')
      .div(margin.plus('0.005').plus(d(200000).div(45000)));
    expectClose(price, exact, '1e-28');
    expect(
      slack(BTCUSD, margin, [[1, d(2000), d(45000)]], price)
        .abs()
        .lt('1e-25'),
    ).toBe(true);
  });

  it('a hedge pair liquidated both ways, each end exact', () => {
    // The short is the larger: at an unbounded price it loses 1,200·100/61,000 BTC, more than the long's
    // 1,000·100/60,000 and the wallet together, so a rise liquidates; a deep fall does, through the brackets.
    const legs: [Side, Dec, Dec][] = [
      [1, d(1000), d(60000)],
      [-1, d(1200), d(61000)],
    ];
    const outcome = hedgeLiquidationPrices({
      longQuantity: d(1000),
      longEntryPrice: d(60000),
      shortQuantity: d(1200),
      shortEntryPrice: d(61000),
      walletBalance: d('0.2'),
      market: BTCUSD,
    });
    const fall = priceOf(outcome.fall);
    const rise = priceOf(outcome.rise);
    expect(fall.lt(60000) && rise.gt(61000)).toBe(true);
    for (const end of [fall, rise]) expect(slack(BTCUSD, d('0.2'), legs, end).abs().lt('1e-24')).toBe(true);
    expect(slack(BTCUSD, d('0.2'), legs, d(60500)).isPositive()).toBe(true);
    expect(slack(BTCUSD, d('0.2'), legs, fall.times('0.999')).isNegative()).toBe(true);
    expect(slack(BTCUSD, d('0.2'), legs, rise.times('1.001')).isNegative()).toBe(true);
  });

  it('split entries combine at Σq / Σ(q/p), as one position', () => {
    const fills = [
      { side: 1 as const, quantity: d(300), entryPrice: d(60000), markPrice: d(58000), market: BTCUSD, group: 'B' },
      { side: 1 as const, quantity: d(700), entryPrice: d(50000), markPrice: d(58000), market: BTCUSD, group: 'B' },
    ];
    const [a, b] = portfolioLiquidationPrices(fills, d(1));
    const average = d(1000).div(d(300).div(60000).plus(d(700).div(50000)));
    const one = portfolioLiquidationPrices([{ ...fills[0], quantity: d(1000), entryPrice: average }], d(1))[0];
    expectClose(priceOf(a), priceOf(one), '1e-25');
    expectClose(priceOf(b), priceOf(one), '1e-25');
  });

  it('a contract size other than 100 and 10 (25 USD) scales every coin amount', () => {
    const custom = binanceCoinMarket(BTCUSD.tiers, 'BTCUSD_PERP', d(25));
    const at100 = isolatedLiquidationPrice({
      side: 1,
      entryPrice: d(60000),
      quantity: d(400),
      leverage: d(10),
      market: BTCUSD,
    });
    const at25 = isolatedLiquidationPrice({
      side: 1,
      entryPrice: d(60000),
      quantity: d(1600),
      leverage: d(10),
      market: custom,
    });
    expectClose(priceOf(at25), priceOf(at100), '1e-25');
    expectClose(
      initialMargin({ entryPrice: d(60000), quantity: d(1600), leverage: d(10), market: custom }),
      d(1).div(15),
      '1e-30',
    );
  });

  it('sizing: target price, cost to open, max open and position size in contracts and coins', () => {
    // ROE side·(1 − EP/P)·leverage = 0.5 at 10× → P = EP / (1 − 0.05).
    expectClose(
      targetPrice({ side: 1, entryPrice: d(60000), leverage: d(10), targetRoe: d('0.5'), market: BTCUSD }),
      d(60000).div('0.95'),
      '1e-25',
    );
    expect(() =>
      targetPrice({ side: 1, entryPrice: d(60000), leverage: d(10), targetRoe: d(10), market: BTCUSD }),
    ).toThrow(/beyond any price; expected a return below 10/);
    // Cost: Q·CS/(order·leverage) plus the coin loss at the mark for an order worse than it.
    const cost = costToOpen({
      side: 1,
      orderPrice: d(60000),
      quantity: d(600),
      leverage: d(20),
      markPrice: d(59000),
      market: BTCUSD,
    });
    const expected = d(60000)
      .div(60000 * 20)
      .plus(d(60000).div(59000).minus(d(60000).div(60000)));
    expectClose(cost, expected, '1e-28');
    // Max open: the balance buys contracts at CS/(order·leverage) coins each.
    const open = maxOpenQuantity({
      side: 1,
      orderPrice: d(60000),
      leverage: d(20),
      availableBalance: d(1),
      markPrice: d(60000),
      market: BTCUSD,
    });
    expectClose(open, d(12000), '1e-25');
    // Risk 0.01 BTC at a stop of 57,000: contracts = risk / (CS·|1/EP − 1/stop|), not rounded.
    const size = positionSize({
      side: 1,
      entryPrice: d(60000),
      stopPrice: d(57000),
      riskAmount: d('0.01'),
      market: BTCUSD,
    });
    expectClose(size, d('0.01').div(d(100).div(57000).minus(d(100).div(60000))), '1e-25');
  });
});

describe('COIN-M: properties', () => {
  const symbols = coinSnapshotSymbols();
  const market = fc.constantFrom(...symbols).map((s) => snapshotMarket(s));
  const position = fc.record({
    market,
    side: fc.constantFrom<Side>(1, -1),
    quantity: fc.integer({ min: 1, max: 200_000 }).map((q) => d(q)),
    entryPrice: fc.double({ min: 0.05, max: 200_000, noNaN: true }).map((p) => d(p.toPrecision(8))),
    leverage: fc.integer({ min: 1, max: 50 }).map((l) => d(l)),
  });

  it('the liquidation notional lies in the bracket used, and there the balance equals the maintenance margin', () => {
    let prices = 0;
    fc.assert(
      fc.property(position, (p) => {
        let outcome: LiquidationOutcome;
        try {
          outcome = isolatedLiquidationPrice(p);
        } catch {
          return; // a leverage past the bracket maximum, a size past the last cap
        }
        if (p.side === 1) expect(outcome.kind).not.toBe('none'); // a COIN-M long always has one
        if (outcome.kind !== 'price') return;
        prices++;
        const margin = isolatedMargin(p);
        const balance = margin.plus(pnlAt(p.market.contract, p.side, p.quantity, p.entryPrice, outcome.price));
        const notional = notionalAt(p.market.contract, p.quantity, outcome.price);
        const maintenance = p.market.tiers.maintenanceMargin(notional);
        expect(balance.minus(maintenance).abs().lte(margin.times('1e-24'))).toBe(true);
      }),
      { numRuns: 500 },
    );
    expect(prices).toBeGreaterThan(100);
  });

  it('the liquidation price moves away from the entry as margin is added', () => {
    fc.assert(
      fc.property(position, fc.integer({ min: 1, max: 1000 }), (p, percent) => {
        let before: LiquidationOutcome;
        try {
          before = isolatedLiquidationPrice(p);
        } catch {
          return;
        }
        if (before.kind !== 'price') return;
        const added = isolatedMargin(p).times(percent).div(100);
        const after = isolatedLiquidationPrice({ ...p, addedMargin: added });
        if (after.kind === 'none') return expect(p.side).toBe(-1);
        expect(after.kind).toBe('price');
        const moved = p.side === 1 ? priceOf(after).lt(before.price) : priceOf(after).gt(before.price);
        expect(moved).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

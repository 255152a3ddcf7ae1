import {
  BracketTable,
  EngineError,
  bankruptcyPrice,
  distanceToLiquidation,
  initialMargin,
  isolatedLiquidationPrice,
  marginRatio,
  marginToAdd,
  maxLoss,
  returnOnEquity,
  unrealizedPnl,
  binanceUsdsMarket,
} from '../../src/engine';
import { BTC_2024, d, expectClose, expectPrice } from './helpers';

const btc = BTC_2024;
const q = d(1).div(6);

describe('position quantities', () => {
  it('initial margin, PnL, ROE', () => {
    expectClose(initialMargin({ entryPrice: d(60000), quantity: q, leverage: d(10), market: btc }), '1000');
    expectClose(unrealizedPnl({ side: 1, quantity: q, entryPrice: d(60000), price: d(54000), market: btc }), '-1000');
    expectClose(unrealizedPnl({ side: -1, quantity: q, entryPrice: d(60000), price: d(54000), market: btc }), '1000');
    expectClose(returnOnEquity({ pnl: d(-1000), margin: d(1000) }), '-1');
  });

  it('bankruptcy price EP − side·WB/Q', () => {
    expectClose(
      bankruptcyPrice({ side: 1, entryPrice: d(60000), quantity: q, marginBalance: d(1000), market: btc }) ?? d(0),
      '54000',
    );
    expectClose(
      bankruptcyPrice({ side: -1, entryPrice: d(60000), quantity: q, marginBalance: d(1000), market: btc }) ?? d(0),
      '66000',
    );
    expect(
      bankruptcyPrice({ side: 1, entryPrice: d(60000), quantity: q, marginBalance: d('10000.01'), market: btc }),
    ).toBeNull();
    expect(
      bankruptcyPrice({ side: 1, entryPrice: d(60000), quantity: d(1), marginBalance: d(60000), market: btc }),
    ).toBeNull();
  });

  it('margin ratio MM / margin balance', () => {
    expectClose(marginRatio({ maintenanceMargin: d(40), marginBalance: d(1000) }) ?? d(0), '0.04');
    expect(marginRatio({ maintenanceMargin: d(40), marginBalance: d(0) })).toBeNull();
    expect(marginRatio({ maintenanceMargin: d(40), marginBalance: d(-5) })).toBeNull();
  });

  it('distance to liquidation as a fraction of the price, positive on the safe side', () => {
    // The guide's framing: cross ≈ 50 % away, isolated ≈ 9.6 % away.
    expectClose(distanceToLiquidation({ side: 1, price: d(60000), liquidationPrice: d(54000) }), '0.1');
    expectClose(distanceToLiquidation({ side: -1, price: d(60000), liquidationPrice: d(66000) }), '0.1');
    const isolated = isolatedLiquidationPrice({
      side: 1,
      entryPrice: d(60000),
      quantity: q,
      leverage: d(10),
      market: btc,
    });
    if (isolated.kind !== 'price') throw new Error('expected a price');
    expectClose(
      distanceToLiquidation({ side: 1, price: d(60000), liquidationPrice: isolated.price }),
      d(1).minus(d('54216.8674698795180722891566265060241').div(60000)),
      '1e-15',
    );
  });
});

describe('maxLoss', () => {
  const base = {
    side: 1 as const,
    entryPrice: d(60000),
    quantity: q,
    leverage: d(10),
    walletBalance: d(5000),
    market: btc,
  };

  it('isolated loses its isolated margin; cross loses the whole balance', () => {
    const isolated = maxLoss({ ...base, mode: 'ISOLATED' });
    expect(isolated.cause).toBe('liquidation');
    expectClose(isolated.loss, '1000');
    const withAdded = maxLoss({ ...base, mode: 'ISOLATED', addedMargin: d(250) });
    expectClose(withAdded.loss, '1250');
    const cross = maxLoss({ ...base, mode: 'CROSS' });
    expect(cross.cause).toBe('liquidation');
    expectClose(cross.loss, '5000');
  });

  it('a stop hit before liquidation caps the loss at Q·|EP − stop|', () => {
    const stopped = maxLoss({ ...base, mode: 'CROSS', stopPrice: d(57000) });
    expect(stopped.cause).toBe('stop');
    expectClose(stopped.loss, '500');
    // Isolated liquidates at 54,216.87: a stop at 54,000 is never reached.
    const late = maxLoss({ ...base, mode: 'ISOLATED', stopPrice: d(54000) });
    expect(late.cause).toBe('liquidation');
    expectClose(late.loss, '1000');
    const short = maxLoss({ ...base, side: -1, mode: 'ISOLATED', stopPrice: d(63000) });
    expectClose(short.loss, '500');
  });

  it('a long that cannot be liquidated loses at most Q·EP', () => {
    const result = maxLoss({ ...base, mode: 'CROSS', leverage: d(1), walletBalance: d(20000) });
    expect(result.cause).toBe('unbounded');
    expectClose(result.loss, '10000');
  });

  it('refuses a stop on the wrong side, a balance too small, a leverage above the bracket maximum', () => {
    expect(() => maxLoss({ ...base, mode: 'CROSS', stopPrice: d(61000) })).toThrow(
      /^stop price: 61,000 is not a stop-loss for a long entered at 60,000; expected a price below the entry\.$/,
    );
    expect(() => maxLoss({ ...base, mode: 'ISOLATED', walletBalance: d(900) })).toThrow(
      /^wallet balance: 900 USDT is less than the 1,000 USDT of margin/,
    );
    expect(() => maxLoss({ ...base, mode: 'ISOLATED', leverage: d(150) })).toThrow(
      /^leverage: 150× is above the maximum of 125× that BTCUSDT allows for a position of 10,000 USDT \(bracket 1: /,
    );
  });

  it('a flat-rate position already below maintenance margin is an error naming the leverage', () => {
    const flat = binanceUsdsMarket(BracketTable.flatRate('0.02'));
    let error: unknown;
    try {
      maxLoss({ ...base, mode: 'ISOLATED', leverage: d(60), walletBalance: d(5000), market: flat });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(EngineError);
    expect((error as EngineError).code).toBe('belowMaintenance');
    expect((error as EngineError).message).toMatch(
      /^leverage: the position is already below its maintenance margin at 60,000/,
    );
  });
});

describe('marginToAdd', () => {
  const base = { side: 1 as const, entryPrice: d(60000), quantity: q, leverage: d(10), market: btc };

  it('adds exactly what moves the isolated liquidation price to the target', () => {
    // MM(Q·50,000) + Q·(60,000 − 50,000) − 1,000 = 8,333.33·0.004 + 1,666.67 − 1,000.
    const add = marginToAdd({ ...base, targetLiquidationPrice: d(50000) });
    expectClose(add, q.times(50000).times('0.004').plus(q.times(10000)).minus(1000));
    expectPrice(isolatedLiquidationPrice({ ...base, addedMargin: add }), '50000', '1e-25');
  });

  it('is 0 when the position already liquidates beyond the target', () => {
    expect(marginToAdd({ ...base, targetLiquidationPrice: d(55000) }).toNumber()).toBe(0);
  });

  it('works for shorts across a bracket boundary', () => {
    const short = { side: -1 as const, entryPrice: d(48000), quantity: d(1), leverage: d(5), market: btc };
    const add = marginToAdd({ ...short, targetLiquidationPrice: d(70000) });
    expectPrice(isolatedLiquidationPrice({ ...short, addedMargin: add }), '70000', '1e-25');
  });

  it('refuses a target on the profit side', () => {
    expect(() => marginToAdd({ ...base, targetLiquidationPrice: d(65000) })).toThrow(
      /^target liquidation price: 65,000 is not on the losing side of a long entered at 60,000; expected a price below/,
    );
  });
});

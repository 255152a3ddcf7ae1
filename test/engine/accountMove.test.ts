import fc from 'fast-check';
import {
  type AccountPosition,
  BracketTable,
  type DecValue,
  type Side,
  accountLiquidationMoves,
  accountUnderMoves,
  binanceUsdsMarket,
  crossLiquidationPrice,
  stressAccount,
} from '../../src/engine';
import { snapshotMarket } from '../../src/data/symbols';
import { d, expectClose } from './helpers';

// The whole account under one market move (functions.md, "The whole account"), hand-computed.

/** A one-bracket market of a symbol: 0.5 % maintenance, no maintenance amount, 125× up to 10 M. */
const flat = (symbol: string) =>
  binanceUsdsMarket(BracketTable.fromRows([[0, 10_000_000, '0.005', 0, 125]], symbol), symbol);
const BTC = flat('BTCUSDT');
const ETH = flat('ETHUSDT');
const SOL = flat('SOLUSDT');

const position = (
  market: ReturnType<typeof flat>,
  side: Side,
  quantity: DecValue,
  price: DecValue,
  mode: 'CROSS' | 'ISOLATED' = 'CROSS',
  extra: Partial<AccountPosition> = {},
): AccountPosition => ({
  side,
  quantity: d(quantity),
  entryPrice: d(price),
  markPrice: d(price),
  market,
  group: market.symbol,
  mode,
  ...extra,
});

/** A row of the properties' random accounts: a position of its own, at a mark `move` % from its entry. */
interface RandomRow {
  readonly market: ReturnType<typeof snapshotMarket>;
  readonly side: Side;
  readonly notional: number;
  readonly beta: number;
  readonly move?: number;
  readonly mode?: 'CROSS' | 'ISOLATED';
  readonly margin?: ReturnType<typeof d>;
}

/** An account of random rows (each a group of its own) with a wallet of `percent` % of their notional. */
function randomAccount(rows: readonly RandomRow[], percent: number) {
  const positions = rows.map((r, i) => {
    const price = { BTCUSDT: 60000, ETHUSDT: 3000, SOLUSDT: 150 }[r.market.symbol!]!;
    return {
      side: r.side,
      quantity: d(r.notional).div(price),
      entryPrice: d(price),
      markPrice: d(price)
        .times(100 + (r.move ?? 0))
        .div(100),
      market: r.market,
      group: `${r.market.symbol}-${i}`,
      mode: r.mode ?? ('CROSS' as const),
      isolatedMargin: r.margin,
      beta: d(r.beta),
    };
  });
  const total = rows.reduce((sum, r) => sum + r.notional, 0);
  return { positions, walletBalance: d(total).times(percent).div(100) };
}

describe('the whole account: a market move', () => {
  it("the guide's scenario: 5,000 USDT cross with a 10,000 USDT BTC long at 60,000 falls 30,120.48…/60,000 − 1", () => {
    const market = snapshotMarket('BTCUSDT');
    const long = { ...position(BTC, 1, d(10000).div(60000), 60000), market };
    const account = { positions: [long], walletBalance: d(5000) };
    const cross = crossLiquidationPrice({
      side: 1,
      entryPrice: d(60000),
      quantity: long.quantity,
      walletBalance: d(5000),
      market,
    });
    if (cross.kind !== 'price') throw new Error('expected a price');
    const { fall, rise } = accountLiquidationMoves(account);
    expectClose(fall!, cross.price.div(60000).minus(1), '1e-30');
    expectClose(cross.price, d(5000).times(6).div('0.996'), '1e-25');
    expect(rise).toBeNull();
    // Fed back: liquidated exactly there, safe just before.
    expect(stressAccount(account, fall!).cross).toBe('LIQUIDATED');
    expect(stressAccount(account, fall!.times('0.999999999')).cross).toBe('SAFE');
    expect(stressAccount(account, fall!).equity.isZero()).toBe(true);
  });

  it('an all-long book: one asset falling alone is carried by cross, and liquidates that position in isolated', () => {
    // 1 BTC at 60,000, 10 ETH at 3,000, 100 SOL at 150: 105,000 USDT; isolated at 10× holds 6,000 + 3,000 + 1,500.
    const rows = (mode: 'CROSS' | 'ISOLATED', betas: [number, number, number]) =>
      [position(BTC, 1, 1, 60000, mode), position(ETH, 1, 10, 3000, mode), position(SOL, 1, 100, 150, mode)].map(
        (p, i) => ({ ...p, beta: d(betas[i]), isolatedMargin: p.entryPrice.times(p.quantity).div(10) }),
      );
    // BTC alone falls 20 %: cross loses 12,000 of its 30,000; the isolated BTC (liquidated near -9.6 %) loses 6,000.
    const cross = stressAccount({ positions: rows('CROSS', [1, 0, 0]), walletBalance: d(30000) }, d('-0.2'));
    expect(cross.cross).toBe('SAFE');
    expectClose(cross.equity, d(30000 - 12000), '1e-25');
    expectClose(cross.change, d(-12000), '1e-25');
    const isolated = stressAccount({ positions: rows('ISOLATED', [1, 0, 0]), walletBalance: d(19500) }, d('-0.2'));
    expect(isolated.cross).toBe('NONE');
    expect(isolated.isolatedLiquidated).toBe(1);
    // The rest of the wallet, and the two margins untouched.
    expectClose(isolated.equity, d(19500 + 3000 + 1500), '1e-25');
    // A common fall of 30 %: cross is liquidated as a whole; isolated loses only the three margins.
    const all = stressAccount({ positions: rows('CROSS', [1, 1, 1]), walletBalance: d(30000) }, d('-0.3'));
    expect(all.cross).toBe('LIQUIDATED');
    expect(all.equity.isZero()).toBe(true);
    const apart = stressAccount({ positions: rows('ISOLATED', [1, 1, 1]), walletBalance: d(19500) }, d('-0.3'));
    expect(apart.isolatedLiquidated).toBe(3);
    expectClose(apart.equity, d(19500), '1e-25');
    // The cross account's move, by hand: 30,000 + 105,000·m − 0.5 %·105,000·(1 + m) = 0.
    const { fall } = accountLiquidationMoves({ positions: rows('CROSS', [1, 1, 1]), walletBalance: d(30000) });
    expectClose(fall!, d(-29475).div(104475), '1e-30');
  });

  it('a hedge pair that cross carries through ±30 % while its isolated legs are liquidated', () => {
    const legs = (mode: 'CROSS' | 'ISOLATED') => [
      { ...position(BTC, 1, 1, 60000, mode), isolatedMargin: d(6000) },
      { ...position(BTC, -1, 1, 60000, mode), isolatedMargin: d(6000) },
    ];
    for (const move of ['-0.3', '0.3']) {
      const cross = stressAccount({ positions: legs('CROSS'), walletBalance: d(12000) }, d(move));
      expect(cross.cross).toBe('SAFE');
      expectClose(cross.equity, d(12000), '1e-25'); // the legs' PnL cancel
      const isolated = stressAccount({ positions: legs('ISOLATED'), walletBalance: d(0) }, d(move));
      expect(isolated.isolatedLiquidated).toBe(1);
      expectClose(isolated.equity, d(6000 + 18000), '1e-25'); // the winning leg's margin and gain
    }
    // 12,000 − 0.5 %·60,000·((1 + m) + (1 + m)) = 0 only at m = 19: no fall, and a rise of 1,900 %.
    const { fall, rise } = accountLiquidationMoves({ positions: legs('CROSS'), walletBalance: d(12000) });
    expect(fall).toBeNull();
    expectClose(rise!, d(19), '1e-28');
  });

  it('mixed modes: an isolated row liquidated while the cross account is safe, and the reverse', () => {
    const positions = [
      position(BTC, 1, 1, 60000, 'CROSS'),
      { ...position(ETH, 1, 10, 3000, 'ISOLATED'), isolatedMargin: d(300) }, // 100×: liquidated after ~0.5 %
    ];
    const small = stressAccount({ positions, walletBalance: d(30000) }, d('-0.05'));
    expect(small).toMatchObject({ cross: 'SAFE', isolatedLiquidated: 1 });
    // A thin cross wallet is liquidated by a fall a well-margined isolated row survives.
    const reverse = [
      position(BTC, 1, 1, 60000, 'CROSS'),
      { ...position(ETH, 1, 10, 3000, 'ISOLATED'), isolatedMargin: d(30000) },
    ];
    const thin = stressAccount({ positions: reverse, walletBalance: d(2000) }, d('-0.05'));
    expect(thin).toMatchObject({ cross: 'LIQUIDATED', isolatedLiquidated: 0 });
    expectClose(thin.equity, d(30000 - 1500), '1e-25');
  });

  it('a long whose wallet covers the fall to zero is never liquidated (its root is the price 0: NONE)', () => {
    const long = { ...position(BTC, 1, d(1000).div(60000), 60000), beta: d('0.5') };
    expect(accountLiquidationMoves({ positions: [long], walletBalance: d(1000) })).toEqual({ fall: null, rise: null });
    expect(accountLiquidationMoves({ positions: [long], walletBalance: d(999) }).fall!.gt(-2)).toBe(true);
  });

  it('a root past the last bracket edge, where the terms run into billions, is still liquidated there', () => {
    // A regression: a rise of about 1,074× (107,400 %), found on the line beyond the last edge.
    const market = snapshotMarket('BTCUSDT');
    const rows: [Side, number, number, number][] = [
      [1, 4558184, 5, 0.5],
      [-1, 2179844, 10, 1],
      [1, 1291140, -5, 2],
      [1, 1000, 0, 0],
    ];
    const positions = rows.map(([side, notional, drift, beta], i) => ({
      ...position(BTC, side, d(notional).div(60000), 60000),
      market,
      markPrice: d(60000)
        .times(100 + drift)
        .div(100),
      group: `BTCUSDT-${i}`,
      beta: d(beta),
    }));
    const account = { positions, walletBalance: d(8030168).times(2).div(100) };
    const { rise } = accountLiquidationMoves(account);
    expect(rise!.gt(1073) && rise!.lt(1074)).toBe(true);
    expect(stressAccount(account, rise!).cross).toBe('LIQUIDATED');
    expect(stressAccount(account, rise!.times('0.999999')).cross).toBe('SAFE');
  });

  it('refuses what it cannot compute, saying why', () => {
    const long = position(BTC, 1, 1, 60000);
    expect(() => stressAccount({ positions: [long], walletBalance: d(1000) }, d(-1))).toThrow(
      /move: -1 takes the price of position 1 \(beta 1\) to 0 or below/,
    );
    expect(() => accountLiquidationMoves({ positions: [long], walletBalance: d(100) })).toThrow(
      /already at or below its maintenance margin at the marks/,
    );
    expect(() =>
      stressAccount({ positions: [position(BTC, 1, 1, 60000, 'ISOLATED')], walletBalance: d(0) }, d(0)),
    ).toThrow(/isolated margin \(position 1\) is blank/);
    expect(() =>
      stressAccount(
        { positions: [{ ...position(BTC, 1, 1, 60000), market: snapshotMarket('BTCUSD_PERP') }], walletBalance: d(1) },
        d(0),
      ),
    ).toThrow(/COIN-M market; the account's moves are computed for USDS-M accounts only/);
    expect(() =>
      stressAccount(
        { positions: [position(BTC, 1, 1, 60000), position(BTC, -1, 1, 60000, 'ISOLATED')], walletBalance: d(1) },
        d(0),
      ),
    ).toThrow(/Binance sets the margin mode per symbol/);
  });

  it('property: equity is continuous in the move except where something is liquidated', () => {
    const markets = ['BTCUSDT', 'ETHUSDT', 'SOLUSDT'].map((s) => snapshotMarket(s));
    const row = fc.record({
      market: fc.constantFrom(...markets),
      side: fc.constantFrom<Side>(1, -1),
      notional: fc.integer({ min: 1000, max: 2_000_000 }),
      isolated: fc.boolean(),
      leverage: fc.integer({ min: 2, max: 50 }),
      beta: fc.constantFrom(0, 0.5, 1, 1.5),
    });
    fc.assert(
      fc.property(
        fc.array(row, { minLength: 1, maxLength: 5 }),
        fc.integer({ min: 5, max: 100 }),
        fc.integer({ min: -60, max: 60 }),
        (rows, percent, at) => {
          const account = randomAccount(
            rows.map((r) => ({ ...r, mode: r.isolated ? 'ISOLATED' : 'CROSS', margin: d(r.notional).div(r.leverage) })),
            percent,
          );
          const { positions } = account;
          let stress;
          try {
            stress = accountUnderMoves(account);
          } catch {
            return; // below maintenance at the marks
          }
          // Equity moves with the PnL alone while nothing is liquidated: at most Σ q·mark·β per unit of move.
          const slope = positions.reduce((sum, p) => sum.plus(p.quantity.times(p.markPrice).times(p.beta)), d(0));
          const move = d(at).div(100);
          const step = d('1e-9');
          const [before, after] = [stress(move), stress(move.plus(step))];
          if (before.cross === after.cross && before.isolatedLiquidated === after.isolatedLiquidated)
            expect(after.equity.minus(before.equity).abs().lte(slope.times(step).times('1.000001'))).toBe(true);
          // Where something is liquidated, equity can only jump down.
          else expect(after.equity.lte(before.equity.plus(slope.times(step)))).toBe(true);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('properties: the move fed back liquidates exactly there and not before; an all-long book is monotone', () => {
    const markets = ['BTCUSDT', 'ETHUSDT', 'SOLUSDT'].map((s) => snapshotMarket(s));
    const row = fc.record({
      market: fc.constantFrom(...markets),
      side: fc.constantFrom<Side>(1, -1),
      notional: fc.integer({ min: 1000, max: 5_000_000 }),
      move: fc.integer({ min: -20, max: 20 }),
      beta: fc.constantFrom(0, 0.5, 1, 2),
    });
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 5 }), fc.integer({ min: 1, max: 100 }), (rows, percent) => {
        const account = randomAccount(rows, percent);
        const { positions } = account;
        let moves;
        try {
          moves = accountLiquidationMoves(account);
        } catch {
          return; // below maintenance at the marks
        }
        for (const move of [moves.fall, moves.rise]) {
          if (move === null) continue;
          expect(stressAccount(account, move).cross).toBe('LIQUIDATED');
          expect(stressAccount(account, move.times('0.999999')).cross).toBe('SAFE');
        }
        if (rows.every((r) => r.side === 1 && r.beta > 0) && moves.fall !== null) {
          for (const k of [1.01, 1.2, 1.5]) {
            const further = moves.fall.times(k);
            const reachable = positions.every((p) => d(1).plus(p.beta.times(further)).gt(0));
            if (reachable) expect(stressAccount(account, further).cross).toBe('LIQUIDATED');
          }
          expect(moves.rise).toBeNull();
        }
      }),
      { numRuns: 300 },
    );
  });
});

import {
  BracketTable,
  EngineError,
  crossLiquidationPrice,
  hedgeLiquidationPrices,
  isolatedLiquidationPrice,
  portfolioLiquidationPrices,
  binanceUsdsMarket,
} from '../../src/engine';
import { BTC_2024, ETH_2024, d, expectClose, expectPrice } from './helpers';

// BTCUSDT (2024-10-24): [0, 50k) 0.4 % cum 0 · [50k, 600k) 0.5 % cum 50 · [600k, 3M) 0.65 % cum 950 …
const btc = BTC_2024;

describe('bracket at the liquidation notional, not at the entry notional', () => {
  it('a long entered in bracket 2 (55,000 notional) liquidates in bracket 1', () => {
    // Bracket 1: (11,000 − 55,000)/(0.004 − 1) = 44,000/0.996 = 44,176.70…, notional 44,176 < 50,000 ✓.
    // The entry-bracket shortcut would say (11,000 + 50 − 55,000)/(0.005 − 1) = 44,170.85…: wrong.
    const outcome = isolatedLiquidationPrice({
      side: 1,
      entryPrice: d(55000),
      quantity: d(1),
      leverage: d(5),
      market: btc,
    });
    expectPrice(outcome, d(44000).div('0.996').toString());
    expectPrice(outcome, '44176.70682730923694779116465863454');
  });

  it('a 10 BTC long entered in bracket 3 (700,000 notional) liquidates two brackets lower', () => {
    // Margin 350,000 at 2×. Bracket 2: (350,000 + 50 − 700,000)/(10·0.005 − 10) = 349,950/9.95 = 35,170.85…,
    // notional 351,708 in [50k, 600k) ✓ (bracket 3 would give a notional below its floor).
    const outcome = isolatedLiquidationPrice({
      side: 1,
      entryPrice: d(70000),
      quantity: d(10),
      leverage: d(2),
      market: btc,
    });
    expectPrice(outcome, d(349950).div('9.95').toString());
  });

  it('a short entered in bracket 1 (48,000 notional) liquidates in bracket 2', () => {
    // Bracket 1 would give (9,600 + 48,000)/1.004 = 57,370.5, notional above 50,000: not consistent.
    // Bracket 2: (9,600 + 50 + 48,000)/(0.005 + 1) = 57,650/1.005 = 57,363.18… ✓.
    const outcome = isolatedLiquidationPrice({
      side: -1,
      entryPrice: d(48000),
      quantity: d(1),
      leverage: d(5),
      market: btc,
    });
    expectPrice(outcome, '57363.18407960199004975124378109453');
  });

  it('a liquidation notional exactly on a boundary gives the same price from either bracket', () => {
    // Long 1 BTC at 60,000, cross: choose WB so that LP = 50,000 exactly: WB = MM(50,000) − (50,000 − 60,000) = 200 +
    // 10,000.
    const outcome = crossLiquidationPrice({
      side: 1,
      entryPrice: d(60000),
      quantity: d(1),
      walletBalance: d(10200),
      market: btc,
    });
    expectPrice(outcome, '50000');
  });

  it('a long whose margin covers a fall to zero cannot be liquidated', () => {
    const outcome = crossLiquidationPrice({
      side: 1,
      entryPrice: d(60000),
      quantity: d(1),
      walletBalance: d(60000),
      market: btc,
    });
    expect(outcome).toEqual({ kind: 'none' });
    // Exactly at the edge: LP = 0 is also "cannot be liquidated".
    expect(
      crossLiquidationPrice({
        side: 1,
        entryPrice: d(60000),
        quantity: d(1),
        walletBalance: d(60000),
        market: binanceUsdsMarket(BracketTable.flatRate(0)),
      }),
    ).toEqual({ kind: 'none' });
  });

  it('an account already below maintenance margin at the entry price is reported as such', () => {
    const outcome = crossLiquidationPrice({
      side: 1,
      entryPrice: d(60000),
      quantity: d(1),
      walletBalance: d(100),
      market: btc,
    });
    expect(outcome.kind).toBe('belowMaintenance');
    if (outcome.kind === 'belowMaintenance') {
      expectClose(outcome.marginBalance, '100');
      expectClose(outcome.maintenanceMargin, '250'); // 60,000·0.005 − 50
    }
  });
});

describe('hedge mode', () => {
  it('equal long and short at one entry: only a rise liquidates, at 110,000', () => {
    // f(P) = 1,000 − 2·MM(P); bracket 2: 1,000 − 2·(0.005P − 50) = 0 → P = 110,000 (notional in [50k, 600k) ✓).
    const outcome = hedgeLiquidationPrices({
      longQuantity: d(1),
      longEntryPrice: d(60000),
      shortQuantity: d(1),
      shortEntryPrice: d(60000),
      walletBalance: d(1000),
      market: btc,
    });
    expect(outcome.fall).toEqual({ kind: 'none' });
    expectPrice(outcome.rise, '110000');
  });

  it('equal sides at different entries lock in the spread: 2,500 − 2·MM(P) = 0 → 260,000', () => {
    const outcome = hedgeLiquidationPrices({
      longQuantity: d(1),
      longEntryPrice: d(60000),
      shortQuantity: d(1),
      shortEntryPrice: d(62000),
      walletBalance: d(500),
      market: btc,
    });
    expect(outcome.fall).toEqual({ kind: 'none' });
    expectPrice(outcome.rise, '260000');
  });

  it('2 long vs 1 short: falls to 54,900/0.985, and rises only past the table to where 0.5·QL < 1.5·QS', () => {
    // f(P) = 5,000 + (P − 60,000) − MM(2P) − MM(P); both in bracket 2: 0.985P − 54,900 = 0.
    const outcome = hedgeLiquidationPrices({
      longQuantity: d(2),
      longEntryPrice: d(60000),
      shortQuantity: d(1),
      shortEntryPrice: d(60000),
      walletBalance: d(5000),
      market: btc,
    });
    expectPrice(outcome.fall, d(54900).div('0.985').toString());
    // In the last brackets the slope 2·(1 − 0.5) − (1 + mmr) turns negative: a rise root exists at a huge price.
    expect(outcome.rise.kind).toBe('price');
  });

  it('4 long vs 1 short never liquidates on a rise (slope 4·0.5 − 1.5 > 0 even in the last bracket)', () => {
    const outcome = hedgeLiquidationPrices({
      longQuantity: d(4),
      longEntryPrice: d(60000),
      shortQuantity: d(1),
      shortEntryPrice: d(60000),
      walletBalance: d(20000),
      market: btc,
    });
    expect(outcome.fall.kind).toBe('price');
    expect(outcome.rise).toEqual({ kind: 'none' });
  });

  it('a flat piece: QL/QS = (1 + mmr_s)/(1 − mmr_l) makes the denominator zero without breaking the solver', () => {
    // Flat 0.5 % rate: QL = 1.005·k, QS = 0.995·k gives slope QL − QS − 0.005·(QL + QS) = 0.
    const flat = binanceUsdsMarket(BracketTable.flatRate('0.005'));
    const safe = hedgeLiquidationPrices({
      longQuantity: d('1.005'),
      longEntryPrice: d(100),
      shortQuantity: d('0.995'),
      shortEntryPrice: d(100),
      walletBalance: d(10),
      market: flat,
    });
    // f(P) = 10 − 1.005·100 + 0.995·100 = 9 for every P: never liquidated.
    expect(safe).toEqual({ fall: { kind: 'none' }, rise: { kind: 'none' } });
    const plateau = hedgeLiquidationPrices({
      longQuantity: d('1.005'),
      longEntryPrice: d(100),
      shortQuantity: d('0.995'),
      shortEntryPrice: d(100),
      walletBalance: d(1),
      market: flat,
    });
    // f(P) = 1 − 1 = 0 everywhere: on the edge at every price; the safe set is all of [0, ∞).
    expect(plateau).toEqual({ fall: { kind: 'none' }, rise: { kind: 'none' } });
    const doomed = hedgeLiquidationPrices({
      longQuantity: d('1.005'),
      longEntryPrice: d(100),
      shortQuantity: d('0.995'),
      shortEntryPrice: d(100),
      walletBalance: d('0.5'),
      market: flat,
    });
    expect(doomed.fall.kind).toBe('belowMaintenance');
    expect(doomed.rise.kind).toBe('belowMaintenance');
  });

  it('a flat piece between two sloped ones: the safe set is exactly the plateau', () => {
    // Brackets 0.5 % then 1.5 % at 1,000: with QL = 1.005, QS = 0.995 the first piece is flat.
    const table = binanceUsdsMarket(
      BracketTable.fromRows(
        [
          [0, 1000, 0.005, 0, 100],
          [1000, 1e9, 0.015, 10, 50],
        ],
        'two-tier',
      ),
    );
    // f = WB − 1.005·100 + 0.995·100 (first piece, flat) = WB − 1 → with WB = 1, f = 0 on P ∈ [0, 1000/1.005].
    const outcome = hedgeLiquidationPrices({
      longQuantity: d('1.005'),
      longEntryPrice: d(100),
      shortQuantity: d('0.995'),
      shortEntryPrice: d(100),
      walletBalance: d(1),
      market: table,
    });
    expect(outcome.fall).toEqual({ kind: 'none' });
    expectPrice(outcome.rise, d(1000).div('1.005').toString());
  });

  it('both sides empty is an error', () => {
    expect(() =>
      hedgeLiquidationPrices({
        longQuantity: d(0),
        longEntryPrice: d(1),
        shortQuantity: d(0),
        shortEntryPrice: d(1),
        walletBalance: d(1),
        market: btc,
      }),
    ).toThrow(EngineError);
  });
});

describe('three-position cross', () => {
  it('each price holds the other two at their marks', () => {
    // Flat 1 % on all three so the arithmetic can be done by hand. Wallet 10,000.
    // A: long 1 @ 100 (mark 110): MM 1.1, PnL +10.   B: short 2 @ 50 (mark 40): MM 0.8, PnL +20.
    // C: long 10 @ 20 (mark 18): MM 1.8, PnL −20.
    // LP_A = (10,000 − (0.8 + 1.8) + (20 − 20) − 100)/(0.01 − 1) < 0 → NONE.
    // LP_B = (10,000 − 2.9 + (10 − 20) + 2·50)/(2·0.01 + 2) = 10,087.1/2.02.
    // LP_C = (10,000 − 1.9 + (10 + 20) − 10·20)/(10·0.01 − 10) < 0 → NONE; with wallet 150 instead:
    //   (150 − 1.9 + 30 − 200)/(0.1 − 10) = −21.9/−9.9 = 2.2121….
    const flat = binanceUsdsMarket(BracketTable.flatRate('0.01'));
    const positions = [
      { side: 1 as const, quantity: d(1), entryPrice: d(100), markPrice: d(110), market: flat },
      { side: -1 as const, quantity: d(2), entryPrice: d(50), markPrice: d(40), market: flat },
      { side: 1 as const, quantity: d(10), entryPrice: d(20), markPrice: d(18), market: flat },
    ];
    const [a, b, c] = portfolioLiquidationPrices(positions, d(10000));
    expect(a).toEqual({ kind: 'none' });
    expectPrice(b, d('10087.1').div('2.02').toString());
    expect(c).toEqual({ kind: 'none' });
    const low = portfolioLiquidationPrices(positions, d(150));
    expectPrice(low[2], d('21.9').div('9.9').toString());
    // A with wallet 150: (150 − 2.6 + 0 − 100)/(0.01 − 1) < 0 → NONE; B: (150 − 2.9 − 10 + 100)/2.02.
    expect(low[0]).toEqual({ kind: 'none' });
    expectPrice(low[1], d('237.1').div('2.02').toString());
  });

  it('mixes symbols: each position uses its own table', () => {
    const eth = ETH_2024;
    const [btcOutcome, ethOutcome] = portfolioLiquidationPrices(
      [
        { side: 1, quantity: d(1), entryPrice: d(60000), markPrice: d(60000), market: btc },
        { side: -1, quantity: d(10), entryPrice: d(3000), markPrice: d(3000), market: eth },
      ],
      d(20000),
    );
    // BTC: others' MM = 30,000·0.004 = 120 (ETH bracket 1), PnL 0. Entry notional 60,000 is bracket 2, but
    // (20,000 − 120 − 60,000)/(0.004 − 1) = 40,120/0.996 = 40,281.12… has notional < 50,000: bracket 1 ✓.
    expectPrice(btcOutcome, d(40120).div('0.996').toString());
    // ETH: others' MM = 60,000·0.005 − 50 = 250 → (20,000 − 250 + cum + 30,000)/(10·mmr + 10) at the liquidation
    // notional.
    // Notional ≈ 49,500 → bracket 1 (0.4 %, cum 0): 49,750/10.04 = 4,955.17…, notional 49,551 < 50,000 ✓.
    expectPrice(ethOutcome, d(49750).div('10.04').toString());
  });
});

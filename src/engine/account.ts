import { notionalAt, pnlAt, priceOfNotional } from './contract';
import type { Market } from './market';
import { Dec, ZERO, formatAmount } from './decimal';
import { invalidValue } from './errors';
import { type LiquidationOutcome, belowMaintenanceAt, isBeyond, oneWayOutcome, priceOutcome } from './liquidation';
import type { Side } from './side';
import { type Leg, type MarginEquation, solveSafeInterval } from './solver';
import { requireNonNegative, requirePositive } from './validate';

/** One position of a cross account, valued at its mark price. */
export interface PortfolioPosition {
  readonly side: Side;
  readonly quantity: Dec;
  readonly entryPrice: Dec;
  readonly markPrice: Dec;
  readonly market: Market;
  /**
   * What the position trades (a symbol). Positions of one group move with one price: the same side
   * in several entries is one position filled in parts, opposite sides are a hedge-mode pair.
   * Without a group, the position moves on its own.
   */
  readonly group?: string | null;
  /** How messages name the position ("row 3"); default "position N". */
  readonly label?: string;
}

/** Maintenance margin and unrealized PnL at the mark price. */
export interface AtMark {
  readonly maintenanceMargin: Dec;
  readonly unrealizedPnl: Dec;
}

/** Validates one position's own numbers (each a positive amount). */
export function checkPortfolioPosition(position: PortfolioPosition): void {
  requirePositive('entryPrice', position.entryPrice);
  requirePositive('quantity', position.quantity);
  requirePositive('markPrice', position.markPrice);
  const { contract, tiers } = position.market;
  tiers.requireOpenable(notionalAt(contract, position.quantity, position.entryPrice), 'quantity');
}

/** One position's maintenance margin and unrealized PnL at its mark price. */
export function positionAtMark(position: PortfolioPosition): AtMark {
  const { side, quantity, entryPrice, markPrice, market } = position;
  return {
    maintenanceMargin: market.tiers.maintenanceMargin(notionalAt(market.contract, quantity, markPrice)),
    unrealizedPnl: pnlAt(market.contract, side, quantity, entryPrice, markPrice),
  };
}

/** One side of a market, its entries combined: Σq, Σ notional at entry, and the entry price of that notional. */
interface CombinedLeg extends Leg {
  readonly entryNotional: Dec;
}

/** The positions of one group (symbol): at most one combined long and one combined short. */
export interface Group {
  readonly market: Market;
  readonly markPrice: Dec;
  readonly legs: CombinedLeg[];
  readonly atMark: AtMark;
}

export function labelOf(position: PortfolioPosition, index: number): string {
  return position.label ?? `position ${index + 1}`;
}

/**
 * Groups positions (see `PortfolioPosition.group`) and values each group at its mark. Every position
 * must already have passed `checkPortfolioPosition`. Returns the groups and, per position, the index
 * of its group.
 */
export function groupMarkets(positions: readonly PortfolioPosition[]): { markets: Group[]; marketOf: number[] } {
  const byKey = new Map<string, number>();
  const members: number[][] = [];
  const marketOf = positions.map((position, i) => {
    const key = position.group;
    if (key === undefined || key === null) {
      members.push([i]);
      return members.length - 1;
    }
    let m = byKey.get(key);
    if (m === undefined) {
      m = members.length;
      byKey.set(key, m);
      members.push([]);
    }
    members[m].push(i);
    return m;
  });
  const markets = members.map((indexes) => {
    const first = positions[indexes[0]];
    for (const i of indexes) {
      const other = positions[i];
      if (!other.markPrice.eq(first.markPrice)) {
        throw invalidValue(
          'markPrice',
          other.markPrice.toString(),
          (w) =>
            `${w.name}: ${labelOf(first, indexes[0])} and ${labelOf(other, i)} are ` +
            `both ${first.group} but have different mark prices ` +
            `(${formatAmount(first.markPrice)} and ` +
            `${formatAmount(other.markPrice)}); one symbol has one mark price.`,
        );
      }
    }
    const { contract, tiers } = first.market;
    const legs: CombinedLeg[] = [];
    let pnl = ZERO;
    for (const side of [1, -1] as const) {
      const entries = indexes.map((i) => positions[i]).filter((p) => p.side === side);
      if (entries.length === 0) continue;
      let quantity = ZERO;
      let entryNotional = ZERO;
      for (const entry of entries) {
        quantity = quantity.plus(entry.quantity);
        entryNotional = entryNotional.plus(notionalAt(contract, entry.quantity, entry.entryPrice));
        pnl = pnl.plus(pnlAt(contract, side, entry.quantity, entry.entryPrice, first.markPrice));
      }
      // Only the opening notional is capped: the combined position must have been openable.
      tiers.requireOpenable(entryNotional, 'quantity');
      const entryPrice =
        entries.length === 1 ? entries[0].entryPrice : priceOfNotional(contract, quantity, entryNotional);
      legs.push({ side, quantity, entryPrice, entryNotional });
    }
    let maintenanceMargin = ZERO;
    for (const leg of legs)
      maintenanceMargin = maintenanceMargin.plus(
        tiers.maintenanceMargin(notionalAt(contract, leg.quantity, first.markPrice)),
      );
    return {
      market: first.market,
      markPrice: first.markPrice,
      legs,
      atMark: { maintenanceMargin, unrealizedPnl: pnl },
    };
  });
  return { markets, marketOf };
}

export function requirePositions(positions: readonly PortfolioPosition[]): void {
  if (positions.length === 0) {
    throw invalidValue(
      'side',
      '',
      (w) => `${w.name}: no position given; expected at least one row of side, entry price, quantity and mark price.`,
    );
  }
  positions.forEach(checkPortfolioPosition);
  const asset = positions[0].market.contract.marginAsset;
  const other = positions.findIndex((p) => p.market.contract.marginAsset !== asset);
  if (other >= 0) {
    throw invalidValue(
      'market',
      positions[other].market.label,
      (w) =>
        `${w.name}: ${labelOf(positions[0], 0)} (${positions[0].market.label}) is margined in ${asset} but ` +
        `${labelOf(positions[other], other)} (${positions[other].market.label}) in ` +
        `${positions[other].market.contract.marginAsset}; on Binance each margin asset is a wallet of its own. ` +
        `Expected one account's positions, all in one margin asset.`,
    );
  }
}

/** The whole account at its mark prices: Σ maintenance margin and Σ unrealized PnL (markets combined as above). */
export function accountAtMark(positions: readonly PortfolioPosition[]): AtMark {
  requirePositions(positions);
  return totalAtMark(groupMarkets(positions).markets);
}

function totalAtMark(markets: readonly Group[]): AtMark {
  let maintenanceMargin = ZERO;
  let pnl = ZERO;
  for (const market of markets) {
    maintenanceMargin = maintenanceMargin.plus(market.atMark.maintenanceMargin);
    pnl = pnl.plus(market.atMark.unrealizedPnl);
  }
  return { maintenanceMargin, unrealizedPnl: pnl };
}

/**
 * Multi-position cross margin: each position's liquidation price with every other market held
 * at its mark price (their maintenance margin is `TMM1`, their PnL `UPNL1`).
 * - A market with one side (one entry or several, combined) is solved as in one-way mode; the
 *   already-below-maintenance check is made at its mark price.
 * - A hedge-mode pair (both sides of one market) is solved together, as `hedgeLiquidationPrices`
 *   does: its LONG positions get the falling end, its SHORT positions the rising end.
 */
export function portfolioLiquidationPrices(
  positions: readonly PortfolioPosition[],
  walletBalance: Dec,
): LiquidationOutcome[] {
  requireNonNegative('walletBalance', walletBalance);
  requirePositions(positions);
  const { markets, marketOf } = groupMarkets(positions);
  const { maintenanceMargin: totalMaintenance, unrealizedPnl: totalPnl } = totalAtMark(markets);
  const outcomes = markets.map((market) => {
    const constant = walletBalance
      .minus(totalMaintenance.minus(market.atMark.maintenanceMargin))
      .plus(totalPnl.minus(market.atMark.unrealizedPnl));
    if (market.legs.length === 1) {
      const outcome = oneWayOutcome(constant, market.legs[0], market.market, market.markPrice);
      return { fall: outcome, rise: outcome };
    }
    const eq: MarginEquation = { constant, legs: market.legs, market: market.market };
    const interval = solveSafeInterval(eq);
    const mark = market.markPrice;
    if (
      interval.kind === 'empty' ||
      (interval.fall !== null && isBeyond(1, interval.fall, mark)) ||
      (interval.rise !== null && isBeyond(-1, interval.rise, mark))
    ) {
      const outcome = belowMaintenanceAt(eq, mark);
      return { fall: outcome, rise: outcome };
    }
    return { fall: priceOutcome(interval.fall), rise: priceOutcome(interval.rise) };
  });
  return positions.map((position, i) => {
    const outcome = outcomes[marketOf[i]];
    return position.side === 1 ? outcome.fall : outcome.rise;
  });
}

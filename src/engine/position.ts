import type { Market } from './market';
import { Dec, ZERO, formatAmount } from './decimal';
import { EngineError, type Field, invalidValue } from './errors';
import {
  crossLiquidationPrice,
  initialMargin,
  isolatedLiquidationPrice,
  isolatedMargin,
  type LiquidationOutcome,
} from './liquidation';
import type { Side } from './side';
import { fallsShortOf } from './tolerance';
import { formatPair, requireLeverage, requireNonNegative, requirePositive, requireStopOnLosingSide } from './validate';

/** A position valued at a price. */
export interface PositionAt {
  readonly side: Side;
  readonly quantity: Dec;
  readonly entryPrice: Dec;
  readonly price: Dec;
}

/** Unrealized PnL `side·Q·(P − EP)`. */
export function unrealizedPnl({ side, quantity, entryPrice, price }: PositionAt): Dec {
  const pnl = quantity.times(price.minus(entryPrice));
  return side === 1 ? pnl : pnl.negated();
}

/** Return on equity: PnL over the initial margin, as a fraction. */
export function returnOnEquity({ pnl, margin }: { readonly pnl: Dec; readonly margin: Dec }): Dec {
  requirePositive('margin', margin);
  return pnl.div(margin);
}

/** A position and the margin balance behind it. */
export interface PositionBalance {
  readonly side: Side;
  readonly entryPrice: Dec;
  readonly quantity: Dec;
  readonly marginBalance: Dec;
}

/**
 * Bankruptcy price `EP − side·WB/Q`: where the margin balance reaches zero. A long whose margin
 * covers a fall to zero has none (`null`).
 */
export function bankruptcyPrice({ side, entryPrice, quantity, marginBalance }: PositionBalance): Dec | null {
  requirePositive('quantity', quantity);
  const shift = marginBalance.div(quantity);
  const price = side === 1 ? entryPrice.minus(shift) : entryPrice.plus(shift);
  return price.isPositive() && !price.isZero() ? price : null;
}

/**
 * Margin ratio `MM / margin balance` (liquidation at 1, i.e. 100 %). With no margin balance left
 * the ratio has no meaning: `null`, and the account is past liquidation.
 */
export function marginRatio({
  maintenanceMargin,
  marginBalance,
}: {
  readonly maintenanceMargin: Dec;
  readonly marginBalance: Dec;
}): Dec | null {
  return marginBalance.isPositive() && !marginBalance.isZero() ? maintenanceMargin.div(marginBalance) : null;
}

/** How far the price may move against the position before liquidation, as a fraction of `price`. */
export function distanceToLiquidation({
  side,
  price,
  liquidationPrice,
}: {
  readonly side: Side;
  readonly price: Dec;
  readonly liquidationPrice: Dec;
}): Dec {
  requirePositive('price', price);
  const distance = price.minus(liquidationPrice).div(price);
  return side === 1 ? distance : distance.negated();
}

export type MarginMode = 'ISOLATED' | 'CROSS';

export interface MaxLossInput {
  readonly mode: MarginMode;
  readonly side: Side;
  readonly entryPrice: Dec;
  readonly quantity: Dec;
  readonly leverage: Dec;
  readonly walletBalance: Dec;
  readonly addedMargin?: Dec;
  /** A stop-loss price on the losing side of the entry, if any. */
  readonly stopPrice?: Dec | null;
  readonly market: Market;
}

/**
 * The most the position can lose, and why:
 * - `stop`: the stop price is reached before the liquidation price; loss `Q·|EP − stop|`;
 * - `liquidation`: isolated loses its whole isolated margin, cross the whole wallet balance
 *   (the maintenance margin left at liquidation goes as the clearance fee);
 * - `fallToZero`: a long that cannot be liquidated loses at most `Q·EP`.
 */
export interface MaxLoss {
  readonly loss: Dec;
  readonly cause: 'stop' | 'liquidation' | 'fallToZero';
  readonly liquidation: LiquidationOutcome;
}

export function maxLoss(input: MaxLossInput): MaxLoss {
  const { mode, side, entryPrice, quantity, leverage, walletBalance, market } = input;
  requirePositive('entryPrice', entryPrice);
  requirePositive('quantity', quantity);
  requireLeverage('leverage', leverage, market.tiers, entryPrice.times(quantity));
  requireNonNegative('walletBalance', walletBalance);
  const addedMargin = input.addedMargin ?? ZERO;

  const margin =
    mode === 'ISOLATED'
      ? isolatedMargin({ side, entryPrice, quantity, leverage, addedMargin, market })
      : initialMargin({ entryPrice, quantity, leverage });
  if (fallsShortOf(walletBalance, margin)) {
    const [has, needs] = formatPair(walletBalance, margin);
    throw invalidValue(
      'walletBalance',
      walletBalance.toString(),
      (w) =>
        `${w.name}: ${has} USDT is less than the ${needs} USDT of margin this ` +
        `position needs at ${leverage.toString()}×; expected a balance that ` +
        `can open it.`,
    );
  }
  const liquidation =
    mode === 'ISOLATED'
      ? isolatedLiquidationPrice({ side, entryPrice, quantity, leverage, addedMargin, market })
      : crossLiquidationPrice({ side, entryPrice, quantity, walletBalance, market });
  if (liquidation.kind === 'belowMaintenance')
    throw belowMaintenanceError(mode === 'ISOLATED' ? 'leverage' : 'walletBalance', liquidation);

  const stop = input.stopPrice ?? null;
  if (stop !== null) {
    requireStopOnLosingSide(side, entryPrice, stop);
    const hitFirst =
      liquidation.kind === 'none' || (side === 1 ? stop.gt(liquidation.price) : stop.lt(liquidation.price));
    if (hitFirst) return { loss: quantity.times(entryPrice.minus(stop).abs()), cause: 'stop', liquidation };
  }
  if (liquidation.kind === 'none') return { loss: quantity.times(entryPrice), cause: 'fallToZero', liquidation };
  return { loss: mode === 'ISOLATED' ? margin : walletBalance, cause: 'liquidation', liquidation };
}

/** The error for a position already under its maintenance margin, naming the input to change. */
export function belowMaintenanceError(
  field: Field,
  outcome: Extract<LiquidationOutcome, { kind: 'belowMaintenance' }>,
): EngineError {
  const [balance, maintenance] = formatPair(outcome.marginBalance, outcome.maintenanceMargin);
  return new EngineError(
    'belowMaintenance',
    field,
    outcome.price.toString(),
    (w) =>
      `${w.name}: the position is already below its maintenance margin at ` +
      `${formatAmount(outcome.price)} (margin balance ${balance} USDT, ` +
      `maintenance margin ${maintenance} USDT); it would be liquidated at ` +
      `once. Use more margin or less leverage.`,
  );
}

export interface MarginToAddInput {
  readonly side: Side;
  readonly entryPrice: Dec;
  readonly quantity: Dec;
  readonly leverage: Dec;
  readonly targetLiquidationPrice: Dec;
  readonly market: Market;
}

/**
 * Margin to add to an isolated position so that it liquidates exactly at the target:
 * `MM(Q·T) + side·Q·(EP − T) − isolated margin`, or 0 if it already liquidates beyond it.
 */
export function marginToAdd(input: MarginToAddInput): Dec {
  const { side, entryPrice, quantity, leverage, targetLiquidationPrice: target, market } = input;
  const margin = isolatedMargin({ side, entryPrice, quantity, leverage, market });
  requirePositive('targetLiqPrice', target);
  const wrongSide = side === 1 ? target.gte(entryPrice) : target.lte(entryPrice);
  if (wrongSide) {
    throw invalidValue(
      'targetLiqPrice',
      target.toString(),
      (w) =>
        `${w.name}: ${formatAmount(target)} is not on the losing side of a ` +
        `${side === 1 ? 'long' : 'short'} entered at ` +
        `${formatAmount(entryPrice)}; expected a price ` +
        `${side === 1 ? 'below' : 'above'} the entry.`,
    );
  }
  // A target notional past the last cap stays in the last bracket: only opening is capped.
  const maintenance = market.tiers.maintenanceMargin(quantity.times(target));
  const needed = maintenance
    .plus(unrealizedPnl({ side, quantity, entryPrice: target, price: entryPrice }))
    .minus(margin);
  return needed.isPositive() ? needed : ZERO;
}

import { linearLeg, notionalAt, pnlAt, priceOfVariable, unboundedMoveLoss, unitOf } from './contract';
import type { Market } from './market';
import { Dec, ZERO, formatAmount } from './decimal';
import { EngineError, type Field, invalidValue } from './errors';
import {
  crossLiquidationPrice,
  initialMargin,
  isolatedMargin,
  isolatedOutcome,
  type LiquidationOutcome,
  validatedIsolated,
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
  readonly market: Market;
}

/** Unrealized PnL in the margin asset: `side·Q·(P − EP)`; COIN-M `side·Q·CS·(1/EP − 1/P)`. */
export function unrealizedPnl({ side, quantity, entryPrice, price, market }: PositionAt): Dec {
  return pnlAt(market.contract, side, quantity, entryPrice, price);
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
  readonly market: Market;
}

/**
 * Bankruptcy price `EP − side·WB/Q`: where the margin balance reaches zero (COIN-M: the same in `1/P`). A position
 * whose margin covers the price running away from it (a long's fall to zero, a COIN-M short's rise) has none (`null`).
 */
export function bankruptcyPrice({ side, entryPrice, quantity, marginBalance, market }: PositionBalance): Dec | null {
  requirePositive('quantity', quantity);
  const leg = linearLeg(market.contract, side, quantity, entryPrice);
  const shift = marginBalance.div(leg.quantity);
  const x = leg.side === 1 ? leg.entryPrice.minus(shift) : leg.entryPrice.plus(shift);
  return x.isPositive() && !x.isZero() ? priceOfVariable(market.contract, x) : null;
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
 * - `stop`: the stop price is reached before the liquidation price; loss `Q·|EP − stop|` (COIN-M: the PnL at the
 *   stop, in coins);
 * - `liquidation`: isolated loses its whole isolated margin, cross the whole wallet balance
 *   (the maintenance margin left at liquidation goes as the clearance fee);
 * - `unbounded`: a position that cannot be liquidated loses at most its notional at entry, as the price runs away
 *   from it (a long's fall to zero `Q·EP`; a COIN-M short's unbounded rise `Q·CS/EP`).
 */
export interface MaxLoss {
  readonly loss: Dec;
  readonly cause: 'stop' | 'liquidation' | 'unbounded';
  readonly liquidation: LiquidationOutcome;
}

export function maxLoss(input: MaxLossInput): MaxLoss {
  const { mode, side, entryPrice, quantity, leverage, walletBalance, market } = input;
  const addedMargin = input.addedMargin ?? ZERO;
  const position = { side, entryPrice, quantity, leverage, addedMargin, market };
  // An isolated position is checked once, with its margin and entry notional, and its liquidation starts from them.
  const isolated = mode === 'ISOLATED' ? validatedIsolated(position) : null;
  if (isolated === null) {
    requirePositive('entryPrice', entryPrice);
    requirePositive('quantity', quantity);
    requireLeverage('leverage', leverage, market.tiers, notionalAt(market.contract, quantity, entryPrice));
  }
  requireNonNegative('walletBalance', walletBalance);
  const unit = unitOf(market);

  const margin = isolated?.margin ?? initialMargin(position);
  if (fallsShortOf(walletBalance, margin)) {
    const [has, needs] = formatPair(walletBalance, margin);
    throw invalidValue(
      'walletBalance',
      walletBalance.toString(),
      (w) =>
        `${w.name}: ${has} ${unit} is less than the ${needs} ${unit} of margin this ` +
        `position needs at ${leverage.toString()}×; expected a balance that ` +
        `can open it.`,
    );
  }
  const liquidation =
    isolated !== null
      ? isolatedOutcome(position, isolated)
      : crossLiquidationPrice({ side, entryPrice, quantity, walletBalance, market });
  if (liquidation.kind === 'belowMaintenance')
    throw belowMaintenanceError(mode === 'ISOLATED' ? 'leverage' : 'walletBalance', liquidation);

  const stop = input.stopPrice ?? null;
  if (stop !== null) {
    requireStopOnLosingSide(side, entryPrice, stop);
    const hitFirst =
      liquidation.kind === 'none' || (side === 1 ? stop.gt(liquidation.price) : stop.lt(liquidation.price));
    if (hitFirst) {
      const loss = pnlAt(market.contract, side, quantity, entryPrice, stop).negated();
      return { loss, cause: 'stop', liquidation };
    }
  }
  if (liquidation.kind === 'none') {
    const loss = unboundedMoveLoss(market.contract, side, quantity, entryPrice) ?? ZERO;
    return { loss, cause: 'unbounded', liquidation };
  }
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
      `${formatAmount(outcome.price)} (margin balance ${balance} ${outcome.unit}, ` +
      `maintenance margin ${maintenance} ${outcome.unit}); it would be liquidated at ` +
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
  const maintenance = market.tiers.maintenanceMargin(notionalAt(market.contract, quantity, target));
  const needed = maintenance.minus(pnlAt(market.contract, side, quantity, entryPrice, target)).minus(margin);
  return needed.isPositive() ? needed : ZERO;
}

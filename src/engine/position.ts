import type { BracketTable } from './brackets';
import { Dec, ZERO, formatAmount } from './decimal';
import { EngineError } from './errors';
import { crossLiquidationPrice, initialMargin, isolatedLiquidationPrice, isolatedMargin, type LiquidationOutcome } from './liquidation';
import type { Side } from './side';
import { requireLeverage, requireNonNegative, requirePositive } from './validate';

/** Unrealized PnL `side·Q·(P − EP)`. */
export function unrealizedPnl(side: Side, quantity: Dec, entryPrice: Dec, price: Dec): Dec {
  const pnl = quantity.times(price.minus(entryPrice));
  return side === 1 ? pnl : pnl.negated();
}

/** Return on equity: PnL over the initial margin, as a fraction. */
export function returnOnEquity(pnl: Dec, margin: Dec): Dec {
  requirePositive('initial_margin', margin, 'an initial margin above 0');
  return pnl.div(margin);
}

/**
 * Bankruptcy price `EP − side·WB/Q`: where the margin balance reaches zero. A long whose margin
 * covers a fall to zero has none (`null`).
 */
export function bankruptcyPrice(side: Side, entryPrice: Dec, quantity: Dec, marginBalance: Dec): Dec | null {
  requirePositive('quantity', quantity);
  const shift = marginBalance.div(quantity);
  const price = side === 1 ? entryPrice.minus(shift) : entryPrice.plus(shift);
  return price.isPositive() && !price.isZero() ? price : null;
}

/**
 * Margin ratio `MM / margin balance` (liquidation at 1, i.e. 100 %). With no margin balance left
 * the ratio has no meaning: `null`, and the account is past liquidation.
 */
export function marginRatio(maintenanceMargin: Dec, marginBalance: Dec): Dec | null {
  return marginBalance.isPositive() && !marginBalance.isZero() ? maintenanceMargin.div(marginBalance) : null;
}

/** How far the price may move against the position before liquidation, as a fraction of `price`. */
export function distanceToLiquidation(side: Side, price: Dec, liquidationPrice: Dec): Dec {
  requirePositive('price', price, 'a price above 0');
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
  readonly table: BracketTable;
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
  const { mode, side, entryPrice, quantity, leverage, walletBalance, table } = input;
  requirePositive('entry_price', entryPrice, 'a price above 0');
  requirePositive('quantity', quantity, 'a quantity above 0 in the base asset (BTC for BTCUSDT)');
  requireLeverage('leverage', leverage, table, entryPrice.times(quantity));
  requireNonNegative('wallet_balance', walletBalance, 'a wallet balance of 0 or more USDT');
  const addedMargin = input.addedMargin ?? ZERO;

  const margin = mode === 'ISOLATED' ? isolatedMargin({ side, entryPrice, quantity, leverage, addedMargin, table }) : initialMargin(entryPrice, quantity, leverage);
  if (walletBalance.lt(margin)) {
    throw new EngineError('invalidValue', 'wallet_balance', walletBalance.toString(), `wallet_balance: ${formatAmount(walletBalance)} USDT is less than the ${formatAmount(margin, 2)} USDT of margin this position needs at ${leverage.toString()}×; expected a balance that can open it.`);
  }
  const liquidation =
    mode === 'ISOLATED'
      ? isolatedLiquidationPrice({ side, entryPrice, quantity, leverage, addedMargin, table })
      : crossLiquidationPrice({ side, entryPrice, quantity, walletBalance, table });
  if (liquidation.kind === 'belowMaintenance') {
    throw new EngineError('belowMaintenance', mode === 'ISOLATED' ? 'leverage' : 'wallet_balance', (mode === 'ISOLATED' ? leverage : walletBalance).toString(), belowMaintenanceMessage(mode === 'ISOLATED' ? 'leverage' : 'wallet_balance', liquidation));
  }

  const stop = input.stopPrice ?? null;
  if (stop !== null) {
    requirePositive('stop_price', stop, 'a stop price above 0');
    const wrongSide = side === 1 ? stop.gte(entryPrice) : stop.lte(entryPrice);
    if (wrongSide) {
      throw new EngineError('invalidValue', 'stop_price', stop.toString(), `stop_price: ${formatAmount(stop)} is not a stop-loss for a ${side === 1 ? 'long' : 'short'} entered at ${formatAmount(entryPrice)}; expected a price ${side === 1 ? 'below' : 'above'} the entry.`);
    }
    const hitFirst = liquidation.kind === 'none' || (side === 1 ? stop.gt(liquidation.price) : stop.lt(liquidation.price));
    if (hitFirst) return { loss: quantity.times(entryPrice.minus(stop).abs()), cause: 'stop', liquidation };
  }
  if (liquidation.kind === 'none') return { loss: quantity.times(entryPrice), cause: 'fallToZero', liquidation };
  return { loss: mode === 'ISOLATED' ? margin : walletBalance, cause: 'liquidation', liquidation };
}

/** The message for a position already under its maintenance margin, naming the argument to change. */
export function belowMaintenanceMessage(field: string, outcome: Extract<LiquidationOutcome, { kind: 'belowMaintenance' }>): string {
  return `${field}: the position is already below its maintenance margin at ${formatAmount(outcome.price)} (margin balance ${formatAmount(outcome.marginBalance, 2)} USDT, maintenance margin ${formatAmount(outcome.maintenanceMargin, 2)} USDT); it would be liquidated at once. Use more margin or less leverage.`;
}

export interface MarginToAddInput {
  readonly side: Side;
  readonly entryPrice: Dec;
  readonly quantity: Dec;
  readonly leverage: Dec;
  readonly targetLiquidationPrice: Dec;
  readonly table: BracketTable;
}

/**
 * Margin to add to an isolated position so that it liquidates exactly at the target:
 * `MM(Q·T) + side·Q·(EP − T) − isolated margin`, or 0 if it already liquidates beyond it.
 */
export function marginToAdd(input: MarginToAddInput): Dec {
  const { side, entryPrice, quantity, leverage, targetLiquidationPrice: target, table } = input;
  const margin = isolatedMargin({ side, entryPrice, quantity, leverage, table });
  requirePositive('target_liq_price', target, 'a price above 0');
  const wrongSide = side === 1 ? target.gte(entryPrice) : target.lte(entryPrice);
  if (wrongSide) {
    throw new EngineError('invalidValue', 'target_liq_price', target.toString(), `target_liq_price: ${formatAmount(target)} is not on the losing side of a ${side === 1 ? 'long' : 'short'} entered at ${formatAmount(entryPrice)}; expected a price ${side === 1 ? 'below' : 'above'} the entry.`);
  }
  const maintenance = table.maintenanceMargin(quantity.times(target), 'target_liq_price notional');
  const needed = maintenance.plus(unrealizedPnl(side, quantity, target, entryPrice)).minus(margin);
  return needed.isPositive() ? needed : ZERO;
}

import { notionalAt } from './contract';
import type { Market } from './market';
import { Dec, ZERO } from './decimal';
import { invalidValue } from './errors';
import type { Side } from './side';
import { type Leg, type MarginEquation, maintenanceMarginAt, marginBalanceAt, solveSafeInterval } from './solver';
import { LIMIT_TOLERANCE } from './tolerance';
import { requireFinite, requireLeverage, requireNonNegative, requirePositive } from './validate';

/**
 * What happens to a position as the price moves one way:
 * - `price`: it is liquidated when the mark price reaches `price`;
 * - `none`: it cannot be liquidated that way (a long whose margin covers a fall to zero, or the
 *   rising side of a hedge that gains as the price rises);
 * - `belowMaintenance`: the account is already below its maintenance margin at `price` (the
 *   entry or mark price the check was made at), so there is no meaningful liquidation price.
 */
export type LiquidationOutcome =
  | { readonly kind: 'price'; readonly price: Dec }
  | { readonly kind: 'none' }
  | {
      readonly kind: 'belowMaintenance';
      readonly price: Dec;
      readonly marginBalance: Dec;
      readonly maintenanceMargin: Dec;
      /** The asset both amounts are in. */
      readonly unit: string;
    };

const NONE: LiquidationOutcome = { kind: 'none' };

/** Initial margin: the notional at entry over the leverage (`EP·Q / leverage`; COIN-M `Q·CS/(EP·leverage)`). */
export function initialMargin({
  entryPrice,
  quantity,
  leverage,
  market,
}: {
  readonly entryPrice: Dec;
  readonly quantity: Dec;
  readonly leverage: Dec;
  readonly market: Market;
}): Dec {
  return notionalAt(market.contract, quantity, entryPrice).div(leverage);
}

export interface IsolatedPosition {
  readonly side: Side;
  readonly entryPrice: Dec;
  readonly quantity: Dec;
  readonly leverage: Dec;
  /** Margin added on top of the initial margin (default 0). */
  readonly addedMargin?: Dec;
  readonly market: Market;
}

/** Isolated margin `EP·Q/leverage + added margin`, after validating the position. */
export function isolatedMargin(position: IsolatedPosition): Dec {
  return validatedIsolated(position).margin;
}

/** An isolated position checked, with its margin and its entry notional (computed once: it is on the hot path). */
export interface ValidatedIsolated {
  readonly margin: Dec;
  readonly entryNotional: Dec;
}

/** The position checked, its margin, and its entry notional. */
export function validatedIsolated(position: IsolatedPosition): ValidatedIsolated {
  const { entryPrice, quantity, leverage, market } = position;
  requirePositive('entryPrice', entryPrice);
  requirePositive('quantity', quantity);
  const entryNotional = notionalAt(market.contract, quantity, entryPrice);
  requireLeverage('leverage', leverage, market.tiers, entryNotional);
  const added = requireNonNegative('addedMargin', position.addedMargin ?? ZERO);
  const margin = entryNotional.div(leverage);
  return { margin: added.isZero() ? margin : margin.plus(added), entryNotional };
}

/**
 * Liquidation price of an isolated position: the price where its isolated margin plus PnL
 * equals the maintenance margin, with the bracket of the notional *at that price*.
 */
export function isolatedLiquidationPrice(position: IsolatedPosition): LiquidationOutcome {
  return isolatedOutcome(position, validatedIsolated(position));
}

/** The same, for a position already checked (MAX_LOSS needs its margin first, and checks it only once). */
export function isolatedOutcome(position: IsolatedPosition, validated: ValidatedIsolated): LiquidationOutcome {
  const { side, quantity, entryPrice } = position;
  const { margin, entryNotional } = validated;
  return oneWayOutcome(margin, { side, quantity, entryPrice, entryNotional }, position.market, entryPrice);
}

export interface CrossPosition {
  readonly side: Side;
  readonly entryPrice: Dec;
  readonly quantity: Dec;
  /** Cross wallet balance (Binance's `WB`). */
  readonly walletBalance: Dec;
  /** Maintenance margin of every other cross position (`TMM1`, default 0). */
  readonly otherMaintenanceMargin?: Dec;
  /** Unrealized PnL of every other cross position (`UPNL1`, default 0). */
  readonly otherUnrealizedPnl?: Dec;
  readonly market: Market;
}

/** Liquidation price of a cross position (one-way mode), Binance's formula solved exactly. */
export function crossLiquidationPrice(position: CrossPosition): LiquidationOutcome {
  const { side, entryPrice, quantity, market } = position;
  requirePositive('entryPrice', entryPrice);
  requirePositive('quantity', quantity);
  const entryNotional = notionalAt(market.contract, quantity, entryPrice);
  market.tiers.requireOpenable(entryNotional, 'quantity');
  const constant = crossConstant(position.walletBalance, position.otherMaintenanceMargin, position.otherUnrealizedPnl);
  return oneWayOutcome(constant, { side, quantity, entryPrice, entryNotional }, market, entryPrice);
}

/** `WB − TMM1 + UPNL1`, validated. */
function crossConstant(walletBalance: Dec, otherMaintenanceMargin = ZERO, otherUnrealizedPnl = ZERO): Dec {
  requireNonNegative('walletBalance', walletBalance);
  requireNonNegative('otherMaintMargin', otherMaintenanceMargin);
  requireFinite('otherUnrealizedPnl', otherUnrealizedPnl);
  let constant = walletBalance;
  if (!otherMaintenanceMargin.isZero()) constant = constant.minus(otherMaintenanceMargin);
  if (!otherUnrealizedPnl.isZero()) constant = constant.plus(otherUnrealizedPnl);
  return constant;
}

export function oneWayOutcome(constant: Dec, leg: Leg, market: Market, checkPrice: Dec): LiquidationOutcome {
  const side = leg.side;
  const eq: MarginEquation = { constant, legs: [leg], market };
  const interval = solveSafeInterval(eq, side === 1 ? 'fall' : 'rise');
  if (interval.kind === 'empty') return belowMaintenanceAt(eq, checkPrice);
  const price = side === 1 ? interval.fall : interval.rise;
  // f is monotone for one position (rising for a long, falling for a short), so the account is
  // below maintenance at the check price exactly when the liquidation price lies beyond it.
  // Within the limit tolerance of the check price it is still a price (a typed fraction can put
  // an exact-at-entry liquidation a hair beyond it).
  if (price !== null && isBeyond(side, price, checkPrice)) return belowMaintenanceAt(eq, checkPrice);
  return priceOutcome(price);
}

/** `price` lies beyond `reference` in the losing direction of `side`, by more than the limit tolerance. */
export function isBeyond(side: Side, price: Dec, reference: Dec): boolean {
  // The plain comparison first: it settles almost every row without computing the slack.
  if (side === 1 ? !price.gt(reference) : !price.lt(reference)) return false;
  const slack = reference.times(LIMIT_TOLERANCE);
  return side === 1 ? price.gt(reference.plus(slack)) : price.lt(reference.minus(slack));
}

export function priceOutcome(price: Dec | null): LiquidationOutcome {
  return price === null || !price.isPositive() || price.isZero() ? NONE : { kind: 'price', price };
}

export function belowMaintenanceAt(eq: MarginEquation, price: Dec): LiquidationOutcome {
  return {
    kind: 'belowMaintenance',
    price,
    marginBalance: marginBalanceAt(eq, price),
    maintenanceMargin: maintenanceMarginAt(eq, price),
    unit: eq.market.contract.marginAsset,
  };
}

export interface HedgePositions {
  /** Quantity of the LONG position (0 if none). */
  readonly longQuantity: Dec;
  readonly longEntryPrice: Dec;
  /** Quantity of the SHORT position (0 if none). */
  readonly shortQuantity: Dec;
  readonly shortEntryPrice: Dec;
  readonly walletBalance: Dec;
  readonly otherMaintenanceMargin?: Dec;
  readonly otherUnrealizedPnl?: Dec;
  readonly market: Market;
}

/** The two ends of a hedged account's safe price range. */
export interface HedgeOutcome {
  /** Liquidation by a fall in price. */
  readonly fall: LiquidationOutcome;
  /** Liquidation by a rise in price. */
  readonly rise: LiquidationOutcome;
}

/**
 * Hedge mode (a LONG and a SHORT position on one symbol, cross margin): the margin condition is
 * concave in the price, so the account can be liquidated by a fall and by a rise. Both ends are
 * solved exactly, each with the brackets of both notionals at that price.
 */
export function hedgeLiquidationPrices(positions: HedgePositions): HedgeOutcome {
  const { longQuantity, longEntryPrice, shortQuantity, shortEntryPrice, market } = positions;
  const { contract, tiers } = market;
  requireNonNegative('longQuantity', longQuantity);
  requirePositive('longEntry', longEntryPrice);
  requireNonNegative('shortQuantity', shortQuantity);
  requirePositive('shortEntry', shortEntryPrice);
  if (longQuantity.isZero() && shortQuantity.isZero()) {
    throw invalidValue(
      'longQuantity',
      '0',
      (w) => `${w.name}: 0, and the short quantity is 0 too; expected at least one open position.`,
    );
  }
  tiers.requireOpenable(notionalAt(contract, longQuantity, longEntryPrice), 'longQuantity');
  tiers.requireOpenable(notionalAt(contract, shortQuantity, shortEntryPrice), 'shortQuantity');
  const legs: Leg[] = [];
  if (!longQuantity.isZero()) legs.push({ side: 1, quantity: longQuantity, entryPrice: longEntryPrice });
  if (!shortQuantity.isZero()) legs.push({ side: -1, quantity: shortQuantity, entryPrice: shortEntryPrice });
  const constant = crossConstant(
    positions.walletBalance,
    positions.otherMaintenanceMargin,
    positions.otherUnrealizedPnl,
  );
  const eq: MarginEquation = { constant, legs, market };
  const interval = solveSafeInterval(eq);
  if (interval.kind === 'empty') {
    // No price is safe: report it at the entry of the larger leg, where the trader would look.
    const at = longQuantity.gte(shortQuantity) ? longEntryPrice : shortEntryPrice;
    const outcome = belowMaintenanceAt(eq, at);
    return { fall: outcome, rise: outcome };
  }
  return { fall: priceOutcome(interval.fall), rise: priceOutcome(interval.rise) };
}

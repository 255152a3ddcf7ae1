import type { BracketTable } from './brackets';
import { Dec, ZERO } from './decimal';
import { EngineError } from './errors';
import type { Side } from './side';
import { type Leg, type MarginEquation, maintenanceMarginAt, marginBalanceAt, solveSafeInterval } from './solver';
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
  | { readonly kind: 'belowMaintenance'; readonly price: Dec; readonly marginBalance: Dec; readonly maintenanceMargin: Dec };

const NONE: LiquidationOutcome = { kind: 'none' };

/** Initial margin `EP·Q / leverage`. */
export function initialMargin(entryPrice: Dec, quantity: Dec, leverage: Dec): Dec {
  return entryPrice.times(quantity).div(leverage);
}

export interface IsolatedPosition {
  readonly side: Side;
  readonly entryPrice: Dec;
  readonly quantity: Dec;
  readonly leverage: Dec;
  /** Margin added on top of the initial margin (default 0). */
  readonly addedMargin?: Dec;
  readonly table: BracketTable;
}

/** Isolated margin `EP·Q/leverage + added margin`, after validating the position. */
export function isolatedMargin(position: IsolatedPosition): Dec {
  const { entryPrice, quantity, leverage, table } = position;
  requirePositive('entry_price', entryPrice, 'a price above 0');
  requirePositive('quantity', quantity, 'a quantity above 0 in the base asset (BTC for BTCUSDT)');
  requireLeverage('leverage', leverage, table, entryPrice.times(quantity));
  const added = requireNonNegative('added_margin', position.addedMargin ?? ZERO, 'an added margin of 0 or more USDT');
  return initialMargin(entryPrice, quantity, leverage).plus(added);
}

/**
 * Liquidation price of an isolated position: the price where its isolated margin plus PnL
 * equals the maintenance margin, with the bracket of the notional *at that price*.
 */
export function isolatedLiquidationPrice(position: IsolatedPosition): LiquidationOutcome {
  const margin = isolatedMargin(position);
  return oneWayOutcome(margin, position, position.table, position.entryPrice);
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
  readonly table: BracketTable;
}

/** Liquidation price of a cross position (one-way mode), Binance's formula solved exactly. */
export function crossLiquidationPrice(position: CrossPosition): LiquidationOutcome {
  const { side, entryPrice, quantity, table } = position;
  requirePositive('entry_price', entryPrice, 'a price above 0');
  requirePositive('quantity', quantity, 'a quantity above 0 in the base asset (BTC for BTCUSDT)');
  const entryNotional = entryPrice.times(quantity);
  table.requireOpenable(entryNotional, 'position notional');
  const constant = crossConstant(position.walletBalance, position.otherMaintenanceMargin, position.otherUnrealizedPnl);
  return oneWayOutcome(constant, { side, quantity, entryPrice, entryNotional }, table, entryPrice);
}

/** `WB − TMM1 + UPNL1`, validated. */
function crossConstant(walletBalance: Dec, otherMaintenanceMargin = ZERO, otherUnrealizedPnl = ZERO): Dec {
  requireNonNegative('wallet_balance', walletBalance, 'a wallet balance of 0 or more USDT');
  requireNonNegative('other_maint_margin', otherMaintenanceMargin, 'a maintenance margin of 0 or more USDT');
  requireFinite('other_unrealized_pnl', otherUnrealizedPnl, 'an unrealized PnL in USDT (negative for a loss)');
  let constant = walletBalance;
  if (!otherMaintenanceMargin.isZero()) constant = constant.minus(otherMaintenanceMargin);
  if (!otherUnrealizedPnl.isZero()) constant = constant.plus(otherUnrealizedPnl);
  return constant;
}

function oneWayOutcome(constant: Dec, leg: Leg, table: BracketTable, checkPrice: Dec): LiquidationOutcome {
  const side = leg.side;
  const eq: MarginEquation = { constant, legs: [leg], table };
  const interval = solveSafeInterval(eq, side === 1 ? 'fall' : 'rise');
  if (interval.kind === 'empty') return belowMaintenanceAt(eq, checkPrice);
  const price = side === 1 ? interval.fall : interval.rise;
  // f is monotone for one position (rising for a long, falling for a short), so the account is
  // below maintenance at the check price exactly when the liquidation price lies beyond it.
  if (price !== null && (side === 1 ? price.gt(checkPrice) : price.lt(checkPrice))) return belowMaintenanceAt(eq, checkPrice);
  return priceOutcome(price);
}

function priceOutcome(price: Dec | null): LiquidationOutcome {
  return price === null || !price.isPositive() || price.isZero() ? NONE : { kind: 'price', price };
}

function belowMaintenanceAt(eq: MarginEquation, price: Dec): LiquidationOutcome {
  return { kind: 'belowMaintenance', price, marginBalance: marginBalanceAt(eq, price), maintenanceMargin: maintenanceMarginAt(eq, price, 'position notional') };
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
  readonly table: BracketTable;
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
  const { longQuantity, longEntryPrice, shortQuantity, shortEntryPrice, table } = positions;
  requireNonNegative('long_quantity', longQuantity, 'a quantity of 0 or more in the base asset');
  requirePositive('long_entry', longEntryPrice, 'a price above 0');
  requireNonNegative('short_quantity', shortQuantity, 'a quantity of 0 or more in the base asset');
  requirePositive('short_entry', shortEntryPrice, 'a price above 0');
  if (longQuantity.isZero() && shortQuantity.isZero()) {
    throw new EngineError('invalidValue', 'long_quantity', '0', 'long_quantity and short_quantity are both 0; expected at least one open position.');
  }
  table.requireOpenable(longQuantity.times(longEntryPrice), 'long notional');
  table.requireOpenable(shortQuantity.times(shortEntryPrice), 'short notional');
  const legs: Leg[] = [];
  if (!longQuantity.isZero()) legs.push({ side: 1, quantity: longQuantity, entryPrice: longEntryPrice });
  if (!shortQuantity.isZero()) legs.push({ side: -1, quantity: shortQuantity, entryPrice: shortEntryPrice });
  const constant = crossConstant(positions.walletBalance, positions.otherMaintenanceMargin, positions.otherUnrealizedPnl);
  const eq: MarginEquation = { constant, legs, table };
  const interval = solveSafeInterval(eq);
  if (interval.kind === 'empty') {
    // No price is safe: report it at the entry of the larger leg, where the trader would look.
    const at = longQuantity.gte(shortQuantity) ? longEntryPrice : shortEntryPrice;
    const outcome = belowMaintenanceAt(eq, at);
    return { fall: outcome, rise: outcome };
  }
  return { fall: priceOutcome(interval.fall), rise: priceOutcome(interval.rise) };
}

export interface PortfolioPosition {
  readonly side: Side;
  readonly quantity: Dec;
  readonly entryPrice: Dec;
  readonly markPrice: Dec;
  readonly table: BracketTable;
}

/** Maintenance margin and unrealized PnL of a position at its mark price. */
export function positionAtMark(position: PortfolioPosition, where = ''): { maintenanceMargin: Dec; unrealizedPnl: Dec } {
  const { side, quantity, entryPrice, markPrice, table } = position;
  const pnl = quantity.times(markPrice.minus(entryPrice));
  return {
    maintenanceMargin: table.maintenanceMargin(markPrice.times(quantity), 'mark notional' + where),
    unrealizedPnl: side === 1 ? pnl : pnl.negated(),
  };
}

/**
 * Validates one position of a cross portfolio and values it at its mark price. `where` is added
 * to field names in messages, e.g. " (row 3)".
 */
export function checkPortfolioPosition(position: PortfolioPosition, where: string): { maintenanceMargin: Dec; unrealizedPnl: Dec } {
  requirePositive('entry_prices' + where, position.entryPrice, 'a price above 0');
  requirePositive('quantities' + where, position.quantity, 'a quantity above 0 in the base asset');
  requirePositive('mark_prices' + where, position.markPrice, 'a price above 0');
  position.table.requireOpenable(position.entryPrice.times(position.quantity), 'position notional' + where);
  return positionAtMark(position, where);
}

/**
 * Multi-position cross margin (one-way mode): each position's liquidation price with every
 * other position held at its mark price (their maintenance margin is `TMM1`, their PnL
 * `UPNL1`). The already-below-maintenance check is made at each position's mark price.
 * Fields in errors are suffixed with the position's number, e.g. `quantities (position 2)`.
 */
export function portfolioLiquidationPrices(positions: readonly PortfolioPosition[], walletBalance: Dec): LiquidationOutcome[] {
  requireNonNegative('wallet_balance', walletBalance, 'a wallet balance of 0 or more USDT');
  if (positions.length === 0) {
    throw new EngineError('invalidValue', 'positions', '', 'positions: no position given; expected at least one row of side, entry price, quantity and mark price.');
  }
  const atMark = positions.map((position, i) => checkPortfolioPosition(position, ` (position ${i + 1})`));
  const totalMaintenance = atMark.reduce((sum, p) => sum.plus(p.maintenanceMargin), ZERO);
  const totalPnl = atMark.reduce((sum, p) => sum.plus(p.unrealizedPnl), ZERO);
  return positions.map((position, i) => {
    const constant = walletBalance
      .minus(totalMaintenance.minus(atMark[i].maintenanceMargin))
      .plus(totalPnl.minus(atMark[i].unrealizedPnl));
    return oneWayOutcome(constant, position, position.table, position.markPrice);
  });
}

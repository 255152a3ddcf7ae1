import type { BracketTable } from './brackets';
import type { Market } from './market';
import { Dec, ONE, ZERO, formatAmount } from './decimal';
import { EngineError, invalidValue } from './errors';
import { isolatedLiquidationPrice } from './liquidation';
import { unrealizedPnl } from './position';
import type { Side } from './side';
import { exceedsLimit, fallsShortOf } from './tolerance';
import {
  requireAtLeastOne,
  requireMarketLeverage,
  requireNonNegative,
  requirePositive,
  requireStopOnLosingSide,
} from './validate';

// Binance's calculator tabs (PnL, target price, max open) and position sizing, exact.

/** A trade from entry to exit. */
export interface Trade {
  readonly side: Side;
  readonly entryPrice: Dec;
  readonly exitPrice: Dec;
  readonly quantity: Dec;
}

/** Profit of closing at `exit`, before fees: `side·Q·(exit − entry)`. */
export function profitAndLoss({ side, entryPrice, exitPrice, quantity }: Trade): Dec {
  requirePositive('entryPrice', entryPrice);
  requirePositive('exitPrice', exitPrice);
  requirePositive('quantity', quantity);
  return unrealizedPnl({ side, quantity, entryPrice, price: exitPrice });
}

export interface ReturnInput {
  readonly side: Side;
  readonly entryPrice: Dec;
  readonly exitPrice: Dec;
  readonly leverage: Dec;
  readonly market: Market;
}

/** Return on the initial margin, as a fraction: `side·(exit/entry − 1)·leverage`. */
export function returnOnMargin({ side, entryPrice, exitPrice, leverage, market }: ReturnInput): Dec {
  requirePositive('entryPrice', entryPrice);
  requirePositive('exitPrice', exitPrice);
  requireMarketLeverage('leverage', leverage, market.tiers);
  const move = exitPrice.div(entryPrice).minus(1).times(leverage);
  return side === 1 ? move : move.negated();
}

/**
 * The exit price that gives `targetRoe`: `entry·(1 + side·roe/leverage)`. Refused at or below 0, and
 * for a loss at or past the liquidation price of a position of this leverage in the market's first
 * bracket (`EP·(1 − side/leverage)/(1 − side·mmr₁)`; a larger position is liquidated sooner still).
 */
export interface TargetInput {
  readonly side: Side;
  readonly entryPrice: Dec;
  readonly leverage: Dec;
  readonly targetRoe: Dec;
  readonly market: Market;
}

export function targetPrice({ side, entryPrice, leverage, targetRoe, market }: TargetInput): Dec {
  const table = market.tiers;
  requirePositive('entryPrice', entryPrice);
  requireMarketLeverage('leverage', leverage, table);
  const change = targetRoe.div(leverage);
  const price = entryPrice.times(ONE.plus(side === 1 ? change : change.negated()));
  const lever = leverage.toString();
  const first = table.brackets[0];
  const step = ONE.div(leverage);
  const liquidation = entryPrice
    .times(side === 1 ? ONE.minus(step) : ONE.plus(step))
    .div(side === 1 ? ONE.minus(first.mmr) : ONE.plus(first.mmr));
  if (targetRoe.isNegative() && liquidation.gt(0) && (side === 1 ? price.lte(liquidation) : price.gte(liquidation))) {
    const roeThere = liquidation.div(entryPrice).minus(1).times(leverage).times(side);
    throw invalidValue(
      'targetRoe',
      targetRoe.toString(),
      (w) =>
        `${w.name}: ${targetRoe.toString()} at ${lever}× needs an exit price of ${formatAmount(price, 2)}, at or ` +
        `past the liquidation price of ${formatAmount(liquidation, 2)} (isolated, ${market.label}'s first ` +
        `bracket): the position is liquidated first. Expected a loss smaller than ` +
        `${roeThere.negated().times(100).toDecimalPlaces(2, Dec.ROUND_DOWN).toString()} % (above ` +
        `${roeThere.toDecimalPlaces(4, Dec.ROUND_UP).toString()}).`,
    );
  }
  if (!price.isPositive() || price.isZero()) {
    // Only a short's gain (or a long's loss at 1×, which nothing liquidates) can ask for a price at or below 0.
    throw invalidValue(
      'targetRoe',
      targetRoe.toString(),
      (w) =>
        `${w.name}: ${targetRoe.toString()} at ${lever}× needs an exit price of ${formatAmount(price)}, at or ` +
        `below 0; expected ${side === 1 ? 'a loss smaller than 100 % (above -1)' : `a return below ${lever}`}.`,
    );
  }
  return price;
}

/** Binance's open loss: an order worse than the mark costs the difference at once. */
function openLoss(side: Side, orderPrice: Dec, markPrice: Dec): Dec {
  const difference = orderPrice.minus(markPrice);
  const loss = side === 1 ? difference : difference.negated();
  return loss.isPositive() ? loss : ZERO;
}

export interface OpeningOrder {
  readonly side: Side;
  readonly orderPrice: Dec;
  readonly quantity: Dec;
  readonly leverage: Dec;
  readonly markPrice: Dec;
}

/** What opening takes from the balance: `Q·order/leverage + Q·max(0, side·(order − mark))`. */
export function costToOpen({ side, orderPrice, quantity, leverage, markPrice }: OpeningOrder): Dec {
  requirePositive('orderPrice', orderPrice);
  requirePositive('quantity', quantity);
  requireAtLeastOne('leverage', leverage);
  requirePositive('markPrice', markPrice);
  return quantity
    .times(orderPrice)
    .div(leverage)
    .plus(quantity.times(openLoss(side, orderPrice, markPrice)));
}

/**
 * The largest quantity that can be opened: `available / (order/leverage + open loss per unit)`,
 * capped at `cap/order` where `cap` is the notional cap of the last bracket whose maximum
 * leverage is at least `leverage` (no cap for a flat rate).
 */
export interface MaxOpenInput {
  readonly side: Side;
  readonly orderPrice: Dec;
  readonly leverage: Dec;
  readonly availableBalance: Dec;
  readonly markPrice: Dec;
  readonly market: Market;
}

export function maxOpenQuantity(input: MaxOpenInput): Dec {
  const { side, orderPrice, leverage, availableBalance: available, markPrice } = input;
  const table = input.market.tiers;
  requirePositive('orderPrice', orderPrice);
  requireAtLeastOne('leverage', leverage);
  requireNonNegative('availableBalance', available);
  requirePositive('markPrice', markPrice);
  table.requireLeverageAllowed('leverage', leverage);
  const perUnit = orderPrice.div(leverage).plus(openLoss(side, orderPrice, markPrice));
  const affordable = available.div(perUnit);
  const cap = table.capAllowing(leverage);
  if (cap === null || !cap.isFinite()) return affordable;
  const capped = cap.div(orderPrice);
  return affordable.lt(capped) ? affordable : capped;
}

/**
 * The quantity that loses `risk` at the stop: `risk / |entry − stop|`, refused when that position is
 * past the market's last bracket cap (it cannot be opened).
 */
export interface RiskInput {
  readonly side: Side;
  readonly entryPrice: Dec;
  readonly stopPrice: Dec;
  /** What may be lost at the stop. */
  readonly riskAmount: Dec;
  readonly market: Market;
}

export function positionSize({ side, entryPrice, stopPrice, riskAmount: risk, market }: RiskInput): Dec {
  const table = market.tiers;
  requirePositive('entryPrice', entryPrice);
  requireStopOnLosingSide(side, entryPrice, stopPrice);
  requirePositive('riskAmount', risk);
  const quantity = risk.div(entryPrice.minus(stopPrice).abs());
  const notional = quantity.times(entryPrice);
  // A computed size, so no tolerance for a typed value: a notional at the last cap cannot be opened either.
  if (!fallsShortOf(notional, table.lastCap)) {
    throw new EngineError(
      'aboveLastBracket',
      'riskAmount',
      risk.toString(),
      (w) =>
        `${w.name}: ${formatAmount(risk)} USDT at a stop ${formatAmount(entryPrice.minus(stopPrice).abs())} from ` +
        `the entry needs ${formatAmount(quantity, 6)} (a notional of ${formatAmount(notional, 2)} USDT), at or ` +
        `above the last bracket cap of ${formatAmount(table.lastCap)} USDT for ${market.label}: such a position ` +
        'cannot be opened. Expected a smaller risk or a stop further from the entry.',
    );
  }
  return quantity;
}

/** Highest leverage searched for a table without a leverage limit (a flat rate). */
const UNLIMITED_SEARCH = 100000;

/**
 * The highest whole leverage at which an isolated position (no added margin) is liquidated
 * strictly beyond the stop, so the stop fires first; never above the bracket maximum of the
 * opening notional. The liquidation price moves towards the entry as leverage grows, so the
 * answer is found by bisection, each step solved exactly.
 */
export interface StopInput {
  readonly side: Side;
  readonly entryPrice: Dec;
  readonly quantity: Dec;
  readonly stopPrice: Dec;
  readonly market: Market;
}

export function maxSafeLeverage({ side, entryPrice, quantity, stopPrice, market }: StopInput): Dec {
  requirePositive('entryPrice', entryPrice);
  requirePositive('quantity', quantity);
  market.tiers.requireOpenable(entryPrice.times(quantity), 'quantity');
  const leverage = safeLeverage({ side, entryPrice, stopPrice, market, quantityAt: () => quantity });
  if (leverage === null) {
    throw invalidValue(
      'stopPrice',
      stopPrice.toString(),
      (w) =>
        `${w.name}: even at 1× this position is liquidated before ${formatAmount(stopPrice)}; ` +
        'expected a stop closer to the entry.',
    );
  }
  return leverage;
}

/**
 * `maxSafeLeverage` for a quantity that may depend on the leverage (a margin-committed size):
 * a leverage counts as safe when it may be opened at its notional and the stop fires first.
 * `null` when not even 1× is safe.
 */
export interface SafeLeverageInput {
  readonly side: Side;
  readonly entryPrice: Dec;
  readonly stopPrice: Dec;
  readonly market: Market;
  /** The position's quantity at a leverage (constant, or growing with it for a margin-committed size). */
  readonly quantityAt: (leverage: Dec) => Dec;
}

export function safeLeverage({ side, entryPrice, stopPrice, market, quantityAt }: SafeLeverageInput): Dec | null {
  const table = market.tiers;
  requireStopOnLosingSide(side, entryPrice, stopPrice);
  const highest = table.highestLeverage;
  const top = highest === null ? UNLIMITED_SEARCH : Math.floor(highest.toNumber());
  const safe = (leverage: number): boolean => {
    const lev = new Dec(leverage);
    const quantity = quantityAt(lev);
    const notional = entryPrice.times(quantity);
    if (exceedsLimit(notional, table.lastCap)) return false;
    const maximum = table.maxLeverageAt(notional, 'quantity');
    if (maximum !== null && exceedsLimit(lev, maximum)) return false;
    const outcome = isolatedLiquidationPrice({ side, entryPrice, quantity, leverage: lev, market });
    if (outcome.kind === 'none') return true;
    if (outcome.kind === 'belowMaintenance') return false;
    return side === 1 ? outcome.price.lt(stopPrice) : outcome.price.gt(stopPrice);
  };
  if (!safe(1)) return null;
  // Floats guess the answer; the exact check then confirms it (safe at the guess, not one above),
  // so a row usually costs two exact solves instead of a whole bisection.
  const entry = entryPrice.toNumber();
  const stop = stopPrice.toNumber();
  const guess = bisect(1, top, (leverage) => safeByFloats(side, entry, stop, table, quantityAt, leverage));
  if (safe(guess) && (guess === top || !safe(guess + 1))) return new Dec(guess);
  return new Dec(bisect(1, top, safe));
}

/** The largest whole `n` in [low, high] with `ok(n)`, for a predicate true up to some point and false after. */
function bisect(low: number, high: number, ok: (n: number) => boolean): number {
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (ok(middle)) low = middle;
    else high = middle - 1;
  }
  return low;
}

/** `safe` in floats (a guide only): the isolated liquidation price from the bracket it falls in. */
function safeByFloats(
  side: Side,
  entry: number,
  stop: number,
  table: BracketTable,
  quantityAt: (leverage: Dec) => Dec,
  leverage: number,
): boolean {
  const quantity = quantityAt(new Dec(leverage)).toNumber();
  const notional = entry * quantity;
  const brackets = table.brackets;
  let opening = brackets.length - 1;
  while (opening > 0 && notional < table.floorsF[opening]) opening--;
  const maximum = brackets[opening].maxLeverage;
  if (notional > table.capsF[brackets.length - 1] || (maximum !== null && leverage > maximum.toNumber())) return false;
  const margin = notional / leverage;
  const s = side === 1 ? 1 : -1;
  for (let b = 0; b < brackets.length; b++) {
    const price = (margin + table.cumsF[b] - s * notional) / (quantity * table.mmrsF[b] - s * quantity);
    const at = quantity * price;
    if (at >= table.floorsF[b] && (b === brackets.length - 1 || at < table.capsF[b])) {
      if (price <= 0) return true;
      return side === 1 ? price < stop : price > stop;
    }
  }
  return true;
}

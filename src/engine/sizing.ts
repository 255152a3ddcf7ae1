import type { BracketTable } from './brackets';
import { type LinearLeg, linearLeg, notionalAt, pnlAt, unitOf } from './contract';
import type { Contract, Market } from './market';
import { Dec, ONE, ZERO, decimalsFor, formatAmount } from './decimal';
import { EngineError, invalidValue } from './errors';
import { isolatedLiquidationPrice } from './liquidation';
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
  readonly market: Market;
}

/** Profit of closing at `exit`, before fees: `side·Q·(exit − entry)`; COIN-M `side·Q·CS·(1/entry − 1/exit)` coins. */
export function profitAndLoss({ side, entryPrice, exitPrice, quantity, market }: Trade): Dec {
  requirePositive('entryPrice', entryPrice);
  requirePositive('exitPrice', exitPrice);
  requirePositive('quantity', quantity);
  return pnlAt(market.contract, side, quantity, entryPrice, exitPrice);
}

/** Return on the initial margin at `price`: `side·(P/EP − 1)·leverage`; COIN-M `side·(1 − EP/P)·leverage`. */
function returnAt(contract: Contract, side: Side, entryPrice: Dec, price: Dec, leverage: Dec): Dec {
  const move = contract.kind === 'linear' ? price.div(entryPrice).minus(1) : ONE.minus(entryPrice.div(price));
  const roe = move.times(leverage);
  return side === 1 ? roe : roe.negated();
}

export interface ReturnInput {
  readonly side: Side;
  readonly entryPrice: Dec;
  readonly exitPrice: Dec;
  readonly leverage: Dec;
  readonly market: Market;
}

/** Return on the initial margin, as a fraction (see `returnAt`). */
export function returnOnMargin({ side, entryPrice, exitPrice, leverage, market }: ReturnInput): Dec {
  requirePositive('entryPrice', entryPrice);
  requirePositive('exitPrice', exitPrice);
  requireMarketLeverage('leverage', leverage, market.tiers);
  return returnAt(market.contract, side, entryPrice, exitPrice, leverage);
}

/**
 * The exit price that gives `targetRoe`: `entry·(1 + side·roe/leverage)`; COIN-M `entry/(1 − side·roe/leverage)`.
 * Refused where no price gives it, and for a loss at or past the liquidation price of a position of this leverage in
 * the market's first bracket (a larger position is liquidated sooner still).
 */
export interface TargetInput {
  readonly side: Side;
  readonly entryPrice: Dec;
  readonly leverage: Dec;
  readonly targetRoe: Dec;
  readonly market: Market;
}

export function targetPrice({ side, entryPrice, leverage, targetRoe, market }: TargetInput): Dec {
  const { contract, tiers } = market;
  requirePositive('entryPrice', entryPrice);
  requireMarketLeverage('leverage', leverage, tiers);
  const change = side === 1 ? targetRoe.div(leverage) : targetRoe.div(leverage).negated();
  const inverse = contract.kind === 'inverse';
  // The price, or at or below 0 where none gives this return (a COIN-M price would be past infinity).
  const denominator = ONE.minus(change);
  const price = inverse ? (denominator.gt(0) ? entryPrice.div(denominator) : ZERO) : entryPrice.times(ONE.plus(change));
  const lever = leverage.toString();
  const liquidation = firstBracketLiquidation(contract, side, entryPrice, leverage, tiers.brackets[0].mmr);
  if (
    targetRoe.isNegative() &&
    liquidation !== null &&
    (!price.isPositive() || price.isZero() || (side === 1 ? price.lte(liquidation) : price.gte(liquidation)))
  ) {
    const roeThere = returnAt(contract, side, entryPrice, liquidation, leverage);
    const shown = inverse && !price.gt(0) ? 'beyond any price' : formatAmount(price, 2);
    throw invalidValue(
      'targetRoe',
      targetRoe.toString(),
      (w) =>
        `${w.name}: ${targetRoe.toString()} at ${lever}× needs an exit price of ${shown}, at or ` +
        `past the liquidation price of ${formatAmount(liquidation, 2)} (isolated, ${market.label}'s first ` +
        `bracket): the position is liquidated first. Expected a loss smaller than ` +
        `${roeThere.negated().times(100).toDecimalPlaces(2, Dec.ROUND_DOWN).toString()} % (above ` +
        `${roeThere.toDecimalPlaces(4, Dec.ROUND_UP).toString()}).`,
    );
  }
  if (!price.isPositive() || price.isZero()) {
    // Linear: only a short's gain (or a long's loss at 1×, which nothing liquidates) asks for a price at or below 0.
    // Inverse: a long's return approaches its leverage as the price rises without bound; a short at 1× loses at most
    // 100 %.
    const bound = inverse
      ? side === 1
        ? `a return below ${lever} (a COIN-M long's return approaches its leverage as the price rises without bound)`
        : 'a loss smaller than 100 % (above -1)'
      : side === 1
        ? 'a loss smaller than 100 % (above -1)'
        : `a return below ${lever}`;
    throw invalidValue(
      'targetRoe',
      targetRoe.toString(),
      (w) =>
        `${w.name}: ${targetRoe.toString()} at ${lever}× needs an exit price ` +
        `${inverse ? 'beyond any price' : `of ${formatAmount(price)}, at or below 0`}; expected ${bound}.`,
    );
  }
  return price;
}

/**
 * The isolated liquidation price of a position of this leverage in a first bracket of rate `mmr` (no maintenance
 * amount): linear `EP·(1 − side/leverage)/(1 − side·mmr)`; inverse `EP·(side + mmr)/(side + 1/leverage)`. `null` where
 * there is none (a linear long at 1×, an inverse short at 1×).
 */
function firstBracketLiquidation(contract: Contract, side: Side, entryPrice: Dec, leverage: Dec, mmr: Dec): Dec | null {
  const step = ONE.div(leverage);
  const price =
    contract.kind === 'linear'
      ? entryPrice.times(side === 1 ? ONE.minus(step) : ONE.plus(step)).div(side === 1 ? ONE.minus(mmr) : ONE.plus(mmr))
      : side === 1
        ? entryPrice.times(ONE.plus(mmr)).div(ONE.plus(step))
        : ONE.minus(step).isZero()
          ? null
          : entryPrice.times(ONE.minus(mmr)).div(ONE.minus(step));
  return price !== null && price.isPositive() && !price.isZero() ? price : null;
}

/**
 * Binance's open loss: an order worse than the mark costs at once what the position would lose if closed at the
 * mark, `Q·max(0, side·(order − mark))` (COIN-M: the coin PnL at the mark, when it is a loss).
 */
function openLoss(contract: Contract, side: Side, quantity: Dec, orderPrice: Dec, markPrice: Dec): Dec {
  const pnl = pnlAt(contract, side, quantity, orderPrice, markPrice);
  return pnl.isNegative() ? pnl.negated() : ZERO;
}

export interface OpeningOrder {
  readonly side: Side;
  readonly orderPrice: Dec;
  readonly quantity: Dec;
  readonly leverage: Dec;
  readonly markPrice: Dec;
  readonly market: Market;
}

/** What opening takes from the balance: the initial margin (notional at the order / leverage) plus the open loss. */
export function costToOpen({ side, orderPrice, quantity, leverage, markPrice, market }: OpeningOrder): Dec {
  requirePositive('orderPrice', orderPrice);
  requirePositive('quantity', quantity);
  requireAtLeastOne('leverage', leverage);
  requirePositive('markPrice', markPrice);
  const { contract } = market;
  return notionalAt(contract, quantity, orderPrice)
    .div(leverage)
    .plus(openLoss(contract, side, quantity, orderPrice, markPrice));
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
  const { contract, tiers: table } = input.market;
  requirePositive('orderPrice', orderPrice);
  requireAtLeastOne('leverage', leverage);
  requireNonNegative('availableBalance', available);
  requirePositive('markPrice', markPrice);
  table.requireLeverageAllowed('leverage', leverage);
  const unitNotional = notionalAt(contract, ONE, orderPrice);
  const perUnit = unitNotional.div(leverage).plus(openLoss(contract, side, ONE, orderPrice, markPrice));
  const affordable = available.div(perUnit);
  const cap = table.capAllowing(leverage);
  if (cap === null || !cap.isFinite()) return affordable;
  const capped = cap.div(unitNotional);
  return affordable.lt(capped) ? affordable : capped;
}

/**
 * The quantity that loses `risk` at the stop: `risk / |entry − stop|` (COIN-M: `risk / (CS·|1/entry − 1/stop|)`
 * contracts, not rounded), refused when that position is past the market's last bracket cap (it cannot be opened).
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
  const { contract, tiers: table } = market;
  requirePositive('entryPrice', entryPrice);
  requireStopOnLosingSide(side, entryPrice, stopPrice);
  requirePositive('riskAmount', risk);
  const quantity = risk.div(pnlAt(contract, side, ONE, entryPrice, stopPrice).abs());
  const notional = notionalAt(contract, quantity, entryPrice);
  const unit = unitOf(market);
  const size = contract.kind === 'linear' ? formatAmount(quantity, 6) : `${formatAmount(quantity, 2)} contracts`;
  // A computed size, so no tolerance for a typed value: a notional at the last cap cannot be opened either.
  if (!fallsShortOf(notional, table.lastCap)) {
    throw new EngineError(
      'aboveLastBracket',
      'riskAmount',
      risk.toString(),
      (w) =>
        `${w.name}: ${formatAmount(risk)} ${unit} at a stop ${formatAmount(entryPrice.minus(stopPrice).abs())} from ` +
        `the entry needs ${size} (a notional of ${formatAmount(notional, decimalsFor(unit))} ${unit}), at or ` +
        `above the last bracket cap of ${formatAmount(table.lastCap)} ${unit} for ${market.label}: such a position ` +
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
  market.tiers.requireOpenable(notionalAt(market.contract, quantity, entryPrice), 'quantity');
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
  const { contract, tiers: table } = market;
  requireStopOnLosingSide(side, entryPrice, stopPrice);
  const highest = table.highestLeverage;
  const top = highest === null ? UNLIMITED_SEARCH : Math.floor(highest.toNumber());
  const safe = (leverage: number): boolean => {
    const lev = new Dec(leverage);
    const quantity = quantityAt(lev);
    const notional = notionalAt(contract, quantity, entryPrice);
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
  // In the variable the contract is linear in (1/P for COIN-M, where the sides swap), as the solver works.
  const linear = (leverage: Dec) => linearLeg(contract, side, quantityAt(leverage), entryPrice);
  const stop = linearLeg(contract, side, ONE, stopPrice).entryPrice.toNumber();
  const guess = bisect(1, top, (leverage) => safeByFloats(stop, table, linear, leverage));
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

/** `safe` in floats (a guide only): the isolated liquidation price in the linear variable, from its bracket. */
function safeByFloats(
  stop: number,
  table: BracketTable,
  legAt: (leverage: Dec) => LinearLeg,
  leverage: number,
): boolean {
  const leg = legAt(new Dec(leverage));
  const side = leg.side;
  const quantity = leg.quantity.toNumber();
  const notional = leg.entryNotional.toNumber();
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

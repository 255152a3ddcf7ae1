import { type Dec, ONE } from './decimal';
import type { Contract, Market } from './market';
import type { Side } from './side';

// What a position's quantity and price are worth under each kind of contract. Every engine formula goes through
// these, so that a COIN-M position is never valued by the USDS-M formula in other units.

/**
 * The notional of `quantity` at `price`, in the margin asset: `Q·P` for a linear contract (USDT), `Q·CS/P` coins
 * for an inverse one.
 */
export function notionalAt(contract: Contract, quantity: Dec, price: Dec): Dec {
  if (contract.kind === 'linear') return quantity.times(price);
  return quantity.times(contract.contractSize).div(price);
}

/** The average price of a position of `quantity` whose entries add up to `entryNotional` (see `notionalAt`). */
export function priceOfNotional(contract: Contract, quantity: Dec, entryNotional: Dec): Dec {
  if (contract.kind === 'linear') return entryNotional.div(quantity);
  return quantity.times(contract.contractSize).div(entryNotional);
}

/**
 * Unrealized PnL in the margin asset: `side·Q·(P − EP)` linear, `side·Q·CS·(1/EP − 1/P)` inverse (the notional at
 * entry minus the notional now, for a long).
 */
export function pnlAt(contract: Contract, side: Side, quantity: Dec, entryPrice: Dec, price: Dec): Dec {
  const pnl =
    contract.kind === 'linear'
      ? quantity.times(price.minus(entryPrice))
      : notionalAt(contract, quantity, entryPrice).minus(notionalAt(contract, quantity, price));
  return side === 1 ? pnl : pnl.negated();
}

/**
 * The largest loss of a position that cannot be liquidated, as the price runs away from it: a linear long loses its
 * notional at entry as the price falls to 0 (`Q·EP`); an inverse short its notional at entry as the price rises
 * without bound (`Q·CS/EP`). Any other position can always be liquidated (`null`).
 */
export function unboundedMoveLoss(contract: Contract, side: Side, quantity: Dec, entryPrice: Dec): Dec | null {
  const runsAway = contract.kind === 'linear' ? side === 1 : side === -1;
  return runsAway ? notionalAt(contract, quantity, entryPrice) : null;
}

/** The asset amounts are in (USDT, USDC, BTC). */
export function unitOf(market: Market): string {
  return market.contract.marginAsset;
}

/**
 * A leg in the variable the margin condition is linear in. A linear contract is linear in `P`. An inverse one is
 * linear in `x = 1/P`: its PnL `side·Q·CS·(1/EP − x)` is a linear PnL of the other side, of `Q·CS` units entered at
 * `1/EP`, and its notional `Q·CS·x` is that quantity's at price `x`.
 */
export interface LinearLeg {
  readonly side: Side;
  readonly quantity: Dec;
  readonly entryPrice: Dec;
  readonly entryNotional: Dec;
}

export function linearLeg(
  contract: Contract,
  side: Side,
  quantity: Dec,
  entryPrice: Dec,
  entryNotional = notionalAt(contract, quantity, entryPrice),
): LinearLeg {
  if (contract.kind === 'linear') return { side, quantity, entryPrice, entryNotional };
  const units = quantity.times(contract.contractSize);
  return { side: side === 1 ? -1 : 1, quantity: units, entryPrice: ONE.div(entryPrice), entryNotional };
}

/**
 * A position's size in the quote currency: `Q·P` USDT for a linear contract; `Q·CS` USD for an inverse one, which does
 * not change with the price (a contract is a fixed number of dollars).
 */
export function quoteValue(contract: Contract, quantity: Dec, price: Dec): Dec {
  return contract.kind === 'linear' ? quantity.times(price) : quantity.times(contract.contractSize);
}

/** The quantity of a position of this quote value (see `quoteValue`). */
export function quantityOfQuoteValue(contract: Contract, value: Dec, price: Dec): Dec {
  return contract.kind === 'linear' ? value.div(price) : value.div(contract.contractSize);
}

/** The quantity whose notional at `price` is `notional` (see `notionalAt`). */
export function quantityOfNotional(contract: Contract, notional: Dec, price: Dec): Dec {
  return contract.kind === 'linear' ? notional.div(price) : notional.times(price).div(contract.contractSize);
}

/** The price at `x` of the linear variable (`x` itself, or `1/x`); `null` for an inverse `x ≤ 0` (no price). */
export function priceOfVariable(contract: Contract, x: Dec): Dec | null {
  if (contract.kind === 'linear') return x;
  return x.isPositive() && !x.isZero() ? ONE.div(x) : null;
}

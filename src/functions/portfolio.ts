import { type PortfolioPosition, portfolioLiquidationPrices } from '../engine';
import { readAccount } from './account';
import { type Arg, BLANK, type Out, type OutCell } from './cells';
import { errorCell, outcomeCell } from './results';
import type { CustomSpec } from './spec';

/**
 * LIQ_PRICE_PORTFOLIO: the rows are the positions of one cross account, so they are computed
 * together. A bad row shows its own error; since every cross price depends on every position,
 * the other rows then say which row to fix rather than show a number that ignores it.
 */
export function runPortfolio(args: readonly Arg[], spec: CustomSpec): Out {
  const { wallet, rows: slots, shape, single } = readAccount(args, spec);

  const out: OutCell[][] = Array.from({ length: shape.rows }, () => Array<OutCell>(shape.columns).fill(BLANK));
  const bad = slots.find((slot) => slot.error !== undefined);
  if (bad) {
    for (const slot of slots) {
      out[slot.row][slot.column] =
        slot.error !== undefined ? errorCell(slot.error) : `Error: row ${bad.row + 1} is invalid, and in cross margin every position's liquidation price depends on every other position; fix that row first.`;
    }
    return out;
  }
  if (slots.length === 0) return out;
  const outcomes = portfolioLiquidationPrices(slots.map((slot) => slot.position as PortfolioPosition), wallet);
  if (single) return outcomeCell(outcomes[0], 'wallet_balance');
  slots.forEach((slot, i) => {
    try {
      out[slot.row][slot.column] = outcomeCell(outcomes[i], 'wallet_balance');
    } catch (error) {
      out[slot.row][slot.column] = errorCell(error);
    }
  });
  return out;
}

import {
  type LiquidationOutcome,
  type PortfolioPosition,
  accountAtMark,
  checkPortfolioPosition,
  formatAmount,
  invalidValue,
  marginRatio,
  portfolioLiquidationPrices,
} from '../../engine';
import { outcomeCell, toCellNumber } from '../results';
import { type ArgsOf, type CellFailure, type Element, defineFunction } from '../spec';
import { ACCOUNT_PARAMS } from '../params';
import type { OutCell } from '../cells';
import { ACCOUNT_EXAMPLE } from './examples';

// LIQ_PRICE_PORTFOLIO and CROSS_MARGIN_RATIO: the elements are the positions of one cross
// account (ACCOUNT_PARAMS), computed together by the engine.

/** One row of an account, as the runner parses it. */
type AccountArgs = ArgsOf<typeof ACCOUNT_PARAMS>;

function positionOf(args: AccountArgs): PortfolioPosition {
  return {
    side: args.side,
    entryPrice: args.entryPrice,
    quantity: args.quantity,
    markPrice: args.markPrice,
    market: args.market,
  };
}

/** One row on its own: a position with valid numbers. */
function checkAccountRow(args: AccountArgs): void {
  checkPortfolioPosition(positionOf(args));
}

/**
 * The account's positions. With a column of symbols in `brackets`, a symbol names a market
 * (rows of one symbol move with one price: split entries combine, opposite sides hedge); with
 * one value for all rows, each row is a market of its own.
 */
function positionsOf(
  elements: readonly Element<AccountArgs>[],
  varies: (name: string) => boolean,
): PortfolioPosition[] {
  const bySymbol = varies('brackets');
  return elements.map((e) => {
    const position = positionOf(e.args);
    return { ...position, group: bySymbol ? position.market.symbol : null, label: `row ${e.row + 1}` };
  });
}

function portfolioCells(
  elements: readonly Element<AccountArgs>[],
  varies: (name: string) => boolean,
): (OutCell | CellFailure)[] {
  const outcomes: LiquidationOutcome[] = portfolioLiquidationPrices(
    positionsOf(elements, varies),
    elements[0].args.walletBalance,
  );
  return outcomes.map((outcome) => {
    try {
      return outcomeCell(outcome, 'walletBalance');
    } catch (failure) {
      return { failure };
    }
  });
}

/** Σ maintenance margin / (wallet + Σ unrealized PnL), every position at its mark price. */
function crossMarginRatioCell(elements: readonly Element<AccountArgs>[], varies: (name: string) => boolean): OutCell {
  // accountAtMark refuses an account without positions, so a first element exists after it.
  const { maintenanceMargin, unrealizedPnl } = accountAtMark(positionsOf(elements, varies));
  const wallet = elements[0].args.walletBalance;
  const balance = wallet.plus(unrealizedPnl);
  const ratio = marginRatio({ maintenanceMargin, marginBalance: balance });
  if (ratio === null) {
    throw invalidValue(
      'walletBalance',
      wallet.toString(),
      (w) =>
        `${w.name}: the margin balance (${formatAmount(wallet, 2)} + ` +
        `unrealized PnL ${formatAmount(unrealizedPnl, 2)}) is at or below ` +
        `zero; the account is past liquidation.`,
    );
  }
  return toCellNumber(ratio, 'margin ratio', 'walletBalance');
}

export const LIQ_PRICE_PORTFOLIO = defineFunction({
  name: 'LIQ_PRICE_PORTFOLIO',
  summary: 'Cross liquidation price of each position of an account, every other one held at its mark price.',
  notes:
    'With a column of symbols, rows of one symbol are one market: split entries combine and a LONG and a SHORT form ' +
    'a hedge-mode pair.',
  returns:
    'One cell per position: its liquidation price (for a hedge pair: the ' +
    'falling price on the LONG row, the rising one on the SHORT row), ' +
    'NONE, or an Error: text for a bad row.',
  params: ACCOUNT_PARAMS,
  example: ACCOUNT_EXAMPLE,
  combine: { kind: 'rows', result: 'perElement', check: checkAccountRow, compute: portfolioCells },
});

export const CROSS_MARGIN_RATIO = defineFunction({
  name: 'CROSS_MARGIN_RATIO',
  summary:
    'Margin ratio of a cross account at mark prices: maintenance margin / (wallet balance + unrealized PnL); ' +
    'liquidation at 1.',
  notes: 'Rows group by symbol as in LIQ_PRICE_PORTFOLIO.',
  returns: 'A fraction (format the cell as a percentage).',
  params: ACCOUNT_PARAMS,
  example: ACCOUNT_EXAMPLE,
  combine: { kind: 'rows', result: 'one', check: checkAccountRow, compute: crossMarginRatioCell },
});

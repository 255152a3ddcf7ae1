import {
  type AccountPosition,
  type Dec,
  type LiquidationOutcome,
  type PortfolioPosition,
  accountAtMark,
  accountLiquidationMoves,
  accountUnderMoves,
  checkPortfolioPosition,
  formatAmount,
  invalidValue,
  marginRatio,
  portfolioLiquidationPrices,
  requirePositions,
} from '../../engine';
import { outcomeCell, toCellNumber, toCellNumberOutward } from '../results';
import { type ArgsOf, type CellFailure, type Element, type ParsedValue, defineFunction } from '../spec';
import { ACCOUNT_LIQ_MOVE_PARAMS, ACCOUNT_PARAMS, ACCOUNT_STRESS_PARAMS } from '../params';
import { NONE, type OutCell } from '../cells';
import { ACCOUNT_EXAMPLE, ACCOUNT_MOVE_EXAMPLE, MOVES_EXAMPLE } from './examples';

// LIQ_PRICE_PORTFOLIO and CROSS_MARGIN_RATIO: the elements are the positions of one cross
// account (ACCOUNT_PARAMS), computed together by the engine. ACCOUNT_STRESS and ACCOUNT_LIQ_MOVE:
// the positions of one account with a margin mode per row, under a common market move.

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

/** One row of an account with per-row modes, as the runner parses it. */
type ModedArgs = ArgsOf<typeof ACCOUNT_LIQ_MOVE_PARAMS>;

function accountOf(elements: readonly Element<ModedArgs>[], varies: (name: string) => boolean) {
  if (elements.length === 0) requirePositions([]);
  const positions: AccountPosition[] = positionsOf(elements, varies).map((position, i) => {
    const { marginMode, isolatedMargin, beta } = elements[i].args;
    return { ...position, mode: marginMode, isolatedMargin: isolatedMargin ?? null, beta };
  });
  return { positions, walletBalance: elements[0].args.walletBalance };
}

/** The account checked once, then one ACCOUNT_STRESS row per move. */
function stressCells(elements: readonly Element<ModedArgs>[], varies: (name: string) => boolean) {
  const stress = accountUnderMoves(accountOf(elements, varies));
  return (value: ParsedValue): OutCell[] => {
    if (value === NONE) return [NONE]; // ACCOUNT_LIQ_MOVE's "no move liquidates", passed on
    const move = value as Dec;
    const after = stress(move);
    return [
      toCellNumber(move, 'move', 'move'),
      toCellNumber(after.equity, 'equity', 'walletBalance'),
      toCellNumber(after.change, 'change', 'walletBalance'),
      after.cross,
      after.isolatedLiquidated,
      after.marginRatio === null ? after.cross : toCellNumber(after.marginRatio, 'margin ratio', 'walletBalance'),
    ];
  };
}

function liquidationMoveCells(elements: readonly Element<ModedArgs>[], varies: (name: string) => boolean): OutCell[] {
  const { fall, rise } = accountLiquidationMoves(accountOf(elements, varies));
  return [fall, rise].map((move) => (move === null ? NONE : toCellNumberOutward(move, 'move', 'walletBalance')));
}

export const ACCOUNT_STRESS = defineFunction({
  name: 'ACCOUNT_STRESS',
  summary:
    'The whole account (cross and isolated rows) after each market move: equity, change, and what is liquidated.',
  notes:
    'Every price moves from its mark along mark·(1 + beta·t·move): an isolated row is liquidated at its own price, ' +
    'the cross account where its margin balance first reaches its maintenance margin (then its wallet is lost). ' +
    'Rows group by symbol as in LIQ_PRICE_PORTFOLIO.',
  returns:
    'A header row and one row per move: move, equity, change (from the marks), cross (SAFE, LIQUIDATED or NONE ' +
    'without a cross row), isolated liquidated (how many), margin ratio of the cross account (or its status). A ' +
    'blank move gives a blank row, so the rows stay beside their moves, and NONE (from ACCOUNT_LIQ_MOVE) a row ' +
    'that says NONE.',
  params: ACCOUNT_STRESS_PARAMS,
  example: [...ACCOUNT_MOVE_EXAMPLE.slice(0, 5), MOVES_EXAMPLE, ...ACCOUNT_MOVE_EXAMPLE.slice(5)],
  combine: {
    kind: 'rows',
    result: 'perValue',
    over: 'moves',
    header: ['move', 'equity', 'change', 'cross', 'isolated liquidated', 'margin ratio'],
    check: checkAccountRow,
    compute: stressCells,
  },
});

export const ACCOUNT_LIQ_MOVE = defineFunction({
  name: 'ACCOUNT_LIQ_MOVE',
  summary: 'The market moves, down and up, at which the cross account is liquidated, exact.',
  notes:
    'The path and grouping are as in ACCOUNT_STRESS. The fall is searched down to the move at which the first price ' +
    'reaches 0.',
  returns: 'One row of two cells: the fall (a fraction below 0) and the rise (above 0), or NONE where there is none.',
  params: ACCOUNT_LIQ_MOVE_PARAMS,
  example: ACCOUNT_MOVE_EXAMPLE,
  combine: { kind: 'rows', result: 'row', width: 2, check: checkAccountRow, compute: liquidationMoveCells },
});

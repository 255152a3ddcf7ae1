import {
  type Dec,
  type LiquidationOutcome,
  compareLeverage,
  crossLiquidationPrice,
  distanceToLiquidation,
  hedgeLiquidationPrices,
  invalidValue,
  isolatedLiquidationPrice,
  isolatedMargin,
  marginRatio,
  marginToAdd,
  maxLoss,
  checkPortfolioPosition,
  positionAtMark,
  touchProbability,
  requireNonNegative,
  unitOf,
} from '../../engine';
import { NONE, type OutCell } from '../cells';
import { GRID_HEADER, ODDS_HEADER } from '../../shared/columns';
import { P, PRICE } from '../params';
import { outcomeCell, toCellNumber } from '../results';
import { type CallShape, defineFunction } from '../spec';
import { Q } from './examples';

/** LIQ_GRID's header: the odds columns follow when both a volatility and a horizon are given. */
function gridHeader(call: CallShape): readonly string[] {
  const volatility = call.value('volatility');
  const horizon = call.value('horizon_days');
  if ((volatility === undefined) !== (horizon === undefined)) {
    const missing = volatility === undefined ? P.volatility : P.horizonDays;
    throw invalidValue(
      missing.field,
      '',
      (w) =>
        `${w.name} is blank; expected ${w.expected}: the chance of liquidation needs both volatility and horizon_days.`,
    );
  }
  return volatility === undefined ? GRID_HEADER : [...GRID_HEADER, ...ODDS_HEADER];
}

function distanceCell(distance: Dec | null): OutCell {
  return distance === null ? NONE : toCellNumber(distance, 'distance to liquidation', 'leverage');
}

export const LIQ_PRICE_ISOLATED = defineFunction({
  name: 'LIQ_PRICE_ISOLATED',
  summary:
    'Liquidation price of an isolated position (exact, bracket at the liquidation notional); NONE if it cannot be ' +
    'liquidated.',
  returns:
    "The liquidation price, or NONE for a position whose margin covers the price running away from it (a long's " +
    "fall to zero; a COIN-M short's unbounded rise).",
  params: [P.side, P.entryPrice, P.quantity, P.leverage, P.addedMargin, P.brackets],
  example: ['LONG', 60000, Q, 10],
  combine: {
    kind: 'elementwise',
    width: 1,
    compute: (a) => outcomeCell(isolatedLiquidationPrice(a), 'leverage'),
  },
});

export const LIQ_PRICE_CROSS = defineFunction({
  name: 'LIQ_PRICE_CROSS',
  summary:
    "Liquidation price in cross margin, one-way mode (Binance's WB, TMM1, UPNL1; exact); NONE if it cannot be " +
    'liquidated.',
  notes: 'The bracket is the one at the liquidation notional.',
  returns: 'The liquidation price, or NONE.',
  params: [P.side, P.entryPrice, P.quantity, P.walletBalance, P.otherMaintMargin, P.otherUnrealizedPnl, P.brackets],
  example: ['LONG', 60000, Q, 5000],
  combine: {
    kind: 'elementwise',
    width: 1,
    compute: (a) =>
      outcomeCell(
        crossLiquidationPrice({
          side: a.side,
          entryPrice: a.entryPrice,
          quantity: a.quantity,
          walletBalance: a.walletBalance,
          otherMaintenanceMargin: a.otherMaintMargin,
          otherUnrealizedPnl: a.otherUnrealizedPnl,
          market: a.market,
        }),
        'walletBalance',
      ),
  },
});

export const LIQ_PRICE_HEDGE = defineFunction({
  name: 'LIQ_PRICE_HEDGE',
  summary:
    'Hedge mode (a LONG and a SHORT on one symbol, cross): the price that ' +
    'liquidates on a fall and the one on a rise.',
  returns: 'A row of two cells: the falling and the rising liquidation price (NONE where there is none).',
  params: [
    {
      name: 'long_quantity',
      field: 'longQuantity',
      type: 'number',
      limit: 'atLeast0',
      expected: 'a quantity of 0 or more in the base asset',
      help: 'Quantity of the LONG position in the base asset (0 if none).',
    },
    {
      name: 'long_entry',
      field: 'longEntry',
      type: 'number',
      limit: 'above0',
      expected: PRICE,
      help: 'Entry price of the LONG position.',
    },
    {
      name: 'short_quantity',
      field: 'shortQuantity',
      type: 'number',
      limit: 'atLeast0',
      expected: 'a quantity of 0 or more in the base asset',
      help: 'Quantity of the SHORT position in the base asset (0 if none).',
    },
    {
      name: 'short_entry',
      field: 'shortEntry',
      type: 'number',
      limit: 'above0',
      expected: PRICE,
      help: 'Entry price of the SHORT position.',
    },
    P.walletBalance,
    P.otherMaintMargin,
    P.otherUnrealizedPnl,
    P.brackets,
  ],
  example: [1, 60000, 1, 62000, 500],
  combine: {
    kind: 'elementwise',
    width: 2,
    compute: (a) => {
      const outcome = hedgeLiquidationPrices({
        longQuantity: a.longQuantity,
        longEntryPrice: a.longEntry,
        shortQuantity: a.shortQuantity,
        shortEntryPrice: a.shortEntry,
        walletBalance: a.walletBalance,
        otherMaintenanceMargin: a.otherMaintMargin,
        otherUnrealizedPnl: a.otherUnrealizedPnl,
        market: a.market,
      });
      return [outcomeCell(outcome.fall, 'walletBalance'), outcomeCell(outcome.rise, 'walletBalance')];
    },
  },
});

export const MAX_LOSS = defineFunction({
  name: 'MAX_LOSS',
  summary:
    'The most this position can lose: its isolated margin (ISOLATED), the wallet (CROSS), or the loss at stop_price ' +
    'if the stop comes first.',
  returns: 'The loss in the margin asset (USDT; the coin for COIN-M), as a positive number.',
  params: [
    P.marginMode,
    P.side,
    P.entryPrice,
    P.quantity,
    P.leverage,
    P.walletBalance,
    P.addedMargin,
    P.stopPrice,
    P.brackets,
  ],
  example: ['ISOLATED', 'LONG', 60000, Q, 10, 5000, 0, 57000],
  combine: {
    kind: 'elementwise',
    width: 1,
    compute: (a) =>
      toCellNumber(
        maxLoss({
          mode: a.marginMode,
          side: a.side,
          entryPrice: a.entryPrice,
          quantity: a.quantity,
          leverage: a.leverage,
          walletBalance: a.walletBalance,
          addedMargin: a.addedMargin,
          stopPrice: a.stopPrice,
          market: a.market,
        }).loss,
        'maximum loss',
        'quantity',
      ),
  },
});

export const MARGIN_TO_ADD = defineFunction({
  name: 'MARGIN_TO_ADD',
  summary:
    'Margin to add to an isolated position so that it liquidates at ' +
    'target_liq_price; 0 if it already liquidates beyond it.',
  returns: 'The margin to add (in the margin asset), 0 or more.',
  params: [
    P.side,
    P.entryPrice,
    P.quantity,
    P.leverage,
    {
      name: 'target_liq_price',
      field: 'targetLiqPrice',
      type: 'number',
      limit: 'above0',
      expected: PRICE,
      help: 'The liquidation price you want: below the entry for a LONG, above it for a SHORT.',
    },
    P.brackets,
  ],
  example: ['LONG', 60000, Q, 10, 50000],
  combine: {
    kind: 'elementwise',
    width: 1,
    compute: (a) =>
      toCellNumber(
        marginToAdd({
          side: a.side,
          entryPrice: a.entryPrice,
          quantity: a.quantity,
          leverage: a.leverage,
          targetLiquidationPrice: a.targetLiqPrice,
          market: a.market,
        }),
        'margin to add',
        'quantity',
      ),
  },
});

export const ISOLATED_MARGIN = defineFunction({
  name: 'ISOLATED_MARGIN',
  summary:
    'Margin of an isolated position: entry_price × quantity / leverage + added_margin, the leverage checked against ' +
    'its bracket.',
  returns: 'An amount in the margin asset (USDT; the coin for COIN-M).',
  params: [P.entryPrice, P.quantity, P.leverage, P.addedMargin, P.brackets],
  example: [60000, Q, 10],
  combine: {
    kind: 'elementwise',
    width: 1,
    compute: (a) =>
      toCellNumber(
        isolatedMargin({
          side: 1,
          entryPrice: a.entryPrice,
          quantity: a.quantity,
          leverage: a.leverage,
          addedMargin: a.addedMargin,
          market: a.market,
        }),
        'isolated margin',
        'quantity',
      ),
  },
});

export const LIQ_DISTANCE = defineFunction({
  name: 'LIQ_DISTANCE',
  summary:
    'How far the price can move against the position before liquidation, as a fraction (0.1 = 10 %); NONE if ' +
    'liq_price is.',
  returns: 'A fraction (format the cell as a percentage), or NONE.',
  params: [
    P.side,
    {
      name: 'price',
      field: 'price',
      type: 'number',
      limit: 'above0',
      expected: PRICE,
      help: 'The price to measure from: the entry or the current mark price.',
    },
    {
      name: 'liq_price',
      field: 'liqPrice',
      type: 'numberOrNone',
      limit: 'above0',
      expected: 'a liquidation price above 0, or NONE',
      help: 'A liquidation price (or NONE), usually the result of LIQ_PRICE_ISOLATED or LIQ_PRICE_CROSS.',
    },
  ],
  example: ['LONG', 60000, 54000],
  combine: {
    kind: 'elementwise',
    width: 1,
    compute: (a) => {
      if (a.liqPrice === NONE) return NONE;
      return toCellNumber(
        distanceToLiquidation({ side: a.side, price: a.price, liquidationPrice: a.liqPrice }),
        'distance to liquidation',
        'liqPrice',
      );
    },
  },
});

export const MARGIN_RATIO = defineFunction({
  name: 'MARGIN_RATIO',
  summary:
    'Margin ratio of an isolated position at the mark price: maintenance ' +
    'margin / (margin + unrealized PnL). Liquidation at 1 (100 %).',
  returns: 'A fraction (format the cell as a percentage).',
  params: [
    P.side,
    P.entryPrice,
    P.quantity,
    P.markPrice,
    {
      name: 'margin',
      field: 'margin',
      type: 'number',
      limit: 'atLeast0',
      expected: 'a margin of 0 or more',
      help: 'The isolated margin (ISOLATED_MARGIN gives it).',
    },
    P.brackets,
  ],
  example: ['LONG', 60000, Q, 57000, 1000],
  combine: {
    kind: 'elementwise',
    width: 1,
    compute: (a) => {
      const position = {
        side: a.side,
        quantity: a.quantity,
        entryPrice: a.entryPrice,
        markPrice: a.markPrice,
        market: a.market,
      };
      checkPortfolioPosition(position);
      const margin = requireNonNegative('margin', a.margin);
      const atMark = positionAtMark(position);
      const ratio = marginRatio({
        maintenanceMargin: atMark.maintenanceMargin,
        marginBalance: margin.plus(atMark.unrealizedPnl),
      });
      if (ratio === null) {
        throw invalidValue(
          'margin',
          margin.toString(),
          (w) =>
            `${w.name}: ${margin.toString()} ${unitOf(position.market)} plus the unrealized PnL at the ` +
            `mark price is at or below zero; the position is past liquidation.`,
        );
      }
      return toCellNumber(ratio, 'margin ratio', 'margin');
    },
  },
});

export const LIQ_GRID = defineFunction({
  name: 'LIQ_GRID',
  summary:
    'A table across leverages: isolated margin, liquidation price, distance and max loss, in isolated and in cross.',
  returns: 'A header row and one row per leverage.',
  params: [
    P.side,
    P.entryPrice,
    P.quantity,
    P.accountBalance,
    {
      name: 'leverages',
      field: 'leverage',
      type: 'number',
      limit: 'atLeast1',
      expected: 'a leverage of 1 or more',
      help: 'A range (or list) of leverages to compare, such as {2, 5, 10, 20, 50}.',
    },
    P.brackets,
    P.gridVolatility,
    P.gridHorizonDays,
  ],
  example: ['LONG', 60000, Q, 5000, [[2], [5], [10], [20], [50]]],
  combine: {
    kind: 'list',
    list: 'leverages',
    header: gridHeader,
    compute: (a) => {
      const leverage = a.leverage;
      const scenario = {
        side: a.side,
        entryPrice: a.entryPrice,
        sizeMode: 'QUANTITY',
        size: a.quantity,
        walletBalance: a.walletBalance,
        market: a.market,
      } as const;
      let row;
      try {
        row = compareLeverage(scenario, leverage);
      } catch (failure) {
        // The leverage stays visible beside the reason it is not possible.
        return [toCellNumber(leverage, 'leverage', 'leverage'), { failure }];
      }
      const cells: OutCell[] = [
        toCellNumber(leverage, 'leverage', 'leverage'),
        toCellNumber(row.margin, 'margin', 'leverage'),
        outcomeCell(row.isolated.liquidation, 'leverage'),
        distanceCell(row.isolated.distance),
        toCellNumber(row.isolated.maxLoss, 'isolated maximum loss', 'leverage'),
        outcomeCell(row.cross.liquidation, 'walletBalance'),
        distanceCell(row.cross.distance),
        toCellNumber(row.cross.maxLoss, 'cross maximum loss', 'walletBalance'),
      ];
      const volatility = a.volatility;
      const horizon = a.horizonDays;
      if (volatility === undefined || horizon === undefined) return cells;
      const chance = (liquidation: LiquidationOutcome) =>
        touchProbability({
          side: a.side,
          price: a.entryPrice.toNumber(),
          liquidationPrice: liquidation.kind === 'price' ? liquidation.price.toNumber() : null,
          volatility: volatility.toNumber(),
          horizonDays: horizon.toNumber(),
        });
      return [...cells, chance(row.isolated.liquidation), chance(row.cross.liquidation)];
    },
  },
});

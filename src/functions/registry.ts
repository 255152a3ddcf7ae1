import {
  type BracketTable,
  type Dec,
  type LiquidationOutcome,
  type TouchInput,
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
  costToOpen,
  maxOpenQuantity,
  maxSafeLeverage,
  positionAtMark,
  positionSize,
  profitAndLoss,
  returnOnMargin,
  targetPrice,
  annualVolatility,
  fundingPaymentsToLiquidation,
  touchProbability,
  lossProbability,
  ZERO,
  requireNonNegative,
  requirePositive,
} from '../engine';
import { SNAPSHOT_AS_OF } from '../data/symbols';
import { checkAccountRow, crossMarginRatioCell, portfolioCells } from './account';
import { NONE, type OutCell } from './cells';
import { BRACKET_COLUMNS, GRID_HEADER, ODDS_HEADER } from './columns';
import { ACCOUNT_PARAMS, BRACKET_ROWS_TEXT, P } from './params';
import { outcomeCell, toCellNumber } from './results';
import { type ArgsOf, type CallShape, type FunctionSpec, defineFunction } from './spec';

// Typed reads of parsed arguments (the parser guarantees the type for each parameter).
/** The example position's quantity: a 10,000 USDT position at 60,000. */
const Q = { expr: '10000/60000', value: 10000 / 60000 };
const ACCOUNT_EXAMPLE = [
  [['LONG'], ['SHORT']],
  [[60000], [3000]],
  [[1], [10]],
  [[61000], [2900]],
  20000,
  [['BTCUSDT'], ['ETHUSDT']],
];

/** LIQ_GRID's header: the odds columns follow when both a volatility and a horizon are given. */
function gridHeader(call: CallShape): readonly string[] {
  const volatility = call.value('volatility');
  const horizon = call.value('horizon_days');
  if ((volatility === null) !== (horizon === null)) {
    const missing = volatility === null ? P.volatility : P.horizonDays;
    throw invalidValue(
      missing.field,
      '',
      (w) =>
        `${w.name} is blank; expected ${w.expected}: the chance of liquidation needs both volatility and horizon_days.`,
    );
  }
  return volatility === null ? GRID_HEADER : [...GRID_HEADER, ...ODDS_HEADER];
}

/** What the odds functions read: LIQ_PROBABILITY's parameters (LOSS_PROBABILITY adds a stop). */
type OddsArgs = ArgsOf<
  [typeof P.side, typeof P.priceNow, typeof P.liqPriceOrNone, typeof P.volatility, typeof P.horizonDays, typeof P.drift]
>;

/** The odds functions' arguments as the model takes them (floats: a model, not money). */
function touchInput(a: OddsArgs): TouchInput {
  return {
    side: a.side,
    price: requirePositive('price', a.price).toNumber(),
    liquidationPrice: a.liqPrice === NONE ? null : requirePositive('liqPrice', a.liqPrice).toNumber(),
    volatility: a.volatility.toNumber(),
    horizonDays: a.horizonDays.toNumber(),
    drift: a.drift?.toNumber(),
  };
}

function distanceCell(distance: Dec | null): OutCell {
  return distance === null ? NONE : toCellNumber(distance, 'distance to liquidation', 'leverage');
}

/**
 * Every sheet function, declared once. From this list come argument parsing, broadcasting,
 * result shapes and messages (at run time), the top-level JSDoc wrappers in dist/Code.js and
 * the README function reference (at build time). Names and argument orders are public API:
 * never change them.
 */
export const FUNCTIONS: readonly FunctionSpec[] = [
  defineFunction({
    name: 'LIQ_PRICE_ISOLATED',
    summary:
      'Liquidation price of an isolated position (Binance USDS-M, exact, ' +
      'bracket taken at the liquidation notional). NONE if it cannot be ' +
      'liquidated.',
    returns: 'The liquidation price in USDT, or NONE for a long whose margin covers a fall to zero.',
    params: [P.side, P.entryPrice, P.quantity, P.leverage, P.addedMargin, P.brackets],
    example: ['LONG', 60000, Q, 10],
    combine: {
      kind: 'elementwise',
      width: 1,
      compute: (a) =>
        outcomeCell(
          isolatedLiquidationPrice({
            side: a.side,
            entryPrice: a.entryPrice,
            quantity: a.quantity,
            leverage: a.leverage,
            addedMargin: a.addedMargin ?? undefined,
            table: a.brackets,
          }),
          'leverage',
        ),
    },
  }),
  defineFunction({
    name: 'LIQ_PRICE_CROSS',
    summary:
      "Liquidation price in cross margin, one-way mode (Binance's WB, TMM1, " +
      'UPNL1; exact, bracket taken at the liquidation notional). NONE if it ' +
      'cannot be liquidated.',
    returns: 'The liquidation price in USDT, or NONE.',
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
            otherMaintenanceMargin: a.otherMaintMargin ?? undefined,
            otherUnrealizedPnl: a.otherUnrealizedPnl ?? undefined,
            table: a.brackets,
          }),
          'walletBalance',
        ),
    },
  }),
  defineFunction({
    name: 'LIQ_PRICE_PORTFOLIO',
    summary:
      'Cross liquidation price of each position of an account (one row per ' +
      'position), every other position held at its mark price. With a column ' +
      'of symbols, rows of one symbol are one market: split entries combine ' +
      'and a LONG and a SHORT form a hedge-mode pair.',
    returns:
      'One cell per position: its liquidation price (for a hedge pair: the ' +
      'falling price on the LONG row, the rising one on the SHORT row), ' +
      'NONE, or an Error: text for a bad row.',
    params: ACCOUNT_PARAMS,
    example: ACCOUNT_EXAMPLE,
    combine: { kind: 'rows', result: 'perElement', check: checkAccountRow, compute: portfolioCells },
  }),
  defineFunction({
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
        expected: 'a quantity of 0 or more in the base asset',
        help: 'Quantity of the LONG position in the base asset (0 if none).',
      },
      {
        name: 'long_entry',
        field: 'longEntry',
        type: 'number',
        expected: 'a price above 0',
        help: 'Entry price of the LONG position in USDT.',
      },
      {
        name: 'short_quantity',
        field: 'shortQuantity',
        type: 'number',
        expected: 'a quantity of 0 or more in the base asset',
        help: 'Quantity of the SHORT position in the base asset (0 if none).',
      },
      {
        name: 'short_entry',
        field: 'shortEntry',
        type: 'number',
        expected: 'a price above 0',
        help: 'Entry price of the SHORT position in USDT.',
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
          otherMaintenanceMargin: a.otherMaintMargin ?? undefined,
          otherUnrealizedPnl: a.otherUnrealizedPnl ?? undefined,
          table: a.brackets,
        });
        return [outcomeCell(outcome.fall, 'walletBalance'), outcomeCell(outcome.rise, 'walletBalance')];
      },
    },
  }),
  defineFunction({
    name: 'MAX_LOSS',
    summary:
      'The most this position can lose: its isolated margin (ISOLATED) or ' +
      'the whole wallet balance (CROSS), or the loss at stop_price if the ' +
      'stop is reached before liquidation.',
    returns: 'The loss in USDT, as a positive number.',
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
            addedMargin: a.addedMargin ?? undefined,
            stopPrice: a.stopPrice,
            table: a.brackets,
          }).loss,
          'maximum loss',
          'quantity',
        ),
    },
  }),
  defineFunction({
    name: 'MARGIN_TO_ADD',
    summary:
      'Margin to add to an isolated position so that it liquidates at ' +
      'target_liq_price; 0 if it already liquidates beyond it.',
    returns: 'USDT to add, 0 or more.',
    params: [
      P.side,
      P.entryPrice,
      P.quantity,
      P.leverage,
      {
        name: 'target_liq_price',
        field: 'targetLiqPrice',
        type: 'number',
        expected: 'a price above 0',
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
            table: a.brackets,
          }),
          'margin to add',
          'quantity',
        ),
    },
  }),
  defineFunction({
    name: 'MAINT_MARGIN',
    summary: 'Maintenance margin of a position of that notional: notional × rate − maintenance amount of its bracket.',
    returns: 'USDT.',
    params: [P.notional, P.brackets],
    example: [100000, 'BTCUSDT'],
    combine: {
      kind: 'elementwise',
      width: 1,
      compute: (a) => {
        const notional = requireNonNegative('notional', a.notional);
        return toCellNumber(a.brackets.maintenanceMargin(notional), 'maintenance margin', 'notional');
      },
    },
  }),
  defineFunction({
    name: 'MAX_LEVERAGE',
    summary: 'The highest leverage allowed for a position of that notional (its bracket maximum).',
    returns: 'A leverage, such as 125.',
    params: [P.notional, P.brackets],
    example: [1000000, 'BTCUSDT'],
    combine: {
      kind: 'elementwise',
      width: 1,
      compute: (a) => {
        const t = a.brackets;
        const maximum = t.maxLeverageAt(requireNonNegative('notional', a.notional), 'notional');
        if (maximum === null)
          throw invalidValue(
            'brackets',
            t.label,
            (w) => `${w.name}: ${t.label} sets no leverage limit; pass a symbol or a bracket table to get one.`,
          );
        return toCellNumber(maximum, 'maximum leverage', 'brackets');
      },
    },
  }),
  defineFunction({
    name: 'ISOLATED_MARGIN',
    summary:
      'Margin of an isolated position: entry_price × quantity / leverage + ' +
      'added_margin, with the leverage checked against the bracket maximum.',
    returns: 'USDT.',
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
            addedMargin: a.addedMargin ?? undefined,
            table: a.brackets,
          }),
          'isolated margin',
          'quantity',
        ),
    },
  }),
  defineFunction({
    name: 'LIQ_DISTANCE',
    summary:
      'How far the price can move against the position before liquidation, ' +
      'as a fraction of price (0.1 = 10 %); NONE if liq_price is NONE.',
    returns: 'A fraction (format the cell as a percentage), or NONE.',
    params: [
      P.side,
      {
        name: 'price',
        field: 'price',
        type: 'number',
        expected: 'a price above 0',
        help: 'The price to measure from: the entry or the current mark price, in USDT.',
      },
      {
        name: 'liq_price',
        field: 'liqPrice',
        type: 'numberOrNone',
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
        const liquidation = requirePositive('liqPrice', a.liqPrice);
        return toCellNumber(distanceToLiquidation(a.side, a.price, liquidation), 'distance to liquidation', 'liqPrice');
      },
    },
  }),
  defineFunction({
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
        expected: 'a margin of 0 or more USDT',
        help: 'The isolated margin in USDT (ISOLATED_MARGIN gives it).',
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
          table: a.brackets,
        };
        checkPortfolioPosition(position);
        const margin = requireNonNegative('margin', a.margin);
        const atMark = positionAtMark(position);
        const ratio = marginRatio(atMark.maintenanceMargin, margin.plus(atMark.unrealizedPnl));
        if (ratio === null) {
          throw invalidValue(
            'margin',
            margin.toString(),
            (w) =>
              `${w.name}: ${margin.toString()} USDT plus the unrealized PnL at the ` +
              `mark price is at or below zero; the position is past liquidation.`,
          );
        }
        return toCellNumber(ratio, 'margin ratio', 'margin');
      },
    },
  }),
  defineFunction({
    name: 'CROSS_MARGIN_RATIO',
    summary:
      'Margin ratio of a cross account: the maintenance margin of all its ' +
      'positions / (wallet balance + their unrealized PnL), at mark prices. ' +
      'Liquidation at 1 (100 %). Rows group by symbol as in ' +
      'LIQ_PRICE_PORTFOLIO.',
    returns: 'A fraction (format the cell as a percentage).',
    params: ACCOUNT_PARAMS,
    example: ACCOUNT_EXAMPLE,
    combine: { kind: 'rows', result: 'one', check: checkAccountRow, compute: crossMarginRatioCell },
  }),
  defineFunction({
    name: 'LIQ_GRID',
    summary:
      'A comparison table across leverages: isolated margin, liquidation ' +
      'price, distance and maximum loss in isolated and in cross mode.',
    returns: 'A header row and one row per leverage.',
    params: [
      P.side,
      P.entryPrice,
      P.quantity,
      {
        ...P.walletBalance,
        help: 'Account balance in USDT: the cross wallet, and the funds the isolated margin comes from.',
      },
      {
        name: 'leverages',
        field: 'leverage',
        type: 'number',
        expected: 'a leverage of 1 or more',
        help: 'A range (or list) of leverages to compare, such as {2, 5, 10, 20, 50}.',
      },
      P.brackets,
      {
        ...P.volatility,
        optional: true,
        help:
          'Optional. Annual volatility as a fraction, 0.6 (or 60%) for 60 %: with horizon_days, adds the chance ' +
          'of liquidation per mode.',
      },
      {
        ...P.horizonDays,
        optional: true,
        help: 'Optional. The horizon in days for the chance of liquidation (with volatility).',
      },
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
          table: a.brackets,
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
        if (volatility === null || horizon === null) return cells;
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
  }),
  defineFunction({
    name: 'BRACKETS',
    summary:
      'The leverage brackets of a symbol from the bundled dated snapshot, so ' +
      'the assumption behind every number can be seen and copied; given a ' +
      'range of bracket rows, checks it and shows it the same way.',
    returns: 'A title row (with the snapshot date), a header row and one row per bracket.',
    params: [
      {
        name: 'symbol',
        field: 'brackets',
        type: 'brackets',
        single: true,
        expected: 'a symbol such as BTCUSDT, or a range of bracket rows to check',
        help: `A Binance USDS-M symbol such as BTCUSDT (any case), or ${BRACKET_ROWS_TEXT}) of your own, to check.`,
      },
    ],
    example: ['BTCUSDT'],
    combine: {
      kind: 'table',
      shape: (call) => ({
        rows: (call.value('symbol') as BracketTable).brackets.length + 2,
        columns: BRACKET_COLUMNS.length,
      }),
      compute: (a) => {
        const t = a.brackets;
        if (t.brackets[0].maxLeverage === null) {
          throw invalidValue(
            'brackets',
            t.label,
            (w) => `${w.name}: ${t.label} has no brackets to show; expected ${w.expected}.`,
          );
        }
        const title =
          t.symbol !== null
            ? `${t.label} leverage brackets, Binance USDS-M snapshot of ${SNAPSHOT_AS_OF}`
            : `${t.label}: ${t.brackets.length} brackets, checked`;
        const rows = t.brackets.map((b) =>
          [b.floor, b.cap, b.mmr, b.cum, b.maxLeverage!].map(
            (v) => toCellNumber(v, 'bracket value', 'brackets') as OutCell,
          ),
        );
        return [[title, ...Array<OutCell>(BRACKET_COLUMNS.length - 1).fill('')], BRACKET_COLUMNS.slice(), ...rows];
      },
    },
  }),
  defineFunction({
    name: 'PNL',
    summary: 'Profit of closing the position at exit_price, before fees: side × quantity × (exit − entry).',
    returns: 'USDT, negative for a loss.',
    params: [P.side, P.entryPrice, P.exitPrice, P.quantity],
    example: ['LONG', 60000, 66000, 0.5],
    combine: {
      kind: 'elementwise',
      width: 1,
      compute: (a) => toCellNumber(profitAndLoss(a.side, a.entryPrice, a.exitPrice, a.quantity), 'PnL', 'quantity'),
    },
  }),
  defineFunction({
    name: 'ROE',
    summary:
      'Return on the initial margin of closing at exit_price, before fees: side × (exit / entry − 1) × leverage.',
    returns: 'A fraction (0.5 is 50 %; format the cell as a percentage).',
    params: [
      P.side,
      P.entryPrice,
      P.exitPrice,
      { ...P.leverage, help: "Leverage, 1 or more, at most the market's highest." },
      P.market,
    ],
    example: ['LONG', 60000, 66000, 10],
    combine: {
      kind: 'elementwise',
      width: 1,
      compute: (a) =>
        toCellNumber(returnOnMargin(a.side, a.entryPrice, a.exitPrice, a.leverage, a.brackets), 'ROE', 'leverage'),
    },
  }),
  defineFunction({
    name: 'TARGET_PRICE',
    summary: 'The exit price that gives target_roe on the initial margin: entry × (1 + side × target_roe / leverage).',
    returns: 'A price in USDT (an error if a short would need a price at or below 0).',
    params: [
      P.side,
      P.entryPrice,
      { ...P.leverage, help: "Leverage, 1 or more, at most the market's highest." },
      {
        name: 'target_roe',
        field: 'targetRoe',
        type: 'number',
        expected: 'a return as a fraction, such as 0.5 for 50 %',
        help:
          'The return on margin you want, as a fraction (0.5 is 50 %, -0.2 a 20 % loss); a loss at or past ' +
          'the liquidation price is refused.',
      },
      P.market,
    ],
    example: ['LONG', 100000, 10, 0.5],
    combine: {
      kind: 'elementwise',
      width: 1,
      compute: (a) =>
        toCellNumber(
          targetPrice(a.side, a.entryPrice, a.leverage, a.targetRoe, a.brackets),
          'target price',
          'targetRoe',
        ),
    },
  }),
  defineFunction({
    name: 'AVG_ENTRY_PRICE',
    summary:
      'The entry price of a position built from several fills: Σ quantity × ' +
      'price / Σ quantity over the two ranges (rows blank in both are ' +
      'skipped).',
    returns: 'One price in USDT.',
    params: [
      {
        name: 'quantities',
        field: 'quantity',
        type: 'number',
        expected: 'a quantity above 0',
        help: 'The quantity of each fill, in the base asset, each above 0.',
      },
      {
        name: 'prices',
        field: 'prices',
        type: 'number',
        expected: 'a price above 0',
        help: 'The price of each fill in USDT, same shape as quantities.',
      },
    ],
    example: [
      [[0.5], [0.3], [0.2]],
      [[60000], [58000], [55000]],
    ],
    combine: {
      kind: 'rows',
      result: 'one',
      check: (a) => {
        requirePositive('quantity', a.quantity);
        requirePositive('prices', a.prices);
      },
      compute: (elements) => {
        if (elements.length === 0)
          throw invalidValue(
            'quantity',
            '',
            (w) => `${w.name}: no fill given; expected at least one row of quantity and price.`,
          );
        let quantity = ZERO;
        let notional = ZERO;
        for (const { args } of elements) {
          quantity = quantity.plus(args.quantity);
          notional = notional.plus(args.quantity.times(args.prices));
        }
        return toCellNumber(notional.div(quantity), 'average entry price', 'prices');
      },
    },
  }),
  defineFunction({
    name: 'COST_TO_OPEN',
    summary:
      'What opening takes from the balance: the initial margin quantity × ' +
      "order_price / leverage, plus Binance's open loss for an order worse " +
      'than the mark (quantity × max(0, side × (order − mark))). Fees not ' +
      'included.',
    returns: 'USDT.',
    params: [
      P.side,
      P.orderPrice,
      P.quantity,
      { ...P.leverage, help: 'Leverage, 1 or more.' },
      { ...P.markPrice, optional: true, help: 'Optional, default order_price. The current mark price in USDT.' },
    ],
    example: ['SHORT', 9253.3, 1, 20, 9259.84],
    combine: {
      kind: 'elementwise',
      width: 1,
      compute: (a) => {
        const order = a.orderPrice;
        return toCellNumber(
          costToOpen(a.side, order, a.quantity, a.leverage, a.markPrice ?? order),
          'cost to open',
          'quantity',
        );
      },
    },
  }),
  defineFunction({
    name: 'MAX_OPEN',
    summary:
      'The largest quantity that can be opened: available_balance / ' +
      "(order_price / leverage + Binance's open loss per unit), capped by " +
      'the notional cap of the last bracket that allows this leverage. Fees ' +
      'are not included: keep a margin for them.',
    returns: 'A quantity in the base asset.',
    params: [
      P.side,
      P.orderPrice,
      { ...P.leverage, help: 'Leverage, 1 or more, at most the first bracket maximum.' },
      {
        name: 'available_balance',
        field: 'availableBalance',
        type: 'number',
        expected: 'a balance of 0 or more USDT',
        help: 'The balance available to open with, in USDT.',
      },
      { ...P.markPrice, optional: true, help: 'Optional, default order_price. The current mark price in USDT.' },
      P.brackets,
    ],
    example: ['LONG', 60000, 10, 1000],
    combine: {
      kind: 'elementwise',
      width: 1,
      compute: (a) => {
        const order = a.orderPrice;
        const quantity = maxOpenQuantity(
          a.side,
          order,
          a.leverage,
          a.availableBalance,
          a.markPrice ?? order,
          a.brackets,
        );
        return toCellNumber(quantity, 'maximum quantity', 'availableBalance');
      },
    },
  }),
  defineFunction({
    name: 'POSITION_SIZE',
    summary: 'The quantity whose loss at the stop is risk_amount: risk_amount / |entry − stop|.',
    returns: 'A quantity in the base asset.',
    params: [
      P.side,
      P.entryPrice,
      {
        ...P.stopPrice,
        optional: false,
        help: 'The stop-loss price: below the entry for a LONG, above it for a SHORT.',
      },
      {
        name: 'risk_amount',
        field: 'riskAmount',
        type: 'number',
        expected: 'an amount above 0 USDT',
        help: 'What you accept to lose at the stop, in USDT.',
      },
      P.market,
    ],
    example: ['LONG', 60000, 57000, 300],
    combine: {
      kind: 'elementwise',
      width: 1,
      compute: (a) =>
        toCellNumber(
          positionSize(a.side, a.entryPrice, a.stopPrice, a.riskAmount, a.brackets),
          'position size',
          'riskAmount',
        ),
    },
  }),
  defineFunction({
    name: 'MAX_SAFE_LEVERAGE',
    summary:
      'The highest whole leverage at which an isolated position (no added ' +
      'margin) is liquidated beyond stop_price, so the stop fires first; at ' +
      'most the bracket maximum for the opening notional (brackets taken at ' +
      'the liquidation notional).',
    returns: 'A whole leverage, such as 18.',
    params: [
      P.side,
      P.entryPrice,
      P.quantity,
      {
        ...P.stopPrice,
        optional: false,
        help: 'The stop-loss price: below the entry for a LONG, above it for a SHORT.',
      },
      P.brackets,
    ],
    example: ['LONG', 60000, Q, 57000],
    combine: {
      kind: 'elementwise',
      width: 1,
      compute: (a) =>
        toCellNumber(
          maxSafeLeverage(a.side, a.entryPrice, a.quantity, a.stopPrice, a.brackets),
          'leverage',
          'stopPrice',
        ),
    },
  }),
  defineFunction({
    name: 'LIQ_PROBABILITY',
    summary:
      'The chance (0 to 1) that the price touches liq_price within horizon_days, for a price following geometric ' +
      'Brownian motion with this annual volatility and drift. It assumes continuous monitoring, constant volatility ' +
      'and no jumps: real odds are higher in crashes.',
    returns:
      'A probability from 0 to 1 (format the cell as a percentage): 0 for NONE, 1 if the price is already there.',
    params: [P.side, P.priceNow, P.liqPriceOrNone, P.volatility, P.horizonDays, P.drift],
    example: ['LONG', 60000, 54216.87, 0.6, 7],
    combine: {
      kind: 'elementwise',
      width: 1,
      compute: (a) => touchProbability(touchInput(a)),
    },
  }),
  defineFunction({
    name: 'LOSS_PROBABILITY',
    summary:
      "The chance (0 to 1) of the position's max loss within horizon_days: that the price touches stop_price where " +
      'the stop fires before liquidation, else that it touches liq_price (LIQ_PROBABILITY of whichever comes first). ' +
      'Same model as LIQ_PROBABILITY; a stop is assumed to fill at its price.',
    returns: 'A probability from 0 to 1 (format the cell as a percentage).',
    params: [
      P.side,
      P.priceNow,
      P.liqPriceOrNone,
      P.volatility,
      P.horizonDays,
      {
        ...P.stopPrice,
        help: 'Optional, default none (then this is LIQ_PROBABILITY). A stop-loss price: below the price for a LONG.',
      },
      P.drift,
    ],
    example: ['LONG', 60000, 54216.87, 0.6, 7, 57000],
    combine: {
      kind: 'elementwise',
      width: 1,
      compute: (a) => lossProbability({ ...touchInput(a), stopPrice: a.stopPrice?.toNumber() ?? null }),
    },
  }),
  defineFunction({
    name: 'VOLATILITY',
    summary:
      'The annualised volatility of a column or row of prices at equal intervals, oldest first: the sample standard ' +
      'deviation of the log returns × √periods_per_year. Blanks are skipped.',
    returns: 'One annual volatility, such as 0.6 for 60 %.',
    params: [
      {
        name: 'prices',
        field: 'prices',
        type: 'number',
        expected: 'a price above 0',
        help: 'A column or row of closes, oldest first, at least 3, each above 0.',
      },
      {
        name: 'periods_per_year',
        field: 'periodsPerYear',
        type: 'number',
        optional: true,
        single: true,
        expected: 'a number of periods above 0, such as 365 or 8760',
        help: 'Optional, default 365 (daily closes). 8760 for hourly, 52 for weekly: crypto trades every day.',
      },
    ],
    example: [[[60000], [61200], [59800], [60500], [62000]]],
    combine: {
      kind: 'rows',
      result: 'one',
      check: (a) => {
        requirePositive('prices', a.prices);
      },
      compute: (elements) => {
        const prices = elements.map((e) => e.args.prices.toNumber());
        const periods = elements[0]?.args.periodsPerYear ?? null;
        return annualVolatility(prices, periods === null ? undefined : periods.toNumber());
      },
    },
  }),
  defineFunction({
    name: 'FUNDING_TO_LIQUIDATION',
    summary:
      'How many funding payments at a constant funding_rate, with the price staying at the entry, take an isolated ' +
      "position's margin down to its maintenance margin. It counts payments, not days: the funding interval differs " +
      'by symbol. NONE when the position receives funding.',
    returns: 'A whole number of payments, or NONE.',
    params: [
      P.side,
      P.entryPrice,
      P.quantity,
      P.leverage,
      {
        name: 'funding_rate',
        field: 'fundingRate',
        type: 'number',
        expected: 'a funding rate per payment, such as 0.0001',
        help: 'The funding rate per payment, such as 0.0001 (0.01 %); positive: longs pay shorts.',
      },
      P.addedMargin,
      P.brackets,
    ],
    example: ['LONG', 60000, Q, 10, 0.0001],
    combine: {
      kind: 'elementwise',
      width: 1,
      compute: (a) => {
        const payments = fundingPaymentsToLiquidation({
          side: a.side,
          entryPrice: a.entryPrice,
          quantity: a.quantity,
          leverage: a.leverage,
          fundingRate: a.fundingRate,
          addedMargin: a.addedMargin ?? undefined,
          table: a.brackets,
        });
        return payments === null ? NONE : toCellNumber(payments, 'number of payments', 'fundingRate');
      },
    },
  }),
];

export function findFunction(name: string): FunctionSpec | undefined {
  return FUNCTIONS.find((spec) => spec.name === name);
}

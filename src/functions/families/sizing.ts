import {
  invalidValue,
  costToOpen,
  maxOpenQuantity,
  maxSafeLeverage,
  positionSize,
  profitAndLoss,
  returnOnMargin,
  targetPrice,
  ZERO,
  notionalAt,
  priceOfNotional,
} from '../../engine';
import { P, PRICE } from '../params';
import { toCellNumber } from '../results';
import { defineFunction } from '../spec';
import { Q } from './examples';

export const PNL = defineFunction({
  name: 'PNL',
  summary: 'Profit of closing the position at exit_price, before fees: side × quantity × (exit − entry).',
  returns: 'The PnL in the margin asset (USDT; the coin for COIN-M), negative for a loss.',
  params: [P.side, P.entryPrice, P.exitPrice, P.quantity, P.contract],
  example: ['LONG', 60000, 66000, 0.5],
  combine: {
    kind: 'elementwise',
    width: 1,
    compute: (a) => toCellNumber(profitAndLoss(a), 'PnL', 'quantity'),
  },
});

export const ROE = defineFunction({
  name: 'ROE',
  summary: 'Return on the initial margin of closing at exit_price, before fees: side × (exit / entry − 1) × leverage.',
  returns: 'A fraction (0.5 is 50 %; format the cell as a percentage).',
  params: [P.side, P.entryPrice, P.exitPrice, P.marketLeverage, P.market],
  example: ['LONG', 60000, 66000, 10],
  combine: {
    kind: 'elementwise',
    width: 1,
    compute: (a) => toCellNumber(returnOnMargin(a), 'ROE', 'leverage'),
  },
});

export const TARGET_PRICE = defineFunction({
  name: 'TARGET_PRICE',
  summary: 'The exit price that gives target_roe on the initial margin: entry × (1 + side × target_roe / leverage).',
  returns: 'A price (an error where no price gives the return).',
  params: [
    P.side,
    P.entryPrice,
    P.marketLeverage,
    {
      name: 'target_roe',
      field: 'targetRoe',
      type: 'number',
      expected: 'a return as a fraction, such as 0.5 for 50 %',
      help: 'The return on margin wanted: 0.5 is 50 %, -0.2 a 20 % loss (not past liquidation).',
    },
    P.market,
  ],
  example: ['LONG', 100000, 10, 0.5],
  combine: {
    kind: 'elementwise',
    width: 1,
    compute: (a) => toCellNumber(targetPrice(a), 'target price', 'targetRoe'),
  },
});

export const AVG_ENTRY_PRICE = defineFunction({
  name: 'AVG_ENTRY_PRICE',
  summary:
    'The entry price of a position built from fills: Σ quantity × price / Σ quantity (rows blank in both are skipped).',
  returns: 'One price (COIN-M: Σ quantity / Σ(quantity / price)).',
  params: [
    {
      name: 'quantities',
      field: 'quantity',
      type: 'number',
      limit: 'above0',
      expected: 'a quantity above 0',
      help: 'The quantity of each fill, in the base asset, each above 0.',
    },
    {
      name: 'prices',
      field: 'prices',
      type: 'number',
      limit: 'above0',
      expected: PRICE,
      help: 'The price of each fill, same shape as quantities.',
    },
    { ...P.contract, single: true },
  ],
  example: [
    [[0.5], [0.3], [0.2]],
    [[60000], [58000], [55000]],
  ],
  combine: {
    kind: 'rows',
    result: 'one',
    compute: (elements) => {
      if (elements.length === 0)
        throw invalidValue(
          'quantity',
          '',
          (w) => `${w.name}: no fill given; expected at least one row of quantity and price.`,
        );
      // COIN-M: Σq / Σ(q/p), the price of the fills' total coin notional.
      const { contract } = elements[0].args.market;
      let quantity = ZERO;
      let notional = ZERO;
      for (const { args } of elements) {
        quantity = quantity.plus(args.quantity);
        notional = notional.plus(notionalAt(contract, args.quantity, args.prices));
      }
      return toCellNumber(priceOfNotional(contract, quantity, notional), 'average entry price', 'prices');
    },
  },
});

export const COST_TO_OPEN = defineFunction({
  name: 'COST_TO_OPEN',
  summary:
    "What opening takes from the balance: the initial margin quantity × order_price / leverage plus Binance's open " +
    'loss (no fees).',
  notes: 'The open loss is quantity × max(0, side × (order − mark)), for an order worse than the mark.',
  returns: 'An amount in the margin asset (USDT; the coin for COIN-M).',
  params: [P.side, P.orderPrice, P.quantity, P.plainLeverage, P.markPriceOrOrder, P.contract],
  example: ['SHORT', 9253.3, 1, 20, 9259.84],
  combine: {
    kind: 'elementwise',
    width: 1,
    compute: (a) => {
      return toCellNumber(costToOpen(a), 'cost to open', 'quantity');
    },
  },
});

export const MAX_OPEN = defineFunction({
  name: 'MAX_OPEN',
  summary:
    'The largest quantity that can be opened: available_balance / (order_price / leverage + open loss per unit), ' +
    "within the brackets' caps.",
  notes:
    "The cap is the notional cap of the last bracket that allows this leverage; the open loss is Binance's, for an " +
    'order worse than the mark. Fees are not included: keep a margin for them.',
  returns: 'A quantity in the base asset.',
  params: [
    P.side,
    P.orderPrice,
    P.firstBracketLeverage,
    {
      name: 'available_balance',
      field: 'availableBalance',
      type: 'number',
      limit: 'atLeast0',
      expected: 'a balance of 0 or more',
      help: 'The balance available to open with, in the margin asset.',
    },
    P.markPriceOrOrder,
    P.brackets,
  ],
  example: ['LONG', 60000, 10, 1000],
  combine: {
    kind: 'elementwise',
    width: 1,
    compute: (a) => {
      const quantity = maxOpenQuantity(a);
      return toCellNumber(quantity, 'maximum quantity', 'availableBalance');
    },
  },
});

export const POSITION_SIZE = defineFunction({
  name: 'POSITION_SIZE',
  summary: 'The quantity whose loss at the stop is risk_amount: risk_amount / |entry − stop|.',
  returns: 'A quantity in the base asset.',
  params: [
    P.side,
    P.entryPrice,
    P.stopPriceRequired,
    {
      name: 'risk_amount',
      field: 'riskAmount',
      type: 'number',
      limit: 'above0',
      expected: 'an amount above 0',
      help: 'What you accept to lose at the stop, in the margin asset.',
    },
    P.market,
  ],
  example: ['LONG', 60000, 57000, 300],
  combine: {
    kind: 'elementwise',
    width: 1,
    compute: (a) => toCellNumber(positionSize(a), 'position size', 'riskAmount'),
  },
});

export const MAX_SAFE_LEVERAGE = defineFunction({
  name: 'MAX_SAFE_LEVERAGE',
  summary:
    'The highest whole leverage at which an isolated position is liquidated beyond stop_price, so the stop fires ' +
    'first.',
  notes:
    'No added margin; at most the bracket maximum for the opening notional, brackets taken at the liquidation ' +
    'notional.',
  returns: 'A whole leverage, such as 18.',
  params: [P.side, P.entryPrice, P.quantity, P.stopPriceRequired, P.brackets],
  example: ['LONG', 60000, Q, 57000],
  combine: {
    kind: 'elementwise',
    width: 1,
    compute: (a) => toCellNumber(maxSafeLeverage(a), 'leverage', 'stopPrice'),
  },
});

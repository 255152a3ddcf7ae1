import {
  type Dec,
  type TouchInput,
  annualVolatility,
  eitherTouchProbability,
  fundingPaymentsToLiquidation,
  touchProbability,
  lossProbability,
} from '../../engine';
import { NONE } from '../cells';
import { P, PRICE } from '../params';
import { toCellNumber } from '../results';
import { type ArgsOf, defineFunction } from '../spec';
import { Q } from './examples';

/** What the odds functions read: LIQ_PROBABILITY's parameters (LOSS_PROBABILITY adds a stop). */
type OddsArgs = ArgsOf<
  [typeof P.side, typeof P.priceNow, typeof P.liqPriceOrNone, typeof P.volatility, typeof P.horizonDays, typeof P.drift]
>;

/** The odds functions' arguments as the model takes them (floats: a model, not money). */
function touchInput(a: OddsArgs): TouchInput {
  return {
    side: a.side,
    price: a.price.toNumber(),
    liquidationPrice: a.liqPrice === NONE ? null : a.liqPrice.toNumber(),
    volatility: a.volatility.toNumber(),
    horizonDays: a.horizonDays.toNumber(),
    drift: a.drift?.toNumber(),
  };
}

export const LIQ_PROBABILITY = defineFunction({
  name: 'LIQ_PROBABILITY',
  summary:
    'The chance (0 to 1) that the price touches liq_price within horizon_days (geometric Brownian motion at this ' +
    'volatility and drift).',
  notes: 'It assumes continuous monitoring, constant volatility and no jumps: real odds are higher in crashes.',
  returns: 'A probability from 0 to 1 (format the cell as a percentage): 0 for NONE, 1 if the price is already there.',
  params: [P.side, P.priceNow, P.liqPriceOrNone, P.volatility, P.horizonDays, P.drift],
  example: ['LONG', 60000, 54216.87, 0.6, 7],
  combine: {
    kind: 'elementwise',
    width: 1,
    compute: (a) => touchProbability(touchInput(a)),
  },
});

export const LOSS_PROBABILITY = defineFunction({
  name: 'LOSS_PROBABILITY',
  summary:
    "The chance (0 to 1) of the max loss within horizon_days: the stop's where it fires before liquidation, else " +
    "the liquidation's.",
  notes: 'Same model as LIQ_PROBABILITY (of whichever price comes first); a stop is assumed to fill at its price.',
  returns: 'A probability from 0 to 1 (format the cell as a percentage).',
  params: [P.side, P.priceNow, P.liqPriceOrNone, P.volatility, P.horizonDays, P.stopPriceOfOdds, P.drift],
  example: ['LONG', 60000, 54216.87, 0.6, 7, 57000],
  combine: {
    kind: 'elementwise',
    width: 1,
    compute: (a) =>
      lossProbability({ ...touchInput(a), stopPrice: a.stopPrice === undefined ? null : a.stopPrice.toNumber() }),
  },
});

/** A liquidation move as the model takes it: `null` for NONE. */
const moveOrNull = (move: Dec | 'NONE') => (move === NONE ? null : move.toNumber());

export const ACCOUNT_LIQ_PROBABILITY = defineFunction({
  name: 'ACCOUNT_LIQ_PROBABILITY',
  summary:
    'The chance (0 to 1) that the market moves by fall or by rise (from ACCOUNT_LIQ_MOVE) within horizon_days, ' +
    'whichever comes first.',
  notes:
    'The market follows the model of LIQ_PROBABILITY from 1 at this volatility: the chance of touching either ' +
    'barrier, by the two-barrier first-passage series (not the sum of the two chances, which counts twice the paths ' +
    'that touch both). With one of them NONE it is LIQ_PROBABILITY of the other.',
  returns: 'A probability from 0 to 1 (format the cell as a percentage): 0 when both are NONE.',
  params: [P.fallMove, P.riseMove, P.volatility, P.horizonDays, P.drift],
  example: [-0.25, 0.4, 0.6, 30],
  combine: {
    kind: 'elementwise',
    width: 1,
    compute: (a) =>
      eitherTouchProbability({
        fall: moveOrNull(a.fallMove),
        rise: moveOrNull(a.riseMove),
        volatility: a.volatility.toNumber(),
        horizonDays: a.horizonDays.toNumber(),
        drift: a.drift?.toNumber(),
      }),
  },
});

export const VOLATILITY = defineFunction({
  name: 'VOLATILITY',
  summary:
    'The annualised volatility of prices at equal intervals, oldest first: the standard deviation of log returns × ' +
    '√periods_per_year.',
  notes: 'The sample standard deviation; blanks are skipped.',
  returns: 'One annual volatility, such as 0.6 for 60 %.',
  params: [
    {
      name: 'prices',
      field: 'prices',
      type: 'number',
      limit: 'above0',
      expected: PRICE,
      help: 'A column or row of closes, oldest first, at least 3, each above 0.',
    },
    {
      name: 'periods_per_year',
      field: 'periodsPerYear',
      type: 'number',
      limit: 'above0',
      optional: { value: 365, shown: '365 (daily closes)' },
      single: true,
      expected: 'a number of periods above 0, such as 365 or 8760',
      help: '8760 for hourly, 52 for weekly.',
    },
  ],
  example: [[[60000], [61200], [59800], [60500], [62000]]],
  combine: {
    kind: 'rows',
    result: 'one',
    compute: (elements) => {
      const prices = elements.map((e) => e.args.prices.toNumber());
      return annualVolatility(prices, elements[0]?.args.periodsPerYear.toNumber());
    },
  },
});

export const FUNDING_TO_LIQUIDATION = defineFunction({
  name: 'FUNDING_TO_LIQUIDATION',
  summary:
    'How many payments at funding_rate, the price at the entry, take an isolated margin to maintenance; NONE if it ' +
    'receives funding.',
  notes: 'It counts payments, not days: the funding interval differs by symbol.',
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
      const payments = fundingPaymentsToLiquidation(a);
      return payments === null ? NONE : toCellNumber(payments, 'number of payments', 'fundingRate');
    },
  },
});

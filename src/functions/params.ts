import { A_PRICE } from '../engine';
import { BRACKET_COLUMNS } from '../shared/columns';
import { DEFAULT_SYMBOL } from './bracketsArg';
import { SNAPSHOT_AS_OF } from '../data/symbols';
import type { ParamSpec } from './spec';

// The parameters the functions share, declared once: each is a name, the engine input it feeds
// (`field`), what a good value looks like (`expected`, for every message about it) and the help
// popup text. A message can only name a parameter of the function called, because the engine's
// errors are rendered through the called function's own parameters.
export const BRACKET_ROWS_TEXT = `a range of bracket rows (${BRACKET_COLUMNS.join(', ')}`;

/** What a good value looks like, for the messages of the parameters that share it. */
export const PRICE = A_PRICE;
const LEVERAGE = 'a leverage of 1 or more, such as 10 for 10×';

export const P = {
  side: {
    name: 'side',
    field: 'side',
    type: 'side',
    expected: 'LONG or SHORT',
    help: 'LONG or SHORT (any case; also BUY/SELL, 1/-1).',
  },
  marginMode: {
    name: 'margin_mode',
    field: 'marginMode',
    type: 'marginMode',
    expected: 'ISOLATED or CROSS',
    help: 'ISOLATED or CROSS.',
  },
  entryPrice: {
    name: 'entry_price',
    field: 'entryPrice',
    type: 'number',
    limit: 'above0',
    expected: PRICE,
    help: 'Entry price in USDT.',
  },
  quantity: {
    name: 'quantity',
    field: 'quantity',
    type: 'number',
    limit: 'above0',
    expected: 'a quantity above 0 in the base asset (BTC for BTCUSDT)',
    help: 'Size in the base asset (BTC for BTCUSDT), above 0: 10000/60000 for 10,000 USDT at 60,000.',
  },
  leverage: {
    name: 'leverage',
    field: 'leverage',
    type: 'number',
    limit: 'atLeast1',
    expected: LEVERAGE,
    help: 'Leverage, 1 or more, at most the bracket maximum for the opening notional.',
  },
  walletBalance: {
    name: 'wallet_balance',
    field: 'walletBalance',
    type: 'number',
    limit: 'atLeast0',
    expected: 'a wallet balance of 0 or more USDT',
    help: 'Cross wallet balance in USDT (Binance WB).',
  },
  addedMargin: {
    name: 'added_margin',
    field: 'addedMargin',
    type: 'number',
    limit: 'atLeast0',
    optional: { value: 0 },
    expected: 'an added margin of 0 or more USDT',
    help: 'Margin added on top of entry_price × quantity / leverage, in USDT.',
  },
  otherMaintMargin: {
    name: 'other_maint_margin',
    field: 'otherMaintMargin',
    type: 'number',
    limit: 'atLeast0',
    optional: { value: 0 },
    expected: 'a maintenance margin of 0 or more USDT',
    help: 'Maintenance margin of all other cross positions (Binance TMM1), in USDT.',
  },
  otherUnrealizedPnl: {
    name: 'other_unrealized_pnl',
    field: 'otherUnrealizedPnl',
    type: 'number',
    optional: { value: 0 },
    expected: 'an unrealized PnL in USDT (negative for a loss)',
    help: 'Unrealized PnL of all other cross positions (Binance UPNL1), in USDT; negative for a loss.',
  },
  exitPrice: {
    name: 'exit_price',
    field: 'exitPrice',
    type: 'number',
    limit: 'above0',
    expected: PRICE,
    help: 'The price the position is closed at, in USDT.',
  },
  orderPrice: {
    name: 'order_price',
    field: 'orderPrice',
    type: 'number',
    limit: 'above0',
    expected: PRICE,
    help: 'The price of the opening order in USDT.',
  },
  stopPrice: {
    name: 'stop_price',
    field: 'stopPrice',
    type: 'number',
    limit: 'above0',
    optional: { shown: 'none' },
    expected: 'a stop price above 0',
    help: 'A stop-loss price: below the entry for a LONG, above it for a SHORT.',
  },
  volatility: {
    name: 'volatility',
    field: 'volatility',
    type: 'number',
    limit: 'above0',
    expected: 'an annual volatility above 0, such as 0.6 for 60 %',
    help: 'Annual volatility as a fraction: 0.6 or 60%, at most 5 (VOLATILITY computes it from closes).',
  },
  horizonDays: {
    name: 'horizon_days',
    field: 'horizonDays',
    type: 'number',
    limit: 'above0',
    expected: 'a number of days above 0, such as 7',
    help: 'The horizon in days, such as 7 (a 365-day year; crypto trades every day).',
  },
  markPrice: {
    name: 'mark_price',
    field: 'markPrice',
    type: 'number',
    limit: 'above0',
    expected: PRICE,
    help: 'The current mark price in USDT.',
  },
  notional: {
    name: 'notional',
    field: 'notional',
    type: 'number',
    limit: 'atLeast0',
    expected: 'a notional of 0 or more USDT',
    help: 'Position value in USDT (quantity × price), 0 or more.',
  },
  brackets: {
    name: 'brackets',
    field: 'market',
    type: 'brackets',
    optional: { value: DEFAULT_SYMBOL },
    expected: 'a symbol such as BTCUSDT, a range of bracket rows, or a flat rate such as 0.005',
    help:
      `The market: a symbol (BTCUSDT; snapshot of ${SNAPSHOT_AS_OF}), a BRACKETS_<market> range from ` +
      `Import brackets… (today's), bracket rows, or a flat rate such as 0.005.`,
  },
  priceNow: {
    name: 'price',
    field: 'price',
    type: 'number',
    limit: 'above0',
    expected: PRICE,
    help: 'The price now: the entry or the mark price, in USDT.',
  },
  liqPriceOrNone: {
    name: 'liq_price',
    field: 'liqPrice',
    type: 'numberOrNone',
    limit: 'above0',
    expected: 'a liquidation price above 0, or NONE',
    help: 'The liquidation price (or NONE), usually from LIQ_PRICE_ISOLATED or LIQ_PRICE_CROSS.',
  },
  drift: {
    name: 'drift',
    field: 'drift',
    type: 'number',
    optional: { value: 0 },
    expected: 'an annual drift such as 0 or 0.1',
    help: 'The annual drift of the price (0.1 is +10 % a year).',
  },
  marketLeverage: {
    name: 'leverage',
    field: 'leverage',
    type: 'number',
    limit: 'atLeast1',
    expected: LEVERAGE,
    help: "Leverage, 1 or more, at most the market's highest.",
  },
  plainLeverage: {
    name: 'leverage',
    field: 'leverage',
    type: 'number',
    limit: 'atLeast1',
    expected: LEVERAGE,
    help: 'Leverage, 1 or more.',
  },
  firstBracketLeverage: {
    name: 'leverage',
    field: 'leverage',
    type: 'number',
    limit: 'atLeast1',
    expected: LEVERAGE,
    help: 'Leverage, 1 or more, at most the first bracket maximum.',
  },
  markPriceOrOrder: {
    name: 'mark_price',
    field: 'markPrice',
    type: 'number',
    limit: 'above0',
    optional: { sameAs: 'orderPrice' },
    expected: PRICE,
    help: 'The current mark price in USDT.',
  },
  stopPriceRequired: {
    name: 'stop_price',
    field: 'stopPrice',
    type: 'number',
    limit: 'above0',
    expected: 'a stop price above 0',
    help: 'The stop-loss price: below the entry for a LONG, above it for a SHORT.',
  },
  stopPriceOfOdds: {
    name: 'stop_price',
    field: 'stopPrice',
    type: 'number',
    limit: 'above0',
    optional: { shown: 'none (then this is LIQ_PROBABILITY)' },
    expected: 'a stop price above 0',
    help: 'A stop-loss price: below the price for a LONG.',
  },
  accountBalance: {
    name: 'wallet_balance',
    field: 'walletBalance',
    type: 'number',
    limit: 'atLeast0',
    expected: 'a wallet balance of 0 or more USDT',
    help: 'Account balance in USDT: the cross wallet, and the funds the isolated margin comes from.',
  },
  gridVolatility: {
    name: 'volatility',
    field: 'volatility',
    type: 'number',
    limit: 'above0',
    optional: {},
    expected: 'an annual volatility above 0, such as 0.6 for 60 %',
    help:
      'Annual volatility as a fraction, 0.6 (or 60%) for 60 %: with horizon_days, adds the chance ' +
      'of liquidation per mode.',
  },
  gridHorizonDays: {
    name: 'horizon_days',
    field: 'horizonDays',
    type: 'number',
    limit: 'above0',
    optional: {},
    expected: 'a number of days above 0, such as 7',
    help: 'The horizon in days for the chance of liquidation (with volatility).',
  },
  market: {
    name: 'market',
    field: 'market',
    type: 'brackets',
    optional: { value: DEFAULT_SYMBOL },
    expected: 'a symbol such as BTCUSDT, a range of bracket rows, or a flat rate such as 0.005',
    help: 'The market, as for brackets: its leverage limit (and caps, for a size) apply.',
  },
} satisfies Record<string, ParamSpec>;

/** The positions of one cross account, one per row (LIQ_PRICE_PORTFOLIO, CROSS_MARGIN_RATIO). */
export const ACCOUNT_PARAMS = [
  {
    name: 'sides',
    field: 'side',
    type: 'side',
    expected: 'LONG or SHORT',
    help: 'Column of LONG or SHORT, one per position (blank rows are not positions).',
  },
  {
    name: 'entry_prices',
    field: 'entryPrice',
    type: 'number',
    limit: 'above0',
    expected: PRICE,
    help: 'Column of entry prices in USDT.',
  },
  {
    name: 'quantities',
    field: 'quantity',
    type: 'number',
    limit: 'above0',
    expected: 'a quantity above 0 in the base asset',
    help: 'Column of quantities in the base asset, each above 0.',
  },
  {
    name: 'mark_prices',
    field: 'markPrice',
    type: 'number',
    limit: 'above0',
    expected: PRICE,
    help: 'Column of current mark prices in USDT (one per symbol).',
  },
  {
    name: 'wallet_balance',
    field: 'walletBalance',
    type: 'number',
    limit: 'atLeast0',
    single: true,
    expected: 'a wallet balance of 0 or more USDT',
    help: 'Cross wallet balance of the account in USDT: one cell.',
  },
  {
    name: 'brackets',
    field: 'market',
    type: 'brackets',
    optional: { value: DEFAULT_SYMBOL },
    expected: 'a symbol such as BTCUSDT, a range of bracket rows, or a flat rate such as 0.005',
    help:
      'One market for all rows (each a position of its own), or a column of symbols: rows of one symbol are ' +
      'one market (one side in several rows: one position filled in parts; both sides: a hedge pair).',
  },
] as const satisfies readonly ParamSpec[];

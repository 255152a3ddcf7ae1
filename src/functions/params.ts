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
    help: 'LONG or SHORT (or BUY/SELL, 1/-1).',
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
    help: 'Entry price.',
  },
  quantity: {
    name: 'quantity',
    field: 'quantity',
    type: 'number',
    limit: 'above0',
    expected: 'a quantity above 0 (in the base asset; COIN-M: contracts)',
    help: 'In the base asset (10000/60000 BTC is 10,000 USDT at 60,000); COIN-M: contracts.',
  },
  leverage: {
    name: 'leverage',
    field: 'leverage',
    type: 'number',
    limit: 'atLeast1',
    expected: LEVERAGE,
    help: '1 or more, at most the bracket maximum for the opening notional.',
  },
  walletBalance: {
    name: 'wallet_balance',
    field: 'walletBalance',
    type: 'number',
    limit: 'atLeast0',
    expected: 'a wallet balance of 0 or more',
    help: 'Cross wallet balance (Binance WB), in the margin asset (COIN-M: the coin).',
  },
  addedMargin: {
    name: 'added_margin',
    field: 'addedMargin',
    type: 'number',
    limit: 'atLeast0',
    optional: { value: 0 },
    expected: 'an added margin of 0 or more',
    help: 'Margin added on top of the initial margin, in the margin asset.',
  },
  otherMaintMargin: {
    name: 'other_maint_margin',
    field: 'otherMaintMargin',
    type: 'number',
    limit: 'atLeast0',
    optional: { value: 0 },
    expected: 'a maintenance margin of 0 or more',
    help: 'Maintenance margin of the other cross positions (Binance TMM1).',
  },
  otherUnrealizedPnl: {
    name: 'other_unrealized_pnl',
    field: 'otherUnrealizedPnl',
    type: 'number',
    optional: { value: 0 },
    expected: 'an unrealized PnL (negative for a loss)',
    help: 'Unrealized PnL of the other cross positions (Binance UPNL1); negative for a loss.',
  },
  exitPrice: {
    name: 'exit_price',
    field: 'exitPrice',
    type: 'number',
    limit: 'above0',
    expected: PRICE,
    help: 'The price the position is closed at.',
  },
  orderPrice: {
    name: 'order_price',
    field: 'orderPrice',
    type: 'number',
    limit: 'above0',
    expected: PRICE,
    help: 'The price of the opening order.',
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
    help: 'The horizon in days, such as 7 (a 365-day year).',
  },
  markPrice: {
    name: 'mark_price',
    field: 'markPrice',
    type: 'number',
    limit: 'above0',
    expected: PRICE,
    help: 'The current mark price.',
  },
  notional: {
    name: 'notional',
    field: 'notional',
    type: 'number',
    limit: 'atLeast0',
    expected: 'a notional of 0 or more',
    help: 'Position value (quantity × price; COIN-M: coins, contracts × size / price), 0 or more.',
  },
  brackets: {
    name: 'brackets',
    field: 'market',
    type: 'brackets',
    optional: { value: DEFAULT_SYMBOL },
    expected: 'a symbol such as BTCUSDT, a range of bracket rows, or a flat rate such as 0.005',
    help:
      `A market such as BTCUSDT (snapshot of ${SNAPSHOT_AS_OF}), a BRACKETS_<market> range from Import brackets…, ` +
      `bracket rows or a flat rate.`,
  },
  priceNow: {
    name: 'price',
    field: 'price',
    type: 'number',
    limit: 'above0',
    expected: PRICE,
    help: 'The price now: the entry or the mark price.',
  },
  liqPriceOrNone: {
    name: 'liq_price',
    field: 'liqPrice',
    type: 'numberOrNone',
    limit: 'above0',
    expected: 'a liquidation price above 0, or NONE',
    help: 'The liquidation price (or NONE), usually from LIQ_PRICE_ISOLATED or LIQ_PRICE_CROSS.',
  },
  fallMove: {
    name: 'fall',
    field: 'fallMove',
    type: 'numberOrNone',
    expected: 'a market move between -1 and 0, such as -0.18, or NONE',
    help: 'The market fall that liquidates the account (ACCOUNT_LIQ_MOVE), such as -0.18, or NONE.',
  },
  riseMove: {
    name: 'rise',
    field: 'riseMove',
    type: 'numberOrNone',
    expected: 'a market move above 0, such as 0.41, or NONE',
    help: 'The market rise that liquidates it, such as 0.41, or NONE.',
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
    help: 'The current mark price.',
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
    expected: 'a wallet balance of 0 or more',
    help: 'Account balance (the cross wallet, and the source of isolated margin), in the margin asset.',
  },
  gridVolatility: {
    name: 'volatility',
    field: 'volatility',
    type: 'number',
    limit: 'above0',
    optional: {},
    expected: 'an annual volatility above 0, such as 0.6 for 60 %',
    help: "Annual volatility (0.6 or 60%): with horizon_days, adds each mode's chance of liquidation.",
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
    help: 'As brackets: its contract, leverage limit (and caps, for a size) apply.',
  },
  /** The market of a function that needs only its contract (how quantity, price and amounts relate). */
  contract: {
    name: 'market',
    field: 'market',
    type: 'brackets',
    optional: { value: DEFAULT_SYMBOL },
    expected: 'a symbol such as BTCUSDT or BTCUSD_PERP',
    help: 'As brackets: a COIN-M market counts contracts and amounts in its coin.',
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
    help: 'Column of entry prices.',
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
    help: 'Column of current mark prices (one per symbol).',
  },
  {
    name: 'wallet_balance',
    field: 'walletBalance',
    type: 'number',
    limit: 'atLeast0',
    single: true,
    expected: 'a wallet balance of 0 or more',
    help: 'Cross wallet balance of the account, in its margin asset: one cell.',
  },
  {
    name: 'brackets',
    field: 'market',
    type: 'brackets',
    optional: { value: DEFAULT_SYMBOL },
    expected: 'a symbol such as BTCUSDT, a range of bracket rows, or a flat rate such as 0.005',
    help:
      "One market for all rows (each its own position), or a column of symbols: one symbol's rows are one " +
      'market (split entries combine; a LONG and a SHORT form a hedge pair).',
  },
] as const satisfies readonly ParamSpec[];

/** The positions of one account with per-row modes, under a common market move (ACCOUNT_STRESS, ACCOUNT_LIQ_MOVE). */
const [SIDES, ENTRY_PRICES, QUANTITIES, MARK_PRICES, , ACCOUNT_BRACKETS] = ACCOUNT_PARAMS;

const CROSS_WALLET = {
  ...ACCOUNT_PARAMS[4],
  help: 'Cross wallet balance, one cell (isolated margins are not in it).',
} as const satisfies ParamSpec;

const MOVES = {
  name: 'moves',
  field: 'move',
  type: 'numberOrNone',
  expected: 'a market move as a fraction, such as -0.1 for a fall of 10 %',
  help: 'Column or row of market moves as fractions: -0.1 takes every price 10 % down (times its beta).',
} as const satisfies ParamSpec;

const ACCOUNT_MODE_PARAMS = [
  {
    name: 'modes',
    field: 'marginMode',
    type: 'marginMode',
    optional: { value: 'CROSS' },
    expected: 'CROSS or ISOLATED',
    help: 'Column of CROSS or ISOLATED, one per position (one symbol has one mode).',
  },
  {
    name: 'isolated_margins',
    field: 'isolatedMargin',
    type: 'number',
    limit: 'atLeast0',
    optional: { shown: 'none' },
    expected: 'a margin of 0 or more',
    help: "Column of each ISOLATED position's margin (initial plus added); ignored on CROSS rows.",
  },
  {
    name: 'betas',
    field: 'beta',
    type: 'number',
    limit: 'atLeast0',
    optional: { value: 1 },
    expected: 'a beta of 0 or more, such as 1',
    help: "Column of each price's move per unit of the market move (1.2: 12 % when the market moves 10 %).",
  },
  ACCOUNT_BRACKETS,
] as const satisfies readonly ParamSpec[];

export const ACCOUNT_STRESS_PARAMS = [
  SIDES,
  ENTRY_PRICES,
  QUANTITIES,
  MARK_PRICES,
  CROSS_WALLET,
  MOVES,
  ...ACCOUNT_MODE_PARAMS,
] as const satisfies readonly ParamSpec[];

export const ACCOUNT_LIQ_MOVE_PARAMS = [
  SIDES,
  ENTRY_PRICES,
  QUANTITIES,
  MARK_PRICES,
  CROSS_WALLET,
  ...ACCOUNT_MODE_PARAMS,
] as const satisfies readonly ParamSpec[];

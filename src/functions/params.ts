import type { ParamSpec } from './spec';

// The parameters the functions share, declared once so the help text and messages agree.
const BRACKETS_HELP =
  'Optional, default "BTCUSDT". A Binance USDⓈ-M symbol from the bundled dated snapshot, or a range of bracket rows (floor, cap, maint_margin_rate, maint_amount, max_leverage; header row allowed, e.g. the output of BRACKETS), or one flat maintenance rate such as 0.005.';

export const P = {
  side: { name: 'side', type: 'side', expected: 'LONG or SHORT', help: 'LONG or SHORT (any case; BUY/SELL and 1/-1 also work).' },
  marginMode: { name: 'margin_mode', type: 'marginMode', expected: 'ISOLATED or CROSS', help: 'ISOLATED or CROSS.' },
  entryPrice: { name: 'entry_price', type: 'number', expected: 'a price above 0', help: 'Entry price in USDT.' },
  quantity: {
    name: 'quantity',
    type: 'number',
    expected: 'a quantity above 0 in the base asset (BTC for BTCUSDT)',
    help: 'Position size in the base asset (BTC for BTCUSDT), above 0. A 10,000 USDT position at 60,000 is 10000/60000.',
  },
  leverage: { name: 'leverage', type: 'number', expected: 'a leverage of 1 or more, such as 10 for 10×', help: 'Leverage, 1 or more, at most the bracket maximum for the opening notional (125 for a small BTCUSDT position).' },
  walletBalance: { name: 'wallet_balance', type: 'number', expected: 'a wallet balance of 0 or more USDT', help: 'Cross wallet balance in USDT (Binance WB).' },
  addedMargin: { name: 'added_margin', type: 'number', optional: true, expected: 'an added margin of 0 or more USDT', help: 'Optional, default 0. Margin added to the isolated position on top of entry_price × quantity / leverage, in USDT.' },
  otherMaintMargin: { name: 'other_maint_margin', type: 'number', optional: true, expected: 'a maintenance margin of 0 or more USDT', help: 'Optional, default 0. Maintenance margin of all other cross positions (Binance TMM1), in USDT.' },
  otherUnrealizedPnl: { name: 'other_unrealized_pnl', type: 'number', optional: true, expected: 'an unrealized PnL in USDT (negative for a loss)', help: 'Optional, default 0. Unrealized PnL of all other cross positions (Binance UPNL1), in USDT; negative for a loss.' },
  brackets: { name: 'brackets', type: 'brackets', optional: true, expected: 'a symbol such as BTCUSDT, a range of bracket rows, or a flat rate such as 0.005', help: BRACKETS_HELP },
} satisfies Record<string, ParamSpec>;

/** The positions of one cross account, one per row (LIQ_PRICE_PORTFOLIO, CROSS_MARGIN_RATIO). */
export const ACCOUNT_PARAMS: readonly ParamSpec[] = [
  { name: 'sides', type: 'side', expected: 'LONG or SHORT', help: 'Column of LONG or SHORT, one per position (blank rows are not positions).' },
  { name: 'entry_prices', type: 'number', expected: 'a price above 0', help: 'Column of entry prices in USDT.' },
  { name: 'quantities', type: 'number', expected: 'a quantity above 0 in the base asset', help: 'Column of quantities in the base asset, each above 0.' },
  { name: 'mark_prices', type: 'number', expected: 'a price above 0', help: 'Column of current mark prices in USDT.' },
  { ...P.walletBalance, single: true, help: 'Cross wallet balance of the account in USDT: one cell.' },
  { ...P.brackets, help: 'Optional, default "BTCUSDT". One symbol, table or flat rate for all positions, or a column of symbols, one per position.' },
];

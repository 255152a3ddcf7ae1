import type { BracketTable } from './brackets';
import { type Dec, ONE } from './decimal';

/**
 * A linear contract (Binance USDS-M): the quantity is in the base asset (`contractSize` base units a
 * contract), prices are in the quote asset, and margin, PnL and losses are in the margin asset.
 */
export interface LinearContract {
  readonly kind: 'linear';
  readonly contractSize: Dec;
  readonly marginAsset: string;
}

/**
 * An inverse contract (Binance COIN-M): the quantity is a number of contracts of `contractSize` USD each,
 * prices are in USD, and margin, PnL and losses are in the base coin (`marginAsset`). The notional at a
 * price `P` is `Q·CS/P` coins, so the margin balance is linear in `1/P`, not in `P`.
 */
export interface InverseContract {
  readonly kind: 'inverse';
  readonly contractSize: Dec;
  readonly marginAsset: string;
}

/** How quantity, price and margin relate. */
export type Contract = LinearContract | InverseContract;

/** The exchange rules a market follows (liquidation formulas, bracket semantics). */
export type Exchange = 'Binance USDS-M' | 'Binance COIN-M';

/**
 * Everything a position's numbers depend on besides the position: the exchange's rules, the contract,
 * the maintenance tiers (leverage brackets), and the date of the tiers. Every engine function that needs
 * brackets takes a Market.
 */
export interface Market {
  readonly exchange: Exchange;
  /** The exchange symbol (positions of one symbol move with one price), or `null` for a table of the user's own. */
  readonly symbol: string | null;
  readonly contract: Contract;
  /** The tiers, their amounts in the contract's margin asset (`tiers.unit`). */
  readonly tiers: BracketTable;
  /** The date the tiers were taken (`YYYY-MM-DD`), or `null` where the user gave them. */
  readonly asOf: string | null;
  /** Where the tiers come from ("bundled snapshot", "imported 2026-11-30 from …"), or `null` for the user's own. */
  readonly source: string | null;
  /** How messages name the market: its symbol, "your bracket table", "a flat 0.5 % maintenance rate". */
  readonly label: string;
}

/** The asset a Binance USDS-M symbol is margined in: USDC for `…USDC`, else USDT. */
function usdsMarginAsset(symbol: string | null): string {
  return symbol !== null && /USDC(_\d+)?$/.test(symbol) ? 'USDC' : 'USDT';
}

/** A Binance USDS-M (linear) market on these tiers; a symbol and a date where they come from a snapshot. */
export function binanceUsdsMarket(
  tiers: BracketTable,
  symbol: string | null = null,
  asOf: string | null = null,
  source: string | null = null,
): Market {
  const marginAsset = usdsMarginAsset(symbol);
  return {
    exchange: 'Binance USDS-M',
    symbol,
    contract: { kind: 'linear', contractSize: ONE, marginAsset },
    tiers: tiers.withUnit(marginAsset),
    asOf,
    source,
    label: symbol ?? tiers.label,
  };
}

/** The ending of a Binance COIN-M symbol: `USD_PERP`, or `USD_` and six digits (a quarterly). */
const COIN_MARGINED = /USD_(PERP|\d{6})$/;

/** Whether a Binance symbol is COIN-M (coin-margined): `BTCUSD_PERP`, `ETHUSD_261225`. */
export function isCoinMargined(symbol: string): boolean {
  return COIN_MARGINED.test(symbol);
}

/** The coin a Binance COIN-M symbol settles in: BTC for `BTCUSD_PERP` and `BTCUSD_261225`. */
export function coinOf(symbol: string): string {
  return symbol.replace(COIN_MARGINED, '');
}

/** A Binance COIN-M (inverse) market: `contractSize` USD a contract, tiers in the coin. */
export function binanceCoinMarket(
  tiers: BracketTable,
  symbol: string,
  contractSize: Dec,
  asOf: string | null = null,
  source: string | null = null,
): Market {
  const marginAsset = coinOf(symbol);
  return {
    exchange: 'Binance COIN-M',
    symbol,
    contract: { kind: 'inverse', contractSize, marginAsset },
    tiers: tiers.withUnit(marginAsset),
    asOf,
    source,
    label: symbol,
  };
}

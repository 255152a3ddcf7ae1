import { type Market, isCoinMargined } from '../engine';
import { DEFAULT_EXCHANGE, marketName, normalizeSymbol } from './symbols';

// The title row that begins a market's bracket table, as BRACKETS spills it and the import writes it: the market's
// name first, free text second, the contract size third, the date the tiers are as of fourth (text YYYY-MM-DD), free
// text fifth. A range that begins with one reads its market from it.

export type TitleCell = string | number;

/** What a title row says about its table. */
export interface MarketTitle {
  readonly symbol: string;
  readonly contractSize: number;
  readonly asOf: string | null;
  /** The fifth cell: where the tiers come from ("bundled snapshot", "imported 2026-11-30 …"). */
  readonly note: string;
}

/** What a title row is made of. */
export interface TitleFacts {
  readonly symbol: string;
  /** The exchange family whose rules apply: "Binance USDS-M", "Binance COIN-M". */
  readonly exchange: string;
  readonly contractSize: number;
  readonly asOf: string | null;
}

/** The title row of a market's table. */
export function titleRow(facts: TitleFacts, note: string): TitleCell[] {
  return [marketName(facts.symbol), `${facts.exchange} leverage brackets`, facts.contractSize, facts.asOf ?? '', note];
}

/** A market's title facts. */
export function titleFactsOf(market: Market): TitleFacts {
  return {
    symbol: market.symbol ?? market.label,
    exchange: market.exchange,
    contractSize: market.contract.contractSize.toNumber(),
    asOf: market.asOf,
  };
}

/** A date cell as `YYYY-MM-DD`: text as typed, or a date Sheets made of it (its calendar day). */
function dateText(cell: unknown): string | null {
  if (typeof cell === 'string') {
    const text = cell.trim().replace(/^'/, ''); // as written, before Sheets drops the apostrophe that keeps it text
    return /^\d{4}-\d{2}-\d{2}$/.test(text) ? text : null;
  }
  if (Object.prototype.toString.call(cell) === '[object Date]') {
    const date = cell as Date;
    if (isNaN(date.getTime())) return null;
    const pad = (n: number) => String(n).padStart(2, '0');
    return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
  }
  return null;
}

/** `readTitleRow`, with another exchange's name read as no title: for tables the add-on wrote itself. */
export function readOwnTitleRow(row: readonly unknown[]): MarketTitle | null {
  try {
    return readTitleRow(row);
  } catch {
    return null;
  }
}

/**
 * The title a range's first row holds, or `null` when it is not a title (its first cell names no `EXCHANGE:SYMBOL`).
 * Throws for another exchange's name: the add-on knows Binance's rules only.
 */
export function readTitleRow(row: readonly unknown[]): MarketTitle | null {
  const name = typeof row[0] === 'string' ? row[0].trim() : '';
  const match = /^([A-Za-z]+):(\S.*)$/.exec(name);
  if (!match) return null;
  if (match[1].toUpperCase() !== DEFAULT_EXCHANGE)
    throw new Error(
      `"${name}" names the exchange ${match[1].toUpperCase()}; expected a Binance market such as BINANCE:BTCUSDT`,
    );
  const size = typeof row[2] === 'number' ? row[2] : Number(row[2]);
  const symbol = normalizeSymbol(match[2]);
  const sized = Number.isFinite(size) && size > 0;
  // A COIN-M table's numbers mean nothing without the USD value of a contract; a USDS-M contract is one unit.
  if (!sized && isCoinMargined(symbol))
    throw new Error(
      `the contract size (third cell) of ${symbol} is ${JSON.stringify(row[2] ?? '')}; expected the USD value of one ` +
        'contract, such as 100 for BTCUSD_PERP',
    );
  return {
    symbol,
    contractSize: sized ? size : 1,
    asOf: dateText(row[3]),
    note: typeof row[4] === 'string' ? row[4] : '',
  };
}

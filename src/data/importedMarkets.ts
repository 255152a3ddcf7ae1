import { BracketTable, type BracketRow, Dec, EngineError, isCoinMargined } from '../engine';
import { BracketFormatError, type ReadTables } from './bracketFormats';

export type Family = 'USDS-M' | 'COIN-M';

/** A market's brackets as imported: checked, maintenance amounts filled in, with its contract. */
export interface ImportedMarket {
  readonly symbol: string;
  readonly family: Family;
  /** floor, cap, maintenance rate, maintenance amount, maximum leverage. */
  readonly rows: readonly (readonly [number, number, number, number, number])[];
  /** 1 for USDS-M; USD per contract for COIN-M. */
  readonly contractSize: number;
  /** A COIN-M contract size the source did not give and the bundled snapshot does not know. */
  readonly contractSizeAssumed: boolean;
  readonly notionalCoef?: number;
}

/**
 * Checks every table by the rules of a bracket table (a given maintenance amount within 1e-9 relative of
 * `cum_k = cum_{k−1} + floor_k·(mmr_k − mmr_{k−1})`), filling a missing amount from that recurrence. Throws
 * `BracketFormatError` naming the symbol and the row. `contractSizeOf` gives the bundled COIN-M size of a symbol.
 */
export function checkedMarkets(read: ReadTables, contractSizeOf: (symbol: string) => number | null): ImportedMarket[] {
  const seen = new Set<string>();
  return read.tables.map((table) => {
    const { symbol } = table;
    const where = table.line === undefined ? symbol : `${symbol} (from line ${table.line})`;
    if (!/^[\p{Lu}\p{Lo}\p{N}_]+$/u.test(symbol))
      throw new BracketFormatError(
        `${JSON.stringify(symbol)} is not a Binance symbol (capital letters, digits and _).`,
      );
    if (seen.has(symbol)) throw new BracketFormatError(`${symbol} appears twice; paste each market once.`);
    seen.add(symbol);
    const rows: [number, number, number, number, number][] = [];
    table.rows.forEach(([floor, cap, rate, amount, leverage], i) => {
      const previous = rows[i - 1];
      const cum = previous ? new Dec(previous[3]).plus(new Dec(floor).times(new Dec(rate).minus(previous[2]))) : 0;
      rows.push([floor, cap, rate, amount ?? Number(cum), leverage]);
    });
    try {
      BracketTable.fromRows(rows as unknown as BracketRow[], where, 'market', true);
    } catch (error) {
      if (error instanceof EngineError)
        throw new BracketFormatError(error.describe({ market: { name: 'Import', expected: '' } }));
      throw error;
    }
    const family: Family = isCoinMargined(symbol) ? 'COIN-M' : 'USDS-M';
    const known = family === 'COIN-M' ? (table.contractSize ?? contractSizeOf(symbol)) : 1;
    const contractSize = known ?? (symbol.startsWith('BTCUSD_') ? 100 : 10);
    return {
      symbol,
      family,
      rows,
      contractSize,
      contractSizeAssumed: known === null,
      ...(table.notionalCoef === undefined ? {} : { notionalCoef: table.notionalCoef }),
    };
  });
}

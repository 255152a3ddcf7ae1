import { BracketTable, type BracketRow, Dec, EngineError } from '../engine';
import { BracketFormatError, type ReadTables, isCoinMargined } from './bracketFormats';

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

/** A given maintenance amount may differ from the recurrence's by this much, relative. */
const AMOUNT_TOLERANCE = new Dec('1e-9');

/**
 * Checks every table (the rules a bracket table must follow, and a given maintenance amount against
 * `cum_k = cum_{k−1} + floor_k·(mmr_k − mmr_{k−1})`), filling a missing amount from the recurrence. Throws
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
    let cum = new Dec(0);
    const rows = table.rows.map(([floor, cap, rate, amount, leverage], i): [number, number, number, number, number] => {
      if (i > 0) cum = cum.plus(new Dec(floor).times(new Dec(rate).minus(table.rows[i - 1][2])));
      if (
        amount !== null &&
        new Dec(amount)
          .minus(cum)
          .abs()
          .gt(AMOUNT_TOLERANCE.times(Dec.max(cum.abs(), 1)))
      )
        throw new BracketFormatError(
          `${where}, row ${i + 1}: the maintenance amount ${amount} breaks cum = previous cum + floor × (rate − ` +
            `previous rate), which gives ${cum.toString()}; the table is inconsistent.`,
        );
      return [floor, cap, rate, amount ?? cum.toNumber(), leverage];
    });
    try {
      BracketTable.fromRows(rows as unknown as BracketRow[], where);
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

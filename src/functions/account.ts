import { type BracketTable, type Dec, type PortfolioPosition, type Side, checkPortfolioPosition } from '../engine';
import { ArgumentError, type Arg, isBlank } from './cells';
import { broadcastShape, cellAt, checkArgumentCount, parseCell, sourcesOf } from './arguments';
import { errorMessage } from './results';
import type { CustomSpec } from './spec';

/** One row of an account range: its place, and the position or why it is not one. */
export interface AccountRow {
  readonly row: number;
  readonly column: number;
  readonly position?: PortfolioPosition;
  readonly error?: unknown;
  /** The valuation at mark of a valid position. */
  readonly atMark?: { maintenanceMargin: Dec; unrealizedPnl: Dec };
}

/**
 * Reads the positions of one cross account (ACCOUNT_PARAMS: sides, entry prices, quantities,
 * mark prices, wallet balance, brackets). Blank rows are not positions; a bad row carries its
 * error, with the row named in it. With single values only, a bad position throws.
 */
export function readAccount(args: readonly Arg[], spec: CustomSpec): { wallet: Dec; rows: AccountRow[]; shape: { rows: number; columns: number }; single: boolean } {
  checkArgumentCount(spec, args);
  const params = spec.params;
  const sources = sourcesOf(params, args);
  const shape = broadcastShape(params, sources) ?? { rows: 1, columns: 1 };
  const single = sources.every((s) => s.kind === 'one');
  const tables = new Map<unknown, BracketTable>();
  const wallet = parseCell(params[4], cellAt(sources[4], 0, 0), tables) as Dec;
  const grids = sources.filter((s) => s.kind === 'grid');
  const rows: AccountRow[] = [];
  for (let r = 0; r < shape.rows; r++) {
    for (let c = 0; c < shape.columns; c++) {
      if (!single && grids.every((g) => isBlank(cellAt(g, r, c)))) continue;
      const where = single ? '' : ` (row ${r + 1}${shape.columns > 1 ? `, column ${c + 1}` : ''})`;
      try {
        const read = (i: number) => {
          try {
            return parseCell(params[i], cellAt(sources[i], r, c), tables);
          } catch (error) {
            throw new ArgumentError(errorMessage(error).replace(/^([a-z_]+)/, `$1${where}`));
          }
        };
        const position: PortfolioPosition = { side: read(0) as Side, entryPrice: read(1) as Dec, quantity: read(2) as Dec, markPrice: read(3) as Dec, table: read(5) as BracketTable };
        rows.push({ row: r, column: c, position, atMark: checkPortfolioPosition(position, where) });
      } catch (error) {
        if (single) throw error;
        rows.push({ row: r, column: c, error });
      }
    }
  }
  return { wallet, rows, shape, single };
}

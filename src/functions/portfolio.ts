import { type BracketTable, type PortfolioPosition, type Side, checkPortfolioPosition, portfolioLiquidationPrices, type Dec } from '../engine';
import { ArgumentError, type Arg, BLANK, type Out, type OutCell, isBlank } from './cells';
import { broadcastShape, cellAt, checkArgumentCount, parseCell, sourcesOf } from './arguments';
import { errorCell, errorMessage, outcomeCell } from './results';
import type { CustomSpec } from './spec';

/**
 * LIQ_PRICE_PORTFOLIO: the rows are the positions of one cross account, so they are computed
 * together. A bad row shows its own error; since every cross price depends on every position,
 * the other rows then say which row to fix rather than show a number that ignores it.
 */
export function runPortfolio(args: readonly Arg[], spec: CustomSpec): Out {
  checkArgumentCount(spec, args);
  const params = spec.params;
  const sources = sourcesOf(params, args);
  const shape = broadcastShape(params, sources) ?? { rows: 1, columns: 1 };
  const single = sources.every((s) => s.kind === 'one');
  const tables = new Map<unknown, BracketTable>();
  const wallet = parseCell(params[4], cellAt(sources[4], 0, 0), tables) as Dec;

  type Slot = { row: number; column: number; position?: PortfolioPosition; error?: unknown };
  const slots: Slot[] = [];
  const grids = sources.filter((s) => s.kind === 'grid');
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
        checkPortfolioPosition(position, where);
        slots.push({ row: r, column: c, position });
      } catch (error) {
        if (single) throw error;
        slots.push({ row: r, column: c, error });
      }
    }
  }

  const out: OutCell[][] = Array.from({ length: shape.rows }, () => Array<OutCell>(shape.columns).fill(BLANK));
  const bad = slots.find((slot) => slot.error !== undefined);
  if (bad) {
    for (const slot of slots) {
      out[slot.row][slot.column] =
        slot.error !== undefined ? errorCell(slot.error) : `Error: row ${bad.row + 1} is invalid, and in cross margin every position's liquidation price depends on every other position; fix that row first.`;
    }
    return out;
  }
  if (slots.length === 0) return out;
  const outcomes = portfolioLiquidationPrices(slots.map((slot) => slot.position as PortfolioPosition), wallet);
  if (single) return outcomeCell(outcomes[0], 'wallet_balance');
  slots.forEach((slot, i) => {
    try {
      out[slot.row][slot.column] = outcomeCell(outcomes[i], 'wallet_balance');
    } catch (error) {
      out[slot.row][slot.column] = errorCell(error);
    }
  });
  return out;
}

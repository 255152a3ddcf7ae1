import { type BracketTable, type Dec, EngineError, type Side, ZERO, checkPortfolioPosition, formatAmount, marginRatio } from '../engine';
import { ArgumentError, type Arg, type Out, isBlank } from './cells';
import { broadcastShape, cellAt, checkArgumentCount, parseCell, sourcesOf } from './arguments';
import { errorMessage, toCellNumber } from './results';
import type { CustomSpec } from './spec';

/**
 * CROSS_MARGIN_RATIO: the cross account's margin ratio, Σ maintenance margin / (wallet + Σ
 * unrealized PnL), every position at its mark price. Blank rows are not positions; a bad row
 * makes the whole ratio an error naming it (a ratio that ignored it would be wrong).
 */
export function runCrossMarginRatio(args: readonly Arg[], spec: CustomSpec): Out {
  checkArgumentCount(spec, args);
  const params = spec.params;
  const sources = sourcesOf(params, args);
  const shape = broadcastShape(params, sources) ?? { rows: 1, columns: 1 };
  const tables = new Map<unknown, BracketTable>();
  const wallet = parseCell(params[4], cellAt(sources[4], 0, 0), tables) as Dec;
  const grids = sources.filter((s) => s.kind === 'grid');
  let maintenance = ZERO;
  let pnl = ZERO;
  let positions = 0;
  for (let r = 0; r < shape.rows; r++) {
    for (let c = 0; c < shape.columns; c++) {
      if (grids.length > 0 && grids.every((g) => isBlank(cellAt(g, r, c)))) continue;
      const where = grids.length > 0 ? ` (row ${r + 1})` : '';
      try {
        const read = (i: number) => parseCell(params[i], cellAt(sources[i], r, c), tables);
        const position = { side: read(0) as Side, entryPrice: read(1) as Dec, quantity: read(2) as Dec, markPrice: read(3) as Dec, table: read(5) as BracketTable };
        const atMark = checkPortfolioPosition(position, where);
        maintenance = maintenance.plus(atMark.maintenanceMargin);
        pnl = pnl.plus(atMark.unrealizedPnl);
        positions++;
      } catch (error) {
        throw new ArgumentError(errorMessage(error).replace(/^([a-z_]+)(?! \()/, `$1${where}`));
      }
    }
  }
  if (positions === 0) throw new ArgumentError('sides: no position given; expected at least one row of side, entry price, quantity and mark price.');
  const balance = wallet.plus(pnl);
  const ratio = marginRatio(maintenance, balance);
  if (ratio === null) {
    throw new EngineError('invalidValue', 'wallet_balance', wallet.toString(), `wallet_balance: the margin balance (${formatAmount(wallet, 2)} + unrealized PnL ${formatAmount(pnl, 2)}) is at or below zero; the account is past liquidation.`);
  }
  return toCellNumber(ratio, 'margin ratio');
}

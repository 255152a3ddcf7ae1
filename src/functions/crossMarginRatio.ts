import { EngineError, ZERO, formatAmount, marginRatio } from '../engine';
import { readAccount } from './account';
import { ArgumentError, type Arg, type Out } from './cells';
import { toCellNumber } from './results';
import type { CustomSpec } from './spec';

/**
 * CROSS_MARGIN_RATIO: the cross account's margin ratio, Σ maintenance margin / (wallet + Σ
 * unrealized PnL), every position at its mark price. Blank rows are not positions; a bad row
 * makes the whole ratio an error naming it (a ratio that ignored it would be wrong).
 */
export function runCrossMarginRatio(args: readonly Arg[], spec: CustomSpec): Out {
  const { wallet, rows } = readAccount(args, spec);
  let maintenance = ZERO;
  let pnl = ZERO;
  let positions = 0;
  for (const row of rows) {
    if (row.error !== undefined) throw row.error;
    maintenance = maintenance.plus(row.atMark!.maintenanceMargin);
    pnl = pnl.plus(row.atMark!.unrealizedPnl);
    positions++;
  }
  if (positions === 0) throw new ArgumentError('sides: no position given; expected at least one row of side, entry price, quantity and mark price.');
  const balance = wallet.plus(pnl);
  const ratio = marginRatio(maintenance, balance);
  if (ratio === null) {
    throw new EngineError('invalidValue', 'wallet_balance', wallet.toString(), `wallet_balance: the margin balance (${formatAmount(wallet, 2)} + unrealized PnL ${formatAmount(pnl, 2)}) is at or below zero; the account is past liquidation.`);
  }
  return toCellNumber(ratio, 'margin ratio');
}

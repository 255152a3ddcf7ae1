import {
  BUNDLED_COIN_SNAPSHOT,
  BUNDLED_SNAPSHOT,
  COIN_SNAPSHOT_AS_OF,
  COIN_SNAPSHOT_SYMBOL_COUNT,
  SNAPSHOT_SOURCE,
  SNAPSHOT_SYMBOL_COUNT,
  snapshotAgeDays,
} from '../data/symbols';
import type { SheetEnv } from '../shared/sheetApi';
import { importedMarkets } from './bracketImport';

/** About: what the add-on computes, and which brackets: the bundled snapshot's date and age, and any imports. */
export function aboutText(env: SheetEnv): string {
  const age = snapshotAgeDays(env.now());
  const coinAge = snapshotAgeDays(env.now(), COIN_SNAPSHOT_AS_OF);
  const imported = importedMarkets(env).map((m) => `${m.rangeName} (as of ${m.asOf})`);
  const shown = imported.slice(0, 5).join(', ') + (imported.length > 5 ? `, and ${imported.length - 5} more` : '');
  return (
    'Exact liquidation prices, maximum loss and cross-vs-isolated comparisons for Binance USDS-M and COIN-M ' +
    'futures, computed in this spreadsheet with no network calls.\n\n' +
    `Leverage brackets: the ${BUNDLED_SNAPSHOT} (${age} day${age === 1 ? '' : 's'} old; ` +
    `${SNAPSHOT_SYMBOL_COUNT} symbols; ${SNAPSHOT_SOURCE}); COIN-M: the ${BUNDLED_COIN_SNAPSHOT} ` +
    `(${coinAge} day${coinAge === 1 ? '' : 's'} old; ${COIN_SNAPSHOT_SYMBOL_COUNT} symbols). ` +
    (imported.length > 0
      ? `This spreadsheet has imported brackets: ${shown}; pass a named range as brackets to use them. `
      : 'Brackets change: Import brackets… brings in today\u2019s, as named ranges BRACKETS_<market>. ') +
    '\n\nNot covered: Multi-Assets mode, Portfolio Margin, fees and funding.'
  );
}

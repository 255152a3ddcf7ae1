import { resolveSymbol } from '../data/symbols';
import { MAX_LEVERAGE_ROWS, type ScenarioRequest } from '../shared/protocol';

export type { ScenarioRequest };

/** The classic example: a 5,000 USDT account, a 10,000 USDT BTC long at 60,000. */
export const EXAMPLE_REQUEST: ScenarioRequest = {
  symbol: 'BTCUSDT',
  side: 'LONG',
  entryPrice: 60000,
  sizeMode: 'VALUE',
  size: 10000,
  walletBalance: 5000,
  addedMargin: 0,
  stopPrice: null,
  volatility: null,
  horizonDays: null,
  leverages: [2, 5, 10, 20, 50, 100],
};

/**
 * Checks a request from the browser (never trusted): shapes and types. The numbers themselves are
 * judged by the engine in the sheet's formulas, row by row, with the sheet functions' words.
 */
export function checkScenarioRequest(input: unknown): ScenarioRequest {
  const r = (input ?? {}) as Record<string, unknown>;
  const finite = (name: string, value: unknown): number => {
    if (typeof value !== 'number' || !Number.isFinite(value))
      throw new Error(`${name}: ${JSON.stringify(value) ?? 'nothing'} is not a number.`);
    return value;
  };
  const symbol = typeof r.symbol === 'string' ? resolveSymbol(r.symbol) : null;
  if (symbol === null)
    throw new Error(`symbol: ${JSON.stringify(r.symbol)} is not a market of the bundled bracket snapshots.`);
  if (r.side !== 'LONG' && r.side !== 'SHORT') throw new Error(`side: ${JSON.stringify(r.side)} is not LONG or SHORT.`);
  if (r.sizeMode !== 'QUANTITY' && r.sizeMode !== 'VALUE' && r.sizeMode !== 'MARGIN' && r.sizeMode !== 'RISK')
    throw new Error(`size mode: ${JSON.stringify(r.sizeMode)} is not QUANTITY, VALUE, MARGIN or RISK.`);
  if (r.sizeMode === 'RISK' && (r.stopPrice === null || r.stopPrice === undefined))
    throw new Error('stop price: a size given as the risk at the stop needs a stop price.');
  if (!Array.isArray(r.leverages) || r.leverages.length === 0 || r.leverages.length > MAX_LEVERAGE_ROWS) {
    throw new Error(`leverages: expected 1 to ${MAX_LEVERAGE_ROWS} leverages.`);
  }
  return {
    symbol,
    side: r.side,
    entryPrice: finite('entry price', r.entryPrice),
    sizeMode: r.sizeMode,
    size: finite('size', r.size),
    walletBalance: finite('wallet balance', r.walletBalance),
    addedMargin: finite('added margin', r.addedMargin ?? 0),
    stopPrice: r.stopPrice === null || r.stopPrice === undefined ? null : finite('stop price', r.stopPrice),
    volatility: r.volatility === null || r.volatility === undefined ? null : finite('volatility', r.volatility),
    horizonDays: r.horizonDays === null || r.horizonDays === undefined ? null : finite('horizon', r.horizonDays),
    leverages: r.leverages.map((leverage, i) => finite(`leverage ${i + 1}`, leverage)),
  };
}

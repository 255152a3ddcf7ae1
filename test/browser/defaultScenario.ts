import { snapshotMarket } from '../../src/data/symbols';
import { Dec, type Scenario } from '../../src/engine';

/**
 * The scenario the sidebar opens with (a 10,000 USDT BTCUSDT long at 60,000, a 5,000 USDT account),
 * as the engine takes it: what the browser tests compare the sidebar and the inserted grid with.
 */
export function defaultScenario(changes: Partial<Scenario> = {}): Scenario {
  return {
    side: 1,
    entryPrice: new Dec(60000),
    sizeMode: 'VALUE',
    size: new Dec(10000),
    walletBalance: new Dec(5000),
    addedMargin: new Dec(0),
    stopPrice: null,
    market: snapshotMarket('BTCUSDT'),
    ...changes,
  };
}

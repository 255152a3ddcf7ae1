import { BracketTable, binanceUsdsMarket } from '../../src/engine';
import { SNAPSHOT_AS_OF, snapshotMarket } from '../../src/data/symbols';

describe('Market', () => {
  it('a snapshot symbol is a dated Binance USDS-M linear market', () => {
    const market = snapshotMarket('btcusdt');
    expect(market).toMatchObject({
      exchange: 'Binance USDS-M',
      symbol: 'BTCUSDT',
      asOf: SNAPSHOT_AS_OF,
      label: 'BTCUSDT',
    });
    expect(market.contract.kind).toBe('linear');
    expect(market.contract.contractSize.toNumber()).toBe(1);
    expect(market.contract.marginAsset).toBe('USDT');
    expect(market.tiers.brackets.length).toBeGreaterThan(1);
    expect(snapshotMarket('BTCUSDT')).toBe(market); // built once per symbol
  });

  it('USDC-margined symbols are margined in USDC (USDCUSDT itself in USDT)', () => {
    const tiers = BracketTable.flatRate('0.005');
    expect(binanceUsdsMarket(tiers, 'BTCUSDC').contract.marginAsset).toBe('USDC');
    expect(binanceUsdsMarket(tiers, 'ETHUSDC_261225').contract.marginAsset).toBe('USDC');
    expect(binanceUsdsMarket(tiers, 'USDCUSDT').contract.marginAsset).toBe('USDT');
  });

  it("a user's own table has no symbol or date and is named as the table is", () => {
    const market = binanceUsdsMarket(BracketTable.flatRate('0.005'));
    expect(market).toMatchObject({ symbol: null, asOf: null, label: 'a flat 0.5 % maintenance rate' });
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EngineError } from '../../src/engine';
import { callFunction } from '../../src/functions';
import {
  SNAPSHOT_AS_OF,
  coinSnapshotSymbols,
  normalizeSymbol,
  resolveSymbol,
  snapshotSymbols,
  snapshotMarket,
} from '../../src/data/symbols';

const SOURCE = join(__dirname, '../../src/data/binance-brackets-2026-07-02.json');
const raw = JSON.parse(readFileSync(SOURCE, 'utf8')) as {
  asOf: string;
  symbols: Record<string, number[][]>;
};

const COINM = JSON.parse(
  readFileSync(join(__dirname, '../../src/data/binance-coinm-brackets-2026-09-17.json'), 'utf8'),
) as { symbols: Record<string, { contractSize: number; brackets: number[][] }> };

describe('bundled bracket snapshot', () => {
  it('holds every symbol of the dated source file, each with exactly its rows', () => {
    expect(SNAPSHOT_AS_OF).toBe(raw.asOf);
    expect(snapshotSymbols()).toEqual(Object.keys(raw.symbols).sort());
    expect(snapshotSymbols()).toHaveLength(804);
    for (const [symbol, rows] of Object.entries(raw.symbols)) {
      const table = snapshotMarket(symbol);
      expect(
        table.tiers.brackets.map((b) => [b.floor, b.cap, b.mmr, b.cum, b.maxLeverage].map((v) => v?.toNumber())),
      ).toEqual(rows);
    }
  });

  it('BRACKETS(symbol) spills every symbol of the file with exactly its rows, under its title row', () => {
    for (const [symbol, rows] of Object.entries(raw.symbols)) {
      const out = callFunction('BRACKETS', [symbol]) as unknown[][];
      expect(out[0]).toEqual([
        `BINANCE:${symbol}`,
        'Binance USDS-M leverage brackets',
        1,
        '2026-07-02',
        'bundled snapshot',
      ]);
      expect(out.slice(2)).toEqual(rows);
    }
  });

  it('stores each value, row and schedule once (the bundled form is a fifteenth of the source)', () => {
    const compact = readFileSync(join(__dirname, '../../src/data/usdsSnapshot.ts'), 'utf8');
    expect(compact.length).toBeLessThan(readFileSync(SOURCE, 'utf8').length / 15);
  });

  it('looks symbols up case-insensitively and accepts common spellings', () => {
    expect(snapshotMarket('btcusdt').label).toBe('BTCUSDT');
    expect(resolveSymbol('BTC/USDT:USDT')).toBe('BTCUSDT');
    expect(resolveSymbol(' eth-usdt ')).toBe('ETHUSDT');
    expect(resolveSymbol('sol')).toBe('SOLUSDT');
    expect(resolveSymbol('BTCUSDT perp')).toBe('BTCUSDT');
    expect(normalizeSymbol('1000pepe_usdt')).toBe('1000PEPEUSDT');
    // Market names: the exchange prefix, dated futures, USDC-margined symbols, a symbol in Chinese.
    expect(resolveSymbol('binance:btcusdt')).toBe('BTCUSDT');
    expect(normalizeSymbol('BTCUSDT_261225')).toBe('BTCUSDT_261225');
    expect(normalizeSymbol('BTC/USDT:USDT-261225')).toBe('BTCUSDT_261225');
    expect(normalizeSymbol('BTC/USD:BTC')).toBe('BTCUSD_PERP');
    expect(resolveSymbol('BTCUSDC')).toBe('BTCUSDC');
    expect(snapshotMarket('BTCUSDC').contract.marginAsset).toBe('USDC');
    expect(resolveSymbol('币安人生USDT')).toBe('币安人生USDT');
    expect(resolveSymbol('NOTACOIN')).toBeNull();
  });

  it('reads COIN-M markets from their own snapshot, each with its contract size and coin', () => {
    const btc = snapshotMarket('binance:btcusd_perp');
    expect(btc.exchange).toBe('Binance COIN-M');
    expect(btc.contract).toMatchObject({ kind: 'inverse', marginAsset: 'BTC' });
    expect(btc.contract.contractSize.toNumber()).toBe(100);
    expect(btc.asOf).toBe('2026-09-17');
    expect(btc.tiers.unit).toBe('BTC');
    expect(snapshotMarket('ETHUSD_261225').contract.contractSize.toNumber()).toBe(10);
    expect(snapshotMarket('ETHUSD_261225').contract.marginAsset).toBe('ETH');
    // Not BTCUSD_PERP: a COIN-M market counts contracts and coins, so it is named as such.
    expect(resolveSymbol('BTCUSD')).toBeNull();
    expect(() => snapshotMarket('BTCUSD')).toThrow(/Did you mean BTCUSD_PERP \(COIN-M\), BTCUSDC, BTCUSDT\?/);
    expect(coinSnapshotSymbols()).toHaveLength(35);
    // Every symbol of the reference file gives its rows exactly, with its contract size.
    for (const [symbol, entry] of Object.entries(COINM.symbols)) {
      const market = snapshotMarket(symbol);
      expect(market.contract.contractSize.toNumber()).toBe(entry.contractSize);
      expect(market.tiers.brackets.map((b) => [b.floor, b.cap, b.mmr, b.cum, b.maxLeverage].map(Number))).toEqual(
        entry.brackets,
      );
    }
  });

  it('an unknown symbol is an error that suggests close names', () => {
    let error: unknown;
    try {
      snapshotMarket('BTCUSDX');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(EngineError);
    expect((error as EngineError).code).toBe('unknownSymbol');
    expect((error as EngineError).message).toMatch(
      /^brackets: "BTCUSDX" is not a market of the bundled Binance USDS-M snapshot of 2026-07-02\./,
    );
    expect((error as EngineError).message).toMatch(/Did you mean BTCUSDC, BTCUSDT/);
    expect((error as EngineError).message).toMatch(/Import brackets…, then pass the named range BRACKETS_BTCUSDX\.$/);
    expect(() => snapshotMarket('OKX:BTCUSDT')).toThrow(/names the exchange OKX; expected a Binance market/);
    expect(() => snapshotMarket('FOOUSD_PERP')).toThrow(
      /"FOOUSD_PERP" is not a market of the bundled Binance COIN-M snapshot of 2026-09-17\./,
    );
    expect(() => snapshotMarket('PEPE')).toThrow(/Did you mean 1000PEPEUSDC, 1000PEPEUSDT/);
  });
});

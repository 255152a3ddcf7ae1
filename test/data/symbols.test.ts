import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EngineError } from '../../src/engine';
import {
  SNAPSHOT_AS_OF,
  normalizeSymbol,
  resolveSymbol,
  snapshotSymbols,
  snapshotMarket,
} from '../../src/data/symbols';

const raw = JSON.parse(readFileSync(join(__dirname, '../../src/data/binance-brackets-2024-10-24.json'), 'utf8')) as {
  asOf: string;
  symbols: Record<string, number[][]>;
};

describe('bundled bracket snapshot', () => {
  it('holds every symbol of the dated source file, each with exactly its rows', () => {
    expect(SNAPSHOT_AS_OF).toBe(raw.asOf);
    expect(snapshotSymbols()).toEqual(Object.keys(raw.symbols).sort());
    expect(snapshotSymbols()).toHaveLength(318);
    for (const [symbol, rows] of Object.entries(raw.symbols)) {
      const table = snapshotMarket(symbol);
      expect(
        table.tiers.brackets.map((b) => [b.floor, b.cap, b.mmr, b.cum, b.maxLeverage].map((v) => v?.toNumber())),
      ).toEqual(rows);
    }
  });

  it('stores each schedule once (the compact form is smaller than the source)', () => {
    const compact = readFileSync(join(__dirname, '../../src/data/bracketSnapshot.ts'), 'utf8');
    const source = readFileSync(join(__dirname, '../../src/data/binance-brackets-2024-10-24.json'), 'utf8');
    expect(compact.length).toBeLessThan(source.length / 2);
  });

  it('looks symbols up case-insensitively and accepts common spellings', () => {
    expect(snapshotMarket('btcusdt').label).toBe('BTCUSDT');
    expect(resolveSymbol('BTC/USDT:USDT')).toBe('BTCUSDT');
    expect(resolveSymbol(' eth-usdt ')).toBe('ETHUSDT');
    expect(resolveSymbol('sol')).toBe('SOLUSDT');
    expect(resolveSymbol('BTCUSDT perp')).toBe('BTCUSDT');
    expect(normalizeSymbol('1000pepe_usdt')).toBe('1000PEPEUSDT');
    expect(resolveSymbol('NOTACOIN')).toBeNull();
  });

  it('an unknown symbol is an error that suggests close names', () => {
    let error: unknown;
    try {
      snapshotMarket('BTCUSD');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(EngineError);
    expect((error as EngineError).code).toBe('unknownSymbol');
    expect((error as EngineError).message).toMatch(
      /^brackets: "BTCUSD" is not a symbol in the 2024-10-24 Binance USDS-M bracket snapshot/,
    );
    expect((error as EngineError).message).toMatch(/Did you mean BTCUSDT/);
    expect(() => snapshotMarket('PEPE')).toThrow(/Did you mean 1000PEPEUSDT/);
  });
});

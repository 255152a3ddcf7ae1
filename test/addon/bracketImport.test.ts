import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BRACKETS_SHEET, importPastedBrackets, importedTable, previewImport } from '../../src/addon/bracketImport';
import { readBracketText } from '../../src/data/bracketFormats';
import { callFunction } from '../../src/functions';
import { aboutText } from '../../src/addon/about';
import { FakeSpreadsheet, fakeEnv } from './fakeSheets';

// Fixtures in every format the import reads, built from the dated reference files (USDS-M 2026-07-02, COIN-M
// 2026-09-17), so each one's expected rows are known exactly.
type Row = [number, number, number, number, number];
const usds = JSON.parse(readFileSync(join(__dirname, '../../src/data/binance-brackets-2026-07-02.json'), 'utf8')) as {
  symbols: Record<string, Row[]>;
};
const coinm = JSON.parse(
  readFileSync(join(__dirname, '../../src/data/binance-coinm-brackets-2026-09-17.json'), 'utf8'),
) as { symbols: Record<string, { contractSize: number; brackets: Row[] }> };
const BTC = usds.symbols.BTCUSDT;
const ETH = usds.symbols.ETHUSDT;

/** Binance's signed `/fapi/v1/leverageBracket` answer (numbers as the API sends them). */
const fapi = (symbols: Record<string, Row[]>, coef?: number) =>
  JSON.stringify(
    Object.entries(symbols).map(([symbol, rows]) => ({
      symbol,
      ...(coef ? { notionalCoef: coef } : {}),
      brackets: rows.map(([floor, cap, mmr, cum, lev], i) => ({
        bracket: i + 1,
        initialLeverage: lev,
        notionalCap: cap,
        notionalFloor: floor,
        maintMarginRatio: mmr,
        cum,
      })),
    })),
  );
/** `/dapi/v1/leverageBracket`: a pair, quantities in coins, Binance's `qtylFloor` spelling. */
const dapi = (pair: string, rows: Row[]) =>
  JSON.stringify([
    {
      pair,
      brackets: rows.map(([floor, cap, mmr, cum, lev], i) => ({
        bracket: i + 1,
        initialLeverage: lev,
        qtyCap: cap,
        qtylFloor: floor,
        maintMarginRatio: mmr,
        cum,
      })),
    },
  ]);
const web = (symbol: string, rows: Row[]) =>
  JSON.stringify({
    code: '000000',
    data: {
      brackets: [
        {
          symbol,
          updateTime: 1782950400000,
          riskBrackets: rows.map(([floor, cap, mmr, cum, lev], i) => ({
            bracketSeq: i + 1,
            bracketNotionalFloor: floor,
            bracketNotionalCap: cap,
            bracketMaintenanceMarginRate: mmr,
            cumFastMaintenanceAmount: cum,
            maxOpenPosLeverage: lev,
          })),
        },
      ],
    },
  });
const ccxt = (key: string, rows: Row[]) =>
  JSON.stringify({
    [key]: rows.map(([floor, cap, mmr, cum, lev], i) => ({
      tier: i + 1,
      currency: 'USDT',
      minNotional: floor,
      maxNotional: cap,
      maintenanceMarginRate: mmr,
      maxLeverage: lev,
      info: { bracket: String(i + 1), cum: String(cum) },
    })),
  });
/** A table copied from a web page: tabs, thousands separators, percentages, a leverage with ×, no amounts. */
const copied = (symbol: string, rows: Row[]) =>
  ['Symbol\tFloor\tCap\tMaintenance margin rate\tMaintenance amount\tMax leverage']
    .concat(
      rows.map(([floor, cap, mmr, , lev]) =>
        [
          symbol,
          floor.toLocaleString('en'),
          cap.toLocaleString('en'),
          `${+(mmr * 100).toFixed(4)}%`,
          '',
          `${lev}×`,
        ].join('\t'),
      ),
    )
    .join('\n');

const rowsOf = (text: string) => readBracketText(text).tables.map((t) => [t.symbol, t.rows]);

describe('reading every format', () => {
  it('Binance fapi, dapi (qtylFloor) and web JSON, ccxt tiers, a copied table, a snapshot file', () => {
    expect(rowsOf(fapi({ BTCUSDT: BTC }))).toEqual([['BTCUSDT', BTC]]);
    const btcusd = coinm.symbols.BTCUSD_PERP.brackets;
    expect(rowsOf(dapi('BTCUSD', btcusd))).toEqual([['BTCUSD_PERP', btcusd]]);
    expect(rowsOf(web('ETHUSDT', ETH))).toEqual([['ETHUSDT', ETH]]);
    expect(rowsOf(ccxt('BTC/USDT:USDT', BTC))).toEqual([['BTCUSDT', BTC]]);
    expect(rowsOf(ccxt('ETH/USD:ETH', coinm.symbols.ETHUSD_PERP.brackets))).toEqual([
      ['ETHUSD_PERP', coinm.symbols.ETHUSD_PERP.brackets],
    ]);
    // The copied table has no amounts: they are computed, exactly as the reference file has them.
    const table = readBracketText(copied('BTCUSDT', BTC));
    expect(table.format).toBe('table of bracket rows');
    expect(table.tables[0].rows.map((r) => [r[0], r[1], r[2], r[4]])).toEqual(BTC.map((r) => [r[0], r[1], r[2], r[4]]));
    const env = fakeEnv();
    expect(importPastedBrackets(env, copied('BTCUSDT', BTC)).status).toBe('imported');
    expect(importedTable(env, 'BTCUSDT')?.rows).toEqual(BTC);
    // A whole COIN-M reference file: its contract sizes come with it.
    const file = readBracketText(
      readFileSync(join(__dirname, '../../src/data/binance-coinm-brackets-2026-09-17.json'), 'utf8'),
    );
    expect(file.tables).toHaveLength(35);
    expect(file.tables.find((t) => t.symbol === 'BTCUSD_PERP')?.contractSize).toBe(100);
  });

  it('imports a COIN-M table with its contract size: the named range computes as the bundled market does', () => {
    const env = fakeEnv();
    const rows = coinm.symbols.BTCUSD_PERP.brackets;
    expect(importPastedBrackets(env, dapi('BTCUSD', rows)).status).toBe('imported');
    const table = importedTable(env, 'BTCUSD_PERP');
    expect(table).toMatchObject({ symbol: 'BTCUSD_PERP', rangeName: 'BRACKETS_BTCUSD_PERP', contractSize: 100 });
    expect(table?.rows).toEqual(rows);
    // The table as the sheet holds it (title row with the contract size) is a COIN-M market for every function.
    const sheet = env.spreadsheet.getSheetByName(BRACKETS_SHEET)!;
    const values = sheet.getRange(1, 1, sheet.getLastRow(), 5).getValues();
    const first = values.findIndex((row) => row[0] === 'BINANCE:BTCUSD_PERP');
    expect(values[first].slice(1, 3)).toEqual(['Binance COIN-M leverage brackets', 100]);
    const range = values.slice(first, first + 2 + rows.length);
    const price = (brackets: unknown) => callFunction('LIQ_PRICE_CROSS', ['LONG', 45000, 100000, 101, 0, 0, brackets]);
    expect(price(range)).toBe(price('BTCUSD_PERP'));
  });

  it.each([
    ['an empty paste', '  ', /^Nothing was pasted/],
    ['broken JSON', '[{"symbol": ', /^The paste starts like JSON but is not valid JSON/],
    ['JSON of another shape', '{"a": 1}', /^The JSON is not a bracket format the import knows/],
    ['a line of five cells', 'BTCUSDT,0,300000,0.004,150', /^Line 1 has 5 cells; expected 6/],
    [
      'a cell that is not a number',
      'BTCUSDT\t0\tlots\t0.4%\t\t150',
      /^Line 1 \(BTCUSDT\), cap: "lots" is not a number/,
    ],
    [
      'a floor that is not the previous cap',
      'BTCUSDT,0,300000,0.004,0,150\nBTCUSDT,310000,800000,0.005,,100',
      /row 2 of BTCUSDT \(from line 1\): the floor 310,000 does not equal the previous cap 300,000/,
    ],
    [
      'a maintenance rate that falls',
      'BTCUSDT,0,300000,0.004,0,150\nBTCUSDT,300000,800000,0.003,,100',
      /row 2 .*the maintenance rate 0.3 % is below the previous bracket's 0.4 %/,
    ],
    [
      'a leverage that rises',
      'BTCUSDT,0,300000,0.004,0,100\nBTCUSDT,300000,800000,0.005,,150',
      /row 2 .*the maximum leverage 150 is above the previous bracket's 100/,
    ],
    [
      'an amount that breaks the recurrence',
      'BTCUSDT,0,300000,0.004,0,150\nBTCUSDT,300000,800000,0.005,301,100',
      /^Import: row 2 of BTCUSDT \(from line 1\): the maintenance amount 301 breaks the rule cum = .* which gives 300/,
    ],
    [
      // A table typed into a sheet may be off by a cent (the functions accept it); an exchange's table may not.
      'an amount off the recurrence by half a cent',
      'BTCUSDT,0,300000,0.004,0,150\nBTCUSDT,300000,800000,0.005,300.005,100',
      /the maintenance amount 300.005 breaks the rule cum = .* which gives 300/,
    ],
    ['a rate out of range', 'BTCUSDT,0,300000,150%,0,150', /0.004|rate/],
    ['a symbol twice', fapi({ BTCUSDT: BTC }).replace(/^\[(.*)\]$/, '[$1,$1]'), /^BTCUSDT appears twice/],
  ])('refuses %s, saying what and where, and changes nothing', (_, text, message) => {
    const env = fakeEnv();
    const before = env.spreadsheet.snapshot();
    const result = importPastedBrackets(env, text);
    expect(result.status).toBe('refused');
    expect(result.status === 'refused' && result.message).toMatch(message);
    expect(previewImport(env, text)).toEqual(result);
    expect(env.spreadsheet.snapshot()).toEqual(before);
  });
});

describe('importing into the spreadsheet', () => {
  it('previews against the bundled snapshot and the last import, then writes tables and named ranges', () => {
    const env = fakeEnv();
    const changed = BTC.map((r, i): Row => (i === 0 ? [r[0], r[1], r[2], r[3], 125] : r));
    const paste = fapi({ BTCUSDT: changed, ETHUSDT: ETH, NEWCOINUSDT: ETH }, 1.5);
    const preview = previewImport(env, paste);
    expect(preview).toEqual({
      status: 'preview',
      format: 'Binance leverageBracket JSON',
      markets: [
        { market: 'BINANCE:BTCUSDT', vsBundled: 'bracket 1 max leverage 150× → 125×', vsLastImport: 'first import' },
        { market: 'BINANCE:ETHUSDT', vsBundled: 'same', vsLastImport: 'first import' },
        { market: 'BINANCE:NEWCOINUSDT', vsBundled: 'new', vsLastImport: 'first import' },
      ],
    });
    const result = importPastedBrackets(env, paste);
    expect(result).toEqual({
      status: 'imported',
      markets: ['BINANCE:BTCUSDT', 'BINANCE:ETHUSDT', 'BINANCE:NEWCOINUSDT'],
      sheet: BRACKETS_SHEET,
    });
    const names = env.spreadsheet.getNamedRanges().map((n) => n.getName());
    expect(names.sort()).toEqual(['BRACKETS_BTCUSDT', 'BRACKETS_ETHUSDT', 'BRACKETS_NEWCOINUSDT']);
    // A named range is what a function gets: its title row names the market and the date, its rows are the paste's.
    const range = env.spreadsheet
      .getNamedRanges()
      .find((n) => n.getName() === 'BRACKETS_BTCUSDT')!
      .getRange();
    const values = range.getValues().map((row) => row.map((v) => (typeof v === 'string' ? v.replace(/^'/, '') : v)));
    expect(values[0].slice(0, 4)).toEqual(['BINANCE:BTCUSDT', 'Binance USDS-M leverage brackets', 1, '2026-11-25']);
    expect(values[0][4]).toBe('imported 2026-11-25 from Binance leverageBracket JSON; notionalCoef 1.5');
    expect(values.slice(2)).toEqual(changed);
    expect(callFunction('MAX_LEVERAGE', [1000, values])).toBe(125);
    expect(callFunction('LIQ_PRICE_ISOLATED', ['LONG', 3000, 1, 10, 0, values])).toBe(
      callFunction('LIQ_PRICE_ISOLATED', ['LONG', 3000, 1, 10, 0, 'BTCUSDT']),
    );
    expect(importedTable(env, 'btcusdt')).toMatchObject({ rangeName: 'BRACKETS_BTCUSDT', asOf: '2026-11-25' });
    expect(importedTable(env, 'SOLUSDT')).toBeNull();
    expect(aboutText(env)).toMatch(
      /imported brackets: BRACKETS_BTCUSDT \(as of 2026-11-25\), BRACKETS_ETHUSDT \(as of 2026-11-25\), BRACKETS_NEW/,
    );

    // Re-import one market: only its table changes, the others stay, and the preview compares with the last import.
    const again = fapi({ BTCUSDT: BTC });
    const second = previewImport(env, again);
    expect(second.status === 'preview' && second.markets[0]).toEqual({
      market: 'BINANCE:BTCUSDT',
      vsBundled: 'same',
      vsLastImport: 'bracket 1 max leverage 125× → 150×',
    });
    expect(importPastedBrackets(env, again)).toMatchObject({ status: 'imported', markets: ['BINANCE:BTCUSDT'] });
    expect(importedTable(env, 'BTCUSDT')?.rows).toEqual(BTC);
    expect(importedTable(env, 'ETHUSDT')?.rows).toEqual(ETH);
    expect(env.spreadsheet.getNamedRanges()).toHaveLength(3);
    expect(env.spreadsheet.getSheets().map((s) => s.getName())).toEqual(['Sheet1', BRACKETS_SHEET]);
  });

  it('imports only the markets picked, and refuses a pick the paste does not hold', () => {
    const env = fakeEnv();
    const paste = fapi({ BTCUSDT: BTC, ETHUSDT: ETH });
    expect(importPastedBrackets(env, paste, ['BINANCE:ETHUSDT'])).toMatchObject({ markets: ['BINANCE:ETHUSDT'] });
    expect(importedTable(env, 'BTCUSDT')).toBeNull();
    expect(importPastedBrackets(env, paste, ['SOLUSDT'])).toEqual({
      status: 'refused',
      message: 'SOLUSDT: not in the paste; nothing was imported.',
    });
  });

  it('never writes over data: a sheet of that name it did not write, a named range of the user', () => {
    const book = new FakeSpreadsheet(['Sheet1', BRACKETS_SHEET]);
    book.sheets[1].update(1, 1, { value: 'my own notes' });
    const env = fakeEnv(book);
    expect(importPastedBrackets(env, fapi({ BTCUSDT: BTC }))).toMatchObject({ sheet: `${BRACKETS_SHEET} (2)` });
    expect(book.sheets[1].cell(1, 1).value).toBe('my own notes');
    const other = fakeEnv();
    other.spreadsheet.setNamedRange('BRACKETS_ETHUSDT', other.spreadsheet.sheets[0].getRange(1, 1, 2, 2));
    const before = other.spreadsheet.snapshot();
    const refused = importPastedBrackets(other, fapi({ ETHUSDT: ETH }));
    expect(refused.status === 'refused' && refused.message).toMatch(
      /^BRACKETS_ETHUSDT already names Sheet1!A1:B2, which the add-on did not write/,
    );
    expect(other.spreadsheet.snapshot()).toEqual(before);
  });

  it.each(['insertSheet', 'setValues', 'clearContent', 'setNamedRange', 'removeNamedRange', 'flush'])(
    'a fault at %s leaves the book as it was (first import and re-import)',
    (method) => {
      for (const first of [true, false]) {
        const env = fakeEnv();
        if (!first) importPastedBrackets(env, fapi({ BTCUSDT: BTC, ETHUSDT: ETH }));
        const before = env.spreadsheet.snapshot();
        env.spreadsheet.failOn = method;
        const result = importPastedBrackets(
          env,
          fapi({ BTCUSDT: BTC.map((r): Row => [r[0], r[1], r[2], r[3], Math.min(r[4], 20)]) }),
        );
        if (env.spreadsheet.failOn === method) continue; // not called on this path
        expect(result.status === 'refused' && result.message).toMatch(/^The import failed .* and was undone/);
        expect(env.spreadsheet.snapshot()).toEqual(before);
      }
    },
  );

  it('imports all 804 symbols of a snapshot file in one write', () => {
    const env = fakeEnv();
    const text = readFileSync(join(__dirname, '../../src/data/binance-brackets-2026-07-02.json'), 'utf8');
    const result = importPastedBrackets(env, text);
    expect(result.status === 'imported' && result.markets).toHaveLength(804);
    expect(env.spreadsheet.getNamedRanges()).toHaveLength(804);
    expect(importedTable(env, '1000PEPEUSDT')?.rows).toEqual(usds.symbols['1000PEPEUSDT']);
    expect(importedTable(env, '1000PEPEUSDT')?.asOf).toBe('2026-07-02');
  });
});

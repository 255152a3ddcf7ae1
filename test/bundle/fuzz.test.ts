import fc from 'fast-check';
import vm from 'node:vm';
import { FUNCTIONS, type FunctionSpec, resultShape } from '../../src/functions';
import { BRACKET_COLUMNS, GRID_HEADER } from '../../src/shared/columns';
import { loadBundle } from './loadBundle';
import { coinSnapshotSymbols } from '../../src/data/symbols';
import { coinOf } from '../../src/engine';

// Feeds every sheet function of the built bundle random cell values, as Sheets could pass them,
// and checks that nothing but a finite number, NONE, a blank or an `Error:` text reaches a cell,
// that a single call fails only with a real Error that has a message naming one of the called
// function's parameters, and that a result fills exactly the shape the registry declares.
const CALLS = 100_000;
const context = loadBundle();
const VmError = vm.runInContext('Error', context) as ErrorConstructor;
const HEADER_TEXTS = new Set<string>([...GRID_HEADER, ...BRACKET_COLUMNS]);
/** What MARGIN_ASSET may answer: USDT, USDC, or the coin of a bundled COIN-M market. */
const ASSETS = new Set<string>(['USDT', 'USDC', ...coinSnapshotSymbols().map(coinOf)]);

const number = fc.oneof(
  fc.double(),
  fc.integer({ min: -1_000_000, max: 1_000_000 }),
  fc.double({ min: 1e-3, max: 1e6, noNaN: true }),
  fc.constantFrom(
    0,
    -0,
    1,
    -1,
    0.004,
    10000 / 60000,
    60000,
    1e308,
    -1e308,
    5e-324,
    1e-300,
    1e300,
    Number.MAX_SAFE_INTEGER,
    NaN,
    Infinity,
    -Infinity,
  ),
);
const text = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.constantFrom(
    'LONG',
    'short',
    'BUY',
    'SELL',
    '1',
    '-1',
    'ISOLATED',
    'cross',
    'BTCUSDT',
    'ethusdt',
    '1000PEPEUSDT',
    'BTCUSD_PERP',
    'ethusd_261225',
    'BTC',
    ' 0.5 ',
    '0.4%',
    '60,000',
    '1,5',
    '1e5',
    '-0',
    'NONE',
    'Error: x',
    '',
    '   ',
    'Infinity',
    'NaN',
    '0x10',
    '1e999',
  ),
);
const cell = fc.oneof(
  { arbitrary: number, weight: 5 },
  { arbitrary: text, weight: 4 },
  { arbitrary: fc.boolean(), weight: 1 },
  { arbitrary: fc.constantFrom('', undefined, null), weight: 2 },
  { arbitrary: fc.date(), weight: 1 },
);
const range = fc.oneof(
  fc.array(fc.array(cell, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 4 }),
  fc
    .integer({ min: 1, max: 4 })
    .chain((rows) => fc.array(fc.array(cell, { minLength: 5, maxLength: 5 }), { minLength: rows, maxLength: rows })),
  fc.constantFrom([], [[]], [[], []]),
);
const arg = fc.oneof({ arbitrary: cell, weight: 6 }, { arbitrary: range, weight: 1 });
const call = fc
  .constantFrom(...FUNCTIONS)
  .chain((spec) => fc.tuple(fc.constant(spec), fc.array(arg, { maxLength: spec.params.length + 1 })));

function isValidCell(value: unknown): boolean {
  if (typeof value === 'number') return Number.isFinite(value);
  if (typeof value !== 'string') return false;
  if (value.includes('internal error')) return false;
  return (
    value === '' ||
    value === 'NONE' ||
    (value.startsWith('Error: ') && value.length > 'Error: '.length) ||
    HEADER_TEXTS.has(value) ||
    ASSETS.has(value) ||
    // BRACKETS' title row: the market, what it is, (the contract size is a number), the date, the source.
    /^BINANCE:[^\s]+$/.test(value) ||
    value === 'Binance USDS-M leverage brackets' ||
    value === 'Binance COIN-M leverage brackets' ||
    /^\d{4}-\d{2}-\d{2}$/.test(value) ||
    value === 'bundled snapshot' ||
    /^your bracket table: \d+ brackets, checked$/.test(value)
  );
}

/** A message names a parameter of the function called: it starts with one (or lists them all). */
function namesParameter(spec: FunctionSpec, message: string): boolean {
  if (message.startsWith(`${spec.name} takes at most`)) return true;
  return spec.params.some((p) => new RegExp(`^${p.name}( \\(row \\d+(, [a-z_]+ ?\\d*)?\\))?( is|:)`).test(message));
}

function checkMessages(spec: FunctionSpec, result: unknown): void {
  const cells = Array.isArray(result) ? (result as unknown[][]).flat() : [result];
  for (const cell of cells) {
    if (typeof cell === 'string' && cell.startsWith('Error: ') && !namesParameter(spec, cell.slice('Error: '.length))) {
      throw new Error(`${spec.name}: the message does not start with one of its parameters: ${cell}`);
    }
  }
}

function shapeOf(result: unknown): { rows: number; columns: number } {
  return Array.isArray(result)
    ? { rows: result.length, columns: (result[0] as unknown[]).length }
    : { rows: 1, columns: 1 };
}

function checkResult(result: unknown): void {
  if (!Array.isArray(result)) {
    if (!isValidCell(result)) throw new Error(`bad cell ${String(result)}`);
    return;
  }
  if (result.length === 0) throw new Error('empty array result');
  const width = (result[0] as unknown[]).length;
  for (const row of result) {
    if (!Array.isArray(row) || row.length !== width || width === 0) throw new Error('not a rectangular 2-D array');
    for (const value of row)
      if (!isValidCell(value))
        throw new Error(`bad cell ${JSON.stringify(value)} in ${JSON.stringify(result).slice(0, 300)}`);
  }
}

describe(`fuzz: ${CALLS.toLocaleString('en')} random calls into the bundle`, () => {
  it('never lets NaN, Infinity, undefined, null or a non-Error reach Sheets', () => {
    let calls = 0;
    let numbers = 0;
    fc.assert(
      fc.property(call, ([spec, args]) => {
        calls++;
        const name = spec.name;
        const fn = context[name] as (...a: unknown[]) => unknown;
        let result: unknown;
        try {
          result = fn(...args);
        } catch (error) {
          if (!(error instanceof VmError)) throw new Error(`${name} threw a non-Error: ${String(error)}`);
          if (typeof error.message !== 'string' || error.message.trim() === '')
            throw new Error(`${name} threw an Error without a message`);
          if (/internal error/.test(error.message)) throw new Error(`${name} hit an internal error: ${error.message}`);
          if (!namesParameter(spec, error.message))
            throw new Error(`${name}: the message does not start with one of its parameters: ${error.message}`);
          return;
        }
        checkResult(result);
        checkMessages(spec, result);
        const declared = resultShape(name, args);
        const actual = shapeOf(result);
        if (declared.rows !== actual.rows || declared.columns !== actual.columns) {
          throw new Error(
            `${name}: declared shape ${declared.rows}×${declared.columns}, result ` +
              `${actual.rows}×${actual.columns} for ` +
              `${JSON.stringify(args).slice(0, 300)}`,
          );
        }
        const cells = Array.isArray(result) ? (result as unknown[][]).flat() : [result];
        if (cells.some((cell) => typeof cell === 'number')) numbers++;
      }),
      { numRuns: CALLS },
    );
    expect(calls).toBe(CALLS);
    // Not vacuous: a fair share of calls get through the parsing to numbers from the engine.
    expect(numbers).toBeGreaterThan(CALLS / 200);
  });
});

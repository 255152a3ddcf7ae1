import fc from 'fast-check';
import vm from 'node:vm';
import { FUNCTIONS, type FunctionSpec } from '../../src/functions';
import type { ParamSpec } from '../../src/functions/spec';
import { loadBundle } from './loadBundle';

// Every sheet function of the built bundle, fed well-typed arguments of extreme magnitude
// (1e-300 … 1e300, subnormals, the largest doubles): each call answers within 100 ms for one row,
// with a number, NONE or a clear error. A loop that runs as many times as a value is large would
// hang here; the vm's own timeout turns such a hang into a failure instead of a stuck test run.
const CALLS_PER_FUNCTION = 400;
const LIMIT_MS = 100;
const context = loadBundle();
const VmError = vm.runInContext('Error', context) as ErrorConstructor;

const magnitude = fc.oneof(
  fc.integer({ min: -300, max: 300 }).map((e) => Number(`1e${e}`)),
  fc
    .tuple(fc.double({ min: 1, max: 9.999, noNaN: true }), fc.integer({ min: -300, max: 300 }))
    .map(([m, e]) => m * Number(`1e${e}`)),
  fc.constantFrom(5e-324, 2.2250738585072014e-308, 1e-310, Number.MAX_VALUE, 1.7e308, 1e-40, 1e40),
  fc.double({ min: 1e-3, max: 1e6, noNaN: true }),
);
const signed = fc.tuple(magnitude, fc.boolean()).map(([v, negative]) => (negative ? -v : v));

function argumentFor(param: ParamSpec): fc.Arbitrary<unknown> {
  switch (param.type) {
    case 'side':
      return fc.constantFrom('LONG', 'SHORT');
    case 'marginMode':
      return fc.constantFrom('ISOLATED', 'CROSS');
    case 'brackets':
      return fc.oneof(fc.constantFrom('BTCUSDT', 'ETHUSDT', 'BTCUSD_PERP', 'ETHUSD_PERP', ''), magnitude);
    case 'numberOrNone':
      return fc.oneof(magnitude, fc.constant('NONE'));
    case 'number':
      return fc.oneof({ arbitrary: magnitude, weight: 4 }, { arbitrary: signed, weight: 1 });
  }
}

/** A list or account parameter gets a short column; the rest one value each. */
function callArguments(spec: FunctionSpec): fc.Arbitrary<unknown[]> {
  const columns = spec.combine.kind === 'rows' || spec.combine.kind === 'list';
  return fc.tuple(
    ...spec.params.map((param) => {
      const one = argumentFor(param);
      if (!columns || param.single || param.type === 'brackets') return one;
      return fc.array(one, { minLength: 1, maxLength: 3 }).map((values) => values.map((v) => [v]));
    }),
  );
}

function timedCall(name: string, args: unknown[]): { ms: number; result: unknown; error: unknown } {
  context.__args = args;
  const started = performance.now();
  try {
    const result = vm.runInContext(`${name}.apply(null, __args)`, context, { timeout: 2000 });
    return { ms: performance.now() - started, result, error: null };
  } catch (error) {
    const ms = performance.now() - started;
    if (!(error instanceof VmError)) throw new Error(`${name}(${JSON.stringify(args)}) did not return: ${error}`);
    return { ms, result: undefined, error };
  }
}

function isCell(value: unknown): boolean {
  if (typeof value === 'number') return Number.isFinite(value);
  return typeof value === 'string';
}

describe('extreme magnitudes: every function answers in bounded time', () => {
  it.each(FUNCTIONS.map((spec) => [spec.name, spec] as const))('%s', (name, spec) => {
    const slow: string[] = [];
    fc.assert(
      fc.property(callArguments(spec), (args) => {
        const first = timedCall(name, args);
        const { result, error } = first;
        let ms = first.ms;
        // A loaded machine can pause any call; only a call that is slow every time is slow.
        for (let retry = 0; ms > LIMIT_MS && retry < 2; retry++) ms = Math.min(ms, timedCall(name, args).ms);
        if (ms > LIMIT_MS) slow.push(`${ms.toFixed(0)} ms for ${JSON.stringify(args)}`);
        if (error) {
          expect(String((error as Error).message)).toMatch(/^[a-z_]+( \(row \d+[^)]*\))?( is|:)|takes at most/);
          return;
        }
        const cells = Array.isArray(result) ? (result as unknown[][]).flat() : [result];
        for (const cell of cells) if (!isCell(cell)) throw new Error(`bad cell ${String(cell)}`);
      }),
      { numRuns: CALLS_PER_FUNCTION, seed: 20261201 },
    );
    expect(slow).toEqual([]);
  });

  it('FUNDING_TO_LIQUIDATION says when funding would take beyond any horizon', () => {
    const call = (rate: number, added = 0) =>
      timedCall('FUNDING_TO_LIQUIDATION', ['LONG', 60000, 10000 / 60000, 10, rate, added]);
    const tiny = call(1e-40);
    expect(tiny.ms).toBeLessThan(1000);
    expect(String((tiny.error as Error).message)).toMatch(
      /^funding_rate: at 1e-40 a payment, funding alone would take 9\.6e38 payments .*never liquidates it/,
    );
    expect(call(1e-36).error).toBeTruthy();
    expect(String((call(0.0001, 1e40).error as Error).message)).toMatch(/^funding_rate: .* payments/);
    // Within a horizon a trader could mean, the count is exact: 960 at 0.01 % (issue 12's boundary).
    expect(call(0.0001).result).toBe(960);
    expect(call(0.0000001).result).toBe(960000);
  });
});

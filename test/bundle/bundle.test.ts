import vm from 'node:vm';
import { FUNCTIONS, callFunction } from '../../src/functions';
import { exampleValues, helpText } from '../../src/functions/docs';
import { bundleSource, callIn, loadBundle } from './loadBundle';

const source = bundleSource();
const context = loadBundle(source);
const Q = 10000 / 60000;

/** Plain data out of the vm realm, for comparisons. */
const plain = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

function thrownIn(name: string, args: readonly unknown[]): Error {
  try {
    callIn(context, name, args);
  } catch (error) {
    return error as Error;
  }
  throw new Error(`${name} did not throw`);
}

describe('dist/Code.js as Apps Script loads it', () => {
  it('is one plain script: no module syntax, no Node globals', () => {
    expect(source).not.toMatch(/^\s*(export|import)\s/m);
    expect(source).not.toMatch(/\brequire\s*\(|\bprocess\.|\bBuffer\b|__dirname/);
    expect(() => new vm.Script(source)).not.toThrow();
  });

  it('stays within its budget of 150 KB: what Sheets loads for every custom-function call', () => {
    expect(Buffer.byteLength(source)).toBeLessThanOrEqual(150 * 1024);
  });

  it('carries the help texts only in the JSDoc wrappers, not in the engine Sheets parses at every start', () => {
    const [engine, wrappers] = source.split('\nreturn LiquidationPlanner;\n');
    const texts = FUNCTIONS.flatMap((spec) => [spec.summary, ...spec.params.map((p) => helpText(p, spec.params))]);
    // A phrase of each text as the minifier would keep a string: its first words, without characters it escapes.
    // (Texts as short as a message's words, "ISOLATED or CROSS.", are not told apart from the messages.)
    const phrases = texts.map((text) => text.slice(0, 40).split(/["'`\\]/)[0]).filter((phrase) => phrase.length > 20);
    expect(phrases.length).toBeGreaterThan(100);
    for (const phrase of phrases) {
      expect(wrappers).toContain(phrase);
      expect(engine).not.toContain(phrase);
    }
  });

  it('does no work at load: the engine is set up on the first call only', () => {
    const fresh = loadBundle(source);
    expect(fresh.LiquidationPlanner_).toBeUndefined();
    callIn(fresh, 'MAINT_MARGIN', [1000]);
    expect(fresh.LiquidationPlanner_).toBeDefined();
  });

  it.each(FUNCTIONS.map((spec) => [spec.name, spec] as const))(
    '%s is a top-level function with its real parameter names and @customfunction JSDoc',
    (name, spec) => {
      const fn = context[name] as (...args: unknown[]) => unknown;
      expect(typeof fn).toBe('function');
      const params = spec.params.map((p) => p.name);
      expect(fn.length).toBe(params.length);
      const declaration = `function ${name}(${params.join(', ')}) {`;
      const at = source.indexOf(declaration);
      expect(at).toBeGreaterThan(0);
      const jsdoc = source.slice(source.lastIndexOf('/**', at), at);
      expect(jsdoc).toMatch(/@customfunction\s*\*\/\s*$/);
      expect([...jsdoc.matchAll(/@param \{[^}]+\} (\w+)/g)].map((m) => m[1])).toEqual(params);
    },
  );

  it.each(FUNCTIONS.map((spec) => [spec.name, spec] as const))(
    '%s gives in the vm what the source gives for its README example',
    (name, spec) => {
      const args = exampleValues(spec);
      expect(plain(callIn(context, name, args))).toEqual(plain(callFunction(name, args)));
    },
  );

  it('computes the worked example exactly as the engine does', () => {
    expect(callIn(context, 'LIQ_PRICE_CROSS', ['LONG', 60000, Q, 5000, '', '', 0.004])).toBe(30120.481927710844);
    expect(callIn(context, 'LIQ_PRICE_ISOLATED', ['LONG', 60000, Q, 10])).toBe(54216.867469879515);
  });

  it('handles ranges, blank rows and bad rows as Sheets needs', () => {
    const out = plain(
      callIn(context, 'LIQ_PRICE_ISOLATED', ['LONG', [[60000], [''], ['x']], 1, [[10], [''], [10]]]),
    ) as unknown[][];
    expect(typeof out[0][0]).toBe('number');
    expect(out[1][0]).toBe('');
    expect(out[2][0]).toBe('Error: entry_price: "x" is not a number; expected a price above 0.');
  });

  it('throws a real Error with the message for a bad single call', () => {
    const error = thrownIn('LIQ_PRICE_ISOLATED', ['LONG', 60000, 6, 500]);
    expect(error).toBeInstanceOf(vm.runInContext('Error', context) as ErrorConstructor);
    expect(error.message).toMatch(/^leverage: 500× is above the maximum of 100×/);
    expect(thrownIn('LIQ_PRICE_CROSS', []).message).toBe('side is blank; expected LONG or SHORT.');
  });

  it('takes Dates made in its own realm (as Apps Script passes date cells)', () => {
    const date = vm.runInContext('new Date(Date.UTC(2024, 9, 24))', context);
    expect(thrownIn('MAINT_MARGIN', [date]).message).toBe(
      'notional: the date 2024-10-24 is a date, not a number; expected a ' +
        "notional of 0 or more. Check the cell's format.",
    );
  });
});

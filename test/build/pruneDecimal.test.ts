import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '../..');

/** Runs the build script's pruning in Node (it is an ES module, which jest does not load). */
function prune(used: readonly string[]): { text: string; removed: string[] } {
  const script =
    `import { readFileSync } from 'node:fs';` +
    `import { pruneDecimal } from ${JSON.stringify(join(root, 'scripts/prune-decimal.mjs'))};` +
    `const source = readFileSync(${JSON.stringify(join(root, 'node_modules/decimal.js/decimal.mjs'))}, 'utf8');` +
    `process.stdout.write(JSON.stringify(pruneDecimal(source, new Set(${JSON.stringify(used)}))));`;
  return JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' }));
}

describe('pruning decimal.js to the methods the source uses', () => {
  const { text, removed } = prune(['plus', 'times', 'toFixed']);

  it('removes what nothing uses (trigonometry, base conversions) and keeps what the kept methods call', () => {
    expect(removed).toEqual(expect.arrayContaining(['sine', 'sin', 'toHexadecimal', 'toFraction', 'tan']));
    expect(removed).not.toContain('plus');
    expect(removed).not.toContain('toString');
    expect(text).toMatch(/P\.plus = P\.add = function/);
    expect(text).not.toMatch(/P\.sine = P\.sin = function/);
  });

  it('still computes exactly with what it keeps', () => {
    const Decimal = load(text);
    expect(new Decimal('0.1').plus('0.2').times('3').toFixed()).toBe('0.9');
  });

  it('drops powers, logarithms and the 1,025-digit constants when nothing raises to a power', () => {
    expect(removed).toEqual(expect.arrayContaining(['pow', 'toPower', 'ln', 'exp', 'log']));
    expect(text).not.toContain('3.14159265358979323846');
    expect(text).not.toContain('2.30258509299404568401');
    expect(text).not.toMatch(/PI = new Decimal\(PI\)/);
  });

  it('reads decimal strings only: other bases are refused, and it computes correctly after a refusal', () => {
    const Decimal = load(text);
    for (const other of ['0x1F', '0b101', '0o17', '0x1p60']) {
      expect(() => new Decimal(other)).toThrow(`[DecimalError] Invalid argument: ${other}`);
    }
    expect(new Decimal('Infinity').toFixed()).toBe('Infinity');
    expect(new Decimal('1_000').toFixed()).toBe('1000');
    // decimal.js rounds only while its `external` flag is set: a refusal must leave it set (20 digits by default).
    expect(new Decimal('1').plus('1e-30').times('1').toFixed()).toBe('1');
  });

  it('keeps powers and their constants when the source raises to a power', () => {
    const withPowers = prune(['plus', 'pow']);
    expect(withPowers.removed).not.toContain('pow');
    expect(withPowers.text).toContain('2.30258509299404568401');
    const Decimal = load(withPowers.text) as unknown as new (v: string) => { pow(y: number): { toString(): string } };
    expect(new Decimal('2').pow(60).toString()).toBe('1152921504606846976');
  });
});

interface PrunedDecimal {
  plus(y: string): { times(y: string): { toFixed(): string } };
  toFixed(): string;
}

/** The pruned module's Decimal, evaluated as a function body. */
function load(text: string): new (v: string) => PrunedDecimal {
  const body = text.replace(/export default Decimal;/, 'return Decimal;').replace(/export var/g, 'var');
  return new Function(body)() as new (v: string) => PrunedDecimal;
}

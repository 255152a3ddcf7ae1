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
    const body = text.replace(/export default Decimal;/, 'return Decimal;').replace(/export var/g, 'var');
    const Decimal = new Function(body)() as new (v: string) => {
      plus(y: string): { times(y: string): { toFixed(): string } };
    };
    expect(new Decimal('0.1').plus('0.2').times('3').toFixed()).toBe('0.9');
  });
});

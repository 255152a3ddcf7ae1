import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FUNCTIONS, callFunction } from '../../src/functions';
import { renderReference, withReference } from '../../src/functions/docs';

describe('README function reference', () => {
  it('is what the registry generates (run `npm run docs` after changing a function)', () => {
    const readme = readFileSync(join(__dirname, '../../README.md'), 'utf8');
    expect(withReference(readme, renderReference(FUNCTIONS, callFunction))).toBe(readme);
  });

  it('names every function of the contract', () => {
    const readme = readFileSync(join(__dirname, '../../README.md'), 'utf8');
    for (const name of [
      'LIQ_PRICE_ISOLATED',
      'LIQ_PRICE_CROSS',
      'LIQ_PRICE_PORTFOLIO',
      'LIQ_PRICE_HEDGE',
      'MAX_LOSS',
      'MARGIN_TO_ADD',
      'MAINT_MARGIN',
      'MAX_LEVERAGE',
      'LIQ_GRID',
      'BRACKETS',
    ]) {
      expect(readme).toContain(`### \`${name}(`);
    }
  });

  it('COIN-M section: each example formula gives the number written beside it', () => {
    const readme = readFileSync(join(__dirname, '../../README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## COIN-M'), readme.indexOf('## What is computed'));
    const rows = section.split('\n').filter((line) => line.startsWith('| `') && line.includes('`='));
    expect(rows.length).toBeGreaterThanOrEqual(10);
    for (const row of rows) {
      const [, formulas, gives] = row
        .replace(/\s*\|\s*$/, '')
        .split(' | ')
        .map((cell) => cell.trim());
      const calls = [...formulas.matchAll(/`=([A-Z_]+)\((.*?)\)`/g)];
      const shown = gives.split(';').map((text) => {
        const [number] = /-?[\d,]+(\.\d+)?/.exec(text) ?? [''];
        return {
          value: Number(number.replace(/,/g, '')) / (/^\s*[\d.,]+ %/.test(text) ? 100 : 1),
          digits: (number.split('.')[1] ?? '').length,
        };
      });
      calls.forEach(([, name, argText], k) => {
        const args = JSON.parse(
          `[${argText.replace(
            /\{([^}]*)\}/g,
            (_, inner) =>
              `[${inner
                .split(';')
                .map((v: string) => `[${v}]`)
                .join(',')}]`,
          )}]`,
        );
        // A row of results (LIQ_PRICE_HEDGE): its first value is the one written first.
        const out = callFunction(name, args);
        const result = (Array.isArray(out) ? (out as number[][]).flat()[k] : out) as number;
        const { value, digits } = shown[k];
        expect(Math.abs(result - value)).toBeLessThanOrEqual(
          0.5 * 10 ** -digits * (1 + 1e-9) + Math.abs(value) * 1e-12,
        );
      });
    }
  });
});

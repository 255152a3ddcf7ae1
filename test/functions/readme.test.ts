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
});

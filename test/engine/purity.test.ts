import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

// src/engine is pure margin math: it may import only its own modules and decimal.js, and it
// must not touch Sheets, DOM or Node globals. (tsconfig.engine.json also typechecks it with no
// ambient types at all.)
const engineDir = join(__dirname, '../../src/engine');
const files = readdirSync(engineDir).filter((f) => f.endsWith('.ts'));

describe('src/engine purity', () => {
  it.each(files)('%s imports only engine modules and decimal.js', (file) => {
    const source = readFileSync(join(engineDir, file), 'utf8');
    const imports = [...source.matchAll(/from\s+'([^']+)'/g)].map((m) => m[1]);
    for (const specifier of imports) expect(specifier === 'decimal.js' || /^\.\/[\w-]+$/.test(specifier)).toBe(true);
  });

  it.each(files)('%s uses no Sheets, DOM or Node globals', (file) => {
    const code = readFileSync(join(engineDir, file), 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
    expect(code).not.toMatch(
      new RegExp(
        '\\b(SpreadsheetApp|HtmlService|Browser|Session|PropertiesService|' +
          'window|document|globalThis|process|require|Buffer|console)\\b',
      ),
    );
  });
});

// Runs scripts/data.ts (bundled by esbuild, as the build loads the registry). Usage: npm run data [file] [--as-of D]
import { build } from 'esbuild';
import { createRequire } from 'node:module';
import { root } from './load-meta.mjs';
import { join } from 'node:path';
import { readFileSync, writeFileSync } from 'node:fs';
import * as prettier from 'prettier';

const result = await build({
  entryPoints: [join(root, 'scripts/data.ts')],
  bundle: true,
  format: 'cjs',
  platform: 'node',
  write: false,
  logLevel: 'error',
});
const module = { exports: {} };
new Function('module', 'exports', 'require', result.outputFiles[0].text)(
  module,
  module.exports,
  createRequire(import.meta.url),
);
console.log(module.exports.writeSnapshot(root, process.argv.slice(2)));
// In the project's style, so that lint passes on the generated file.
const file = join(root, 'src/data/usdsSnapshot.ts');
const options = (await prettier.resolveConfig(file)) ?? {};
writeFileSync(file, await prettier.format(readFileSync(file, 'utf8'), { ...options, filepath: file }));

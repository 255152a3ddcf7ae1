// Runs scripts/data.ts: `npm run data [file…] [--as-of YYYY-MM-DD]` refreshes the bundled snapshots.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as prettier from 'prettier';
import { loadModule, root } from './load-meta.mjs';

const { writeSnapshot } = await loadModule('scripts/data.ts');
for (const line of writeSnapshot(root, process.argv.slice(2))) {
  console.log(line);
  // In the project's style, so that lint passes on the generated file.
  const file = join(root, line.split(':')[0]);
  const options = (await prettier.resolveConfig(file)) ?? {};
  writeFileSync(file, await prettier.format(readFileSync(file, 'utf8'), { ...options, filepath: file }));
}

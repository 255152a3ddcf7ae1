// Regenerates the function reference in README.md from the registry. Usage: npm run docs
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadMeta, root } from './load-meta.mjs';

const { FUNCTIONS, callFunction, renderReference, withReference } = await loadMeta();
const path = join(root, 'README.md');
const before = readFileSync(path, 'utf8');
const after = withReference(before, renderReference(FUNCTIONS, callFunction));
writeFileSync(path, after);
console.log(
  after === before ? 'README.md function reference is up to date' : 'README.md function reference regenerated',
);

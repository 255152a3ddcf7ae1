// Loads a TypeScript module of the project into Node through esbuild, so that build, docs and data scripts read the
// same single source of truth as the bundle (scripts/meta.ts: the function registry and its renderers).
import { build } from 'esbuild';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The exports of a TypeScript module (a path from the project's root), bundled with what it imports. */
export async function loadModule(path) {
  const result = await build({
    entryPoints: [join(root, path)],
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
  return module.exports;
}

export function loadMeta() {
  return loadModule('scripts/meta.ts');
}

// Builds the playground into playground/dist: the page, its script (Univer's spreadsheet, the
// function bridge, charts) split into chunks, and the add-on's own built files from dist/ (run
// `npm run build` first; `npm start` does).
import { build } from 'esbuild';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const out = join(here, 'dist');
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

for (const file of ['Code.js', 'Addon.html', 'Sidebar.html', 'Import.html', 'functions.json']) {
  if (!existsSync(join(root, 'dist', file))) throw new Error(`dist/${file} is missing: run \`npm run build\` first.`);
}

// ES modules with code splitting: main.js is a few KB and shows the page at once; the spreadsheet
// arrives as a chunk it imports.
await build({
  entryPoints: { main: join(here, 'src/main.ts') },
  bundle: true,
  splitting: true,
  format: 'esm',
  target: 'es2020',
  platform: 'browser',
  minify: true,
  legalComments: 'none',
  chunkNames: 'chunks/[name]-[hash]',
  define: { 'process.env.NODE_ENV': '"production"' },
  outdir: out,
  logLevel: 'error',
});

copyFileSync(join(here, 'index.html'), join(out, 'index.html'));
copyFileSync(join(here, 'style.css'), join(out, 'style.css'));
// The bundle exactly as it goes to Apps Script: its top-level functions become the page's globals.
copyFileSync(join(root, 'dist', 'Code.js'), join(out, 'Code.js'));
copyFileSync(join(root, 'dist', 'Addon.html'), join(out, 'Addon.html'));
copyFileSync(join(root, 'dist', 'functions.json'), join(out, 'functions.json'));
// The sidebar as HtmlService serves it, with google.script.run supplied by the page around it.
const sidebar = readFileSync(join(root, 'dist', 'Sidebar.html'), 'utf8');
// Looked up on use: the iframe may run before the page's own script.
const shim =
  '<script>window.google = { script: { run: new Proxy({}, ' +
  '{ get: (_, name) => window.parent.playgroundScriptRun()[name] }) } };</script>';
writeFileSync(
  join(out, 'Sidebar.html'),
  sidebar.replace('<head>', () => `<head>\n${shim}`),
);
// The Import brackets dialog, likewise; google.script.host.close() closes the page's modal.
const dialogShim =
  '<script>window.google = { script: { run: new Proxy({}, ' +
  '{ get: (_, name) => window.parent.playgroundScriptRun()[name] }), ' +
  'host: { close: () => window.parent.playgroundCloseDialog() } } };</script>';
const importPage = readFileSync(join(root, 'dist', 'Import.html'), 'utf8');
writeFileSync(
  join(out, 'Import.html'),
  importPage.replace('<head>', () => `<head>\n${dialogShim}`),
);
console.log('playground/dist built');

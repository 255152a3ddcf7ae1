// Builds dist/: Code.js (the bundle, loaded lazily, plus generated top-level functions with their
// JSDoc) and appsscript.json. Usage: node scripts/build.mjs
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { docsOnlyPlugin } from './docs-only.mjs';
import { pruneDecimalPlugin } from './prune-decimal.mjs';
import { loadMeta, root } from './load-meta.mjs';

const dist = join(root, 'dist');
mkdirSync(dist, { recursive: true });

/** One script with everything it imports, in memory (MINIFY=0 keeps it readable for profiling). */
async function bundleScript(entry, options = {}) {
  const result = await build({
    entryPoints: [join(root, entry)],
    bundle: true,
    format: 'iife',
    target: 'es2020',
    minify: process.env.MINIFY !== '0',
    legalComments: 'none',
    write: false,
    logLevel: 'error',
    ...options,
  });
  return result.outputFiles[0].text;
}

/** The project's source files in a bundle (a quick first build lists them): what decimal.js is pruned to. */
async function sourceFilesOf(entry) {
  const result = await build({
    entryPoints: [join(root, entry)],
    bundle: true,
    write: false,
    metafile: true,
    logLevel: 'error',
  });
  return Object.keys(result.metafile.inputs)
    .filter((path) => path.startsWith('src/'))
    .map((path) => join(root, path));
}

// decimal.js pruned to the methods each bundle's source uses; the registry's documentation only in the wrappers.
const bundle = await bundleScript('src/index.ts', {
  globalName: 'LiquidationPlanner',
  plugins: [docsOnlyPlugin, pruneDecimalPlugin(await sourceFilesOf('src/index.ts'))],
});

const { FUNCTIONS, ENTRY_POINTS, renderWrappers, exampleFormula, helpText } = await loadMeta();
const entryPoints = ENTRY_POINTS.map(
  ({ name, params, doc }) =>
    `/** ${doc} */\nfunction ${name}(${params.join(', ')}) {\n  return ` + `addon_().${name}(${params.join(', ')});\n}`,
).join('\n\n');
// The engine's factory is a parenthesised function expression, which V8 compiles at once when the file
// loads: inside planner_ it was pre-parsed at load and parsed again on the first call.
const code = `// Liquidation Planner — built by scripts/build.mjs; do not edit. Source: src/.
// Loading this file only defines functions: the engine is set up on the first call (planner_).

var LiquidationPlanner_;
var plannerFactory_ = (function () {
${bundle}
return LiquidationPlanner;
});
function planner_() {
  if (!LiquidationPlanner_) LiquidationPlanner_ = plannerFactory_();
  return LiquidationPlanner_;
}
// The sheet functions' and the add-on's ways in (a name ending in _ is private: google.script.run cannot call it).
function run_(name, args) {
  return planner_().callFunction(name, args);
}
function addon_() {
  return planner_().addon;
}

${renderWrappers(FUNCTIONS, 'run_')}

${entryPoints}
`;
writeFileSync(join(dist, 'Code.js'), code);
copyFileSync(join(root, 'appsscript.json'), join(dist, 'appsscript.json'));

// The sidebar: its script (with the engine) and style inlined into one HTML file, as
// HtmlService.createHtmlOutputFromFile('Sidebar') serves it.
const sidebarScript = await bundleScript('src/sidebar/main.ts', {
  platform: 'browser',
  plugins: [pruneDecimalPlugin(await sourceFilesOf('src/sidebar/main.ts'))],
});
const template = readFileSync(join(root, 'src/sidebar/sidebar.html'), 'utf8');
const style = readFileSync(join(root, 'src/sidebar/sidebar.css'), 'utf8');
// Function replacements: the script's text may contain `$&` and similar; `</` must not close the tag.
const sidebar = template
  .replace('/*STYLE*/', () => style)
  .replace('/*SCRIPT*/', () => sidebarScript.replace(/<\/(script)/gi, '<\\/$1'));
writeFileSync(join(dist, 'Sidebar.html'), sidebar);

// The Import brackets dialog, the same way (HtmlService.createHtmlOutputFromFile('Import')).
const importScript = await bundleScript('src/sidebar/importDialog.ts', { platform: 'browser' });
const importPage = readFileSync(join(root, 'src/sidebar/importDialog.html'), 'utf8')
  .replace('/*STYLE*/', () => readFileSync(join(root, 'src/sidebar/importDialog.css'), 'utf8'))
  .replace('/*SCRIPT*/', () => importScript.replace(/<\/(script)/gi, '<\\/$1'));
writeFileSync(join(dist, 'Import.html'), importPage);

// The function registry as data, for tools that show help without loading the engine (the playground's autocomplete).
const functionHelp = FUNCTIONS.map((spec) => ({
  name: spec.name,
  summary: spec.summary,
  returns: spec.returns,
  example: exampleFormula(spec),
  params: spec.params.map((p) => ({ name: p.name, help: helpText(p, spec.params), optional: Boolean(p.optional) })),
}));
writeFileSync(join(dist, 'functions.json'), JSON.stringify(functionHelp, null, 1));
console.log(
  `dist/Code.js ${(Buffer.byteLength(code) / 1024).toFixed(1)} KB, ` +
    `${FUNCTIONS.length} sheet functions; dist/Sidebar.html ` +
    `${(Buffer.byteLength(sidebar) / 1024).toFixed(1)} KB`,
);

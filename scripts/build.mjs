// Builds dist/: Code.js (the bundle, loaded lazily, plus generated top-level functions with their
// JSDoc), Addon.html (the menu's and dialogs' server code, which Code.js reads on use), the sidebar's and
// the import dialog's pages, and appsscript.json. Usage: node scripts/build.mjs
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

/** A script's text as it may stand inside a <script> element: no `</script` in it closes the element. */
function scriptText(script) {
  return script.replace(/<\/(script)/gi, '<\\/$1');
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
const runtimeScript = async (entry, globalName) =>
  bundleScript(entry, { globalName, plugins: [docsOnlyPlugin, pruneDecimalPlugin(await sourceFilesOf(entry))] });
const bundle = await runtimeScript('src/index.ts', 'LiquidationPlanner');
// The rest of the add-on's server code, with the engine parts it uses, in a file of its own: Sheets loads the
// whole of Code.js for every sheet function's call, and none of them needs the menu's, sidebar's or dialogs' code.
const addonBundle = await runtimeScript('src/addon/menu.ts', 'LiquidationPlannerAddon');

const { FUNCTIONS, ENTRY_POINTS, HTML_FILES, renderWrappers, exampleFormula, helpText } = await loadMeta();
const entryPoints = ENTRY_POINTS.map(
  ({ name, params, doc, inScript }) =>
    `/** ${doc} */\nfunction ${name}(${params.join(', ')}) {\n  return ` +
    `${inScript ? 'planner_()' : 'addon_()'}.${name}(${params.join(', ')});\n}`,
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
// The menu's, sidebar's and dialogs' server code: the script element of ${HTML_FILES.addon}.html, compiled on the
// first call of an execution. HtmlService gives a file's content as written (Google's include() pattern), and
// an HTML file is the one kind of project file Apps Script does not load as script.
var LiquidationPlannerAddon_;
function addon_() {
  if (!LiquidationPlannerAddon_) {
    var file = HtmlService.createHtmlOutputFromFile('${HTML_FILES.addon}').getContent();
    var source = file.slice(file.indexOf('>') + 1, file.lastIndexOf('</script>'));
    LiquidationPlannerAddon_ = new Function(source + '\\nreturn LiquidationPlannerAddon;')();
  }
  return LiquidationPlannerAddon_;
}

${renderWrappers(FUNCTIONS, 'run_')}

${entryPoints}
`;
writeFileSync(join(dist, 'Code.js'), code);
// As a script element, like the JavaScript.html of Google's include() example.
const addonFile = `<script>\n${scriptText(addonBundle)}</script>\n`;
writeFileSync(join(dist, `${HTML_FILES.addon}.html`), addonFile);
copyFileSync(join(root, 'appsscript.json'), join(dist, 'appsscript.json'));

// The sidebar: its script (with the engine) and style inlined into one HTML file, as
// HtmlService.createHtmlOutputFromFile('Sidebar') serves it.
const sidebarScript = await bundleScript('src/sidebar/main.ts', {
  platform: 'browser',
  plugins: [pruneDecimalPlugin(await sourceFilesOf('src/sidebar/main.ts'))],
});
const template = readFileSync(join(root, 'src/sidebar/sidebar.html'), 'utf8');
const style = readFileSync(join(root, 'src/sidebar/sidebar.css'), 'utf8');
// Function replacements: the script's text may contain `$&` and similar.
const sidebar = template.replace('/*STYLE*/', () => style).replace('/*SCRIPT*/', () => scriptText(sidebarScript));
writeFileSync(join(dist, `${HTML_FILES.sidebar}.html`), sidebar);

// The Import brackets dialog, the same way (HtmlService.createHtmlOutputFromFile('Import')).
const importScript = await bundleScript('src/sidebar/importDialog.ts', { platform: 'browser' });
const importPage = readFileSync(join(root, 'src/sidebar/importDialog.html'), 'utf8')
  .replace('/*STYLE*/', () => readFileSync(join(root, 'src/sidebar/importDialog.css'), 'utf8'))
  .replace('/*SCRIPT*/', () => scriptText(importScript));
writeFileSync(join(dist, `${HTML_FILES.importDialog}.html`), importPage);

// The function registry as data, for tools that show help without loading the engine (the playground's autocomplete).
const functionHelp = FUNCTIONS.map((spec) => ({
  name: spec.name,
  summary: spec.summary,
  returns: spec.returns,
  example: exampleFormula(spec),
  params: spec.params.map((p) => ({ name: p.name, help: helpText(p, spec.params), optional: Boolean(p.optional) })),
}));
writeFileSync(join(dist, 'functions.json'), JSON.stringify(functionHelp, null, 1));
const kb = (text) => `${(Buffer.byteLength(text) / 1024).toFixed(1)} KB`;
console.log(
  `dist/Code.js ${kb(code)}, ${FUNCTIONS.length} sheet functions; dist/${HTML_FILES.addon}.html ${kb(addonFile)}; ` +
    `dist/${HTML_FILES.sidebar}.html ${kb(sidebar)}`,
);

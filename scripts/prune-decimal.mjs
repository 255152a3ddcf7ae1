// An esbuild plugin for the runtime bundle: decimal.js defines every method on one prototype, which no bundler can
// tree-shake, so Code.js would carry its trigonometry, base conversions, fractions and 1,000-digit π and ln 10 that the
// engine never calls. This plugin keeps the methods and static functions whose names the bundle's own source uses (as
// `.name`, outside `Math.`), and those the kept ones use in turn; esbuild then drops the helpers nothing references.
// A name used anywhere keeps its method, so the pruning can only keep too much, never too little; the bundle tests
// run the engine through it.
import { readFile } from 'node:fs/promises';
import ts from 'typescript';

/** Kept whatever the source says: what JavaScript itself calls (conversions, JSON, string tags). */
const ALWAYS = ['toString', 'valueOf', 'toJSON', 'constructor', 'clone', 'config', 'set', 'isDecimal'];

/** Property names the source reads (`x.plus`, `Dec.max`), except Math's. */
function propertyNames(text) {
  return new Set([...text.matchAll(/(?<!\bMath)\.([A-Za-z_$][\w$]*)/g)].map((m) => m[1]));
}

/**
 * `P.a = P.b = function…` (a prototype method and its alias) or `Decimal.a = a;` (a static function): the names it
 * defines. Any other assignment (`Decimal.prototype = P`, a rounding constant) is not a candidate and stays.
 */
function definedNames(statement, functions) {
  if (!ts.isExpressionStatement(statement)) return null;
  const names = [];
  let node = statement.expression;
  while (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
    const target = node.left;
    if (!ts.isPropertyAccessExpression(target) || !ts.isIdentifier(target.expression)) return null;
    if (target.expression.text !== 'P' && target.expression.text !== 'Decimal') return null;
    names.push(target.name.text);
    node = node.right;
  }
  const isFunction = ts.isFunctionExpression(node) || (ts.isIdentifier(node) && functions.has(node.text));
  return names.length > 0 && isFunction ? names : null;
}

/** The candidate definitions of a source: the names each defines and where it is. */
function definitionsOf(source) {
  const file = ts.createSourceFile('decimal.mjs', source, ts.ScriptTarget.Latest, true, ts.ScriptKind.JS);
  const functions = new Set(
    file.statements.filter((s) => ts.isFunctionDeclaration(s) && s.name).map((s) => s.name.text),
  );
  const definitions = [];
  const visit = (node) => {
    if (ts.isExpressionStatement(node)) {
      const names = definedNames(node, functions);
      if (names) {
        definitions.push({ names, start: node.getStart(file), end: node.getEnd() });
        return;
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return definitions;
}

/**
 * The property names read by what the module runs: its top-level statements other than function declarations (the
 * kept methods among them), and every module function they reach by name, transitively.
 */
function namesReached(source) {
  const file = ts.createSourceFile('decimal.mjs', source, ts.ScriptTarget.Latest, true, ts.ScriptKind.JS);
  const declarations = new Map(
    file.statements.filter((s) => ts.isFunctionDeclaration(s) && s.name).map((s) => [s.name.text, s.getText(file)]),
  );
  const pending = file.statements.filter((s) => !ts.isFunctionDeclaration(s)).map((s) => s.getText(file));
  const reached = new Set();
  const names = new Set();
  while (pending.length > 0) {
    const text = pending.pop();
    for (const name of propertyNames(text)) names.add(name);
    for (const [, word] of text.matchAll(/\b([A-Za-z_$][\w$]*)\b/g)) {
      if (declarations.has(word) && !reached.has(word)) {
        reached.add(word);
        pending.push(declarations.get(word));
      }
    }
  }
  return names;
}

/** decimal.mjs with the methods and statics nothing reaches removed. */
export function pruneDecimal(source, used) {
  const definitions = definitionsOf(source);
  const keep = new Set([...ALWAYS, ...used]);
  for (;;) {
    const removedDefinitions = definitions.filter((d) => !d.names.some((name) => keep.has(name)));
    let text = source;
    for (const d of [...removedDefinitions].reverse()) text = text.slice(0, d.start) + text.slice(d.end);
    // What the kept code reads may keep more methods (`finiteToString` reads `x.isFinite`): prune again until stable.
    const before = keep.size;
    for (const name of namesReached(text)) keep.add(name);
    if (keep.size === before) return { text, removed: removedDefinitions.flatMap((d) => d.names) };
  }
}
/** The plugin for a bundle of these source files (the project's own, as a first build without pruning lists them). */
export function pruneDecimalPlugin(sourceFiles) {
  return {
    name: 'prune-decimal',
    setup(build) {
      build.onLoad({ filter: /[\\/]decimal\.js[\\/]decimal\.mjs$/ }, async (args) => {
        const texts = await Promise.all(sourceFiles.map((file) => readFile(file, 'utf8')));
        const used = propertyNames(texts.join('\n'));
        return { contents: pruneDecimal(await readFile(args.path, 'utf8'), used).text, loader: 'js' };
      });
    },
  };
}

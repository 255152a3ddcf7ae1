// An esbuild plugin for the runtime bundle: decimal.js defines every method on one prototype, which no bundler can
// tree-shake, so Code.js would carry its trigonometry, base conversions, fractions and 1,000-digit π and ln 10 that the
// engine never calls. This plugin keeps the methods and static functions whose names the bundle's own source uses (as
// `.name`, outside JavaScript's own `Math.`, `console.` …), and those the kept ones use in turn; esbuild then drops
// the helpers nothing references.
// A name used anywhere keeps its method, so the pruning can only keep too much, never too little; the bundle tests
// run the engine through it.
import { readFile } from 'node:fs/promises';
import ts from 'typescript';

/** Kept whatever the source says: what JavaScript itself calls (conversions, JSON, string tags). */
const ALWAYS = ['toString', 'valueOf', 'toJSON', 'constructor', 'clone', 'config', 'set', 'isDecimal'];

/** Objects of JavaScript's own whose methods share names with decimal.js's (`Math.pow`, `console.log`). */
const BUILT_INS = new Set(['Math', 'Number', 'console', 'JSON', 'Object', 'Array', 'String', 'Date']);

/** Property names a TypeScript source reads (`x.plus`, `Dec.max`), except on JavaScript's own objects. */
function propertyNames(text) {
  const file = ts.createSourceFile('source.ts', text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const names = new Set();
  const visit = (node) => {
    if (ts.isPropertyAccessExpression(node)) {
      const onBuiltIn = ts.isIdentifier(node.expression) && BUILT_INS.has(node.expression.text);
      if (!onBuiltIn) names.add(node.name.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return names;
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
 * kept methods among them), and every module function they reach by name, transitively. Read from the syntax tree,
 * so that a word in a comment ("ln(10)") reaches nothing.
 */
function reachedFrom(source) {
  const file = ts.createSourceFile('decimal.mjs', source, ts.ScriptTarget.Latest, true, ts.ScriptKind.JS);
  const declarations = new Map(
    file.statements.filter((s) => ts.isFunctionDeclaration(s) && s.name).map((s) => [s.name.text, s]),
  );
  const pending = file.statements.filter((s) => !ts.isFunctionDeclaration(s));
  const reached = new Set();
  const names = new Set();
  const visit = (node) => {
    if (ts.isPropertyAccessExpression(node)) {
      const onMath = ts.isIdentifier(node.expression) && node.expression.text === 'Math';
      if (!onMath) names.add(node.name.text);
      visit(node.expression); // not the name: `x.ln` does not reach the function ln
      return;
    }
    if (ts.isIdentifier(node) && declarations.has(node.text) && !reached.has(node.text)) {
      reached.add(node.text);
      pending.push(declarations.get(node.text));
    }
    ts.forEachChild(node, visit);
  };
  while (pending.length > 0) visit(pending.pop());
  return { names, functions: reached };
}

/**
 * decimal.js also reads hexadecimal, binary and octal strings (`'0x1F'`, `'0b1p60'`), with a base conversion and, for
 * binary exponents, `Decimal.pow`, which alone would keep pow, exp, ln and 1,025 digits of ln 10. The engine reads
 * numbers in its own plain decimal syntax, and a bracket cell holding `0x10` is not a number a trader typed: such a
 * string is refused, as decimal.js refuses any string it cannot read. `Infinity`, `NaN` and `1_000` still read.
 */
function decimalStringsOnly(source) {
  const file = ts.createSourceFile('decimal.mjs', source, ts.ScriptTarget.Latest, true, ts.ScriptKind.JS);
  const parseOther = file.statements.find((s) => ts.isFunctionDeclaration(s) && s.name?.text === 'parseOther');
  const statements = parseOther?.body?.statements ?? [];
  const bases = statements.findIndex((s) => ts.isIfStatement(s) && s.expression.getText(file) === 'isHex.test(str)');
  if (bases < 0) throw new Error('prune-decimal: parseOther is not as expected');
  const start = statements[bases].getStart(file);
  const end = statements[statements.length - 1].getEnd();
  return source.slice(0, start) + 'throw Error(invalidArgument + str);' + source.slice(end);
}

/** The 1,025-digit constants decimal.js builds when it loads, by the only function that reads each. */
const CONSTANTS = [
  { name: 'PI', reader: 'getPi' },
  { name: 'LN10', reader: 'getLn10' },
];

/** The text without the constants no reached function reads: neither their digits nor their start-up work. */
function withoutUnreadConstants(text, functions) {
  let result = text;
  for (const { name, reader } of CONSTANTS) {
    if (functions.has(reader)) continue;
    const built = `${name} = new Decimal(${name});`;
    const literal = new RegExp(`\\b${name} = '[0-9.]+'`);
    if (!result.includes(built) || !literal.test(result))
      throw new Error(`prune-decimal: ${name} is not where expected`);
    result = result.replace(built, '').replace(literal, `${name} = ''`);
  }
  return result;
}

/** decimal.mjs with the methods and statics nothing reaches removed. */
export function pruneDecimal(original, used) {
  const source = decimalStringsOnly(original);
  const definitions = definitionsOf(source);
  const keep = new Set([...ALWAYS, ...used]);
  for (;;) {
    const removedDefinitions = definitions.filter((d) => !d.names.some((name) => keep.has(name)));
    let text = source;
    for (const d of [...removedDefinitions].reverse()) text = text.slice(0, d.start) + text.slice(d.end);
    // What the kept code reads may keep more methods (`finiteToString` reads `x.isFinite`): prune again until stable.
    const before = keep.size;
    const reached = reachedFrom(text);
    for (const name of reached.names) keep.add(name);
    if (keep.size === before) {
      return {
        text: withoutUnreadConstants(text, reached.functions),
        removed: removedDefinitions.flatMap((d) => d.names),
      };
    }
  }
}
/** The plugin for a bundle of these source files (the project's own, as a first build without pruning lists them). */
export function pruneDecimalPlugin(sourceFiles) {
  return {
    name: 'prune-decimal',
    setup(build) {
      build.onLoad({ filter: /[\\/]decimal\.js[\\/]decimal\.mjs$/ }, async (args) => {
        const texts = await Promise.all(sourceFiles.map((file) => readFile(file, 'utf8')));
        const used = new Set(texts.flatMap((text) => [...propertyNames(text)]));
        return { contents: pruneDecimal(await readFile(args.path, 'utf8'), used).text, loader: 'js' };
      });
    },
  };
}

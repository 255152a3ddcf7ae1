// An esbuild plugin for the runtime bundle: the registry's documentation (help popups, summaries, notes, return texts
// and examples) is read only at build time, by the JSDoc wrappers, the README and functions.json. In the bundle Sheets
// loads for every call, those properties are removed from the registry's object literals, so their text is not
// parsed at each start. The registry source stays the one place they are declared.
import { readFile } from 'node:fs/promises';
import ts from 'typescript';

/** Properties of the registry's definitions (and the entry points' `doc`) that nothing at run time reads. */
export const DOCS_ONLY = new Set(['help', 'summary', 'notes', 'returns', 'example', 'doc']);

/** The source without the DOCS_ONLY properties of its object literals (each with the comma after it). */
export function withoutDocs(source, fileName) {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const cuts = [];
  const visit = (node) => {
    if (
      ts.isPropertyAssignment(node) &&
      ts.isObjectLiteralExpression(node.parent) &&
      (ts.isIdentifier(node.name) || ts.isStringLiteral(node.name)) &&
      DOCS_ONLY.has(node.name.text)
    ) {
      const comma = /^\s*,/.exec(source.slice(node.getEnd()));
      cuts.push([node.getStart(file), node.getEnd() + (comma ? comma[0].length : 0)]);
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  let out = source;
  for (const [start, end] of cuts.sort((a, b) => b[0] - a[0])) out = out.slice(0, start) + out.slice(end);
  return out;
}

/** Applies `withoutDocs` to the registry's files (src/functions/**) and the entry points' list. */
export const docsOnlyPlugin = {
  name: 'docs-only',
  setup(build) {
    build.onLoad({ filter: /[\\/]src[\\/](functions[\\/].*|shared[\\/]entryPoints)\.ts$/ }, async (args) => ({
      contents: withoutDocs(await readFile(args.path, 'utf8'), args.path),
      loader: 'ts',
    }));
  },
};

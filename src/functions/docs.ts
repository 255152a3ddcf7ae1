import { SNAPSHOT_AS_OF } from '../data/symbols';
import type { Arg, Out } from './cells';
import type { ExampleArg, FunctionSpec, ParamSpec } from './spec';

// Renders the registry as the top-level JSDoc wrappers Sheets reads for its help popup, and as
// the README's function reference. Both come from FUNCTIONS only.

// The types of a cell, as Google's own custom-function example writes them (`@param {number} input` for DOUBLE, which
// also takes a range): Sheets shows neither the types nor @return, and every byte of Code.js is parsed at every call.
const JSDOC_TYPE: Record<ParamSpec['type'], string> = {
  side: 'string',
  marginMode: 'string',
  number: 'number',
  numberOrNone: 'number|string',
  brackets: 'string|number',
};

/** A parameter's help as the popup and the README show it: an optional one says so and names its default. */
export function helpText(param: ParamSpec, params: readonly ParamSpec[]): string {
  const optional = param.optional;
  if (optional === undefined) return param.help;
  const source = optional.sameAs === undefined ? undefined : params.find((p) => p.field === optional.sameAs);
  const value = typeof optional.value === 'string' ? JSON.stringify(optional.value) : optional.value;
  const shown = optional.shown ?? source?.name ?? value;
  return `Optional${shown === undefined ? '' : `, default ${shown}`}. ${param.help}`;
}

function jsDocText(text: string): string {
  return text.replace(/\*\//g, '*\u2215');
}

/**
 * One top-level function per sheet function, with real parameter names and `@customfunction`
 * (Sheets ignores JSDoc inside a bundle's closure). Each forwards its `arguments` to the engine. The result is
 * described in the README and functions.json, not here: the popup does not show `@return`.
 */
export function renderWrappers(functions: readonly FunctionSpec[], run: string): string {
  return functions
    .map((spec) => {
      const names = spec.params.map((p) => p.name);
      const lines = [
        '/**',
        ` * ${jsDocText(spec.summary)}`,
        ...spec.params.map((p) => ` * @param {${JSDOC_TYPE[p.type]}} ${p.name} ${jsDocText(helpText(p, spec.params))}`),
        ' * @customfunction',
        ' */',
        `function ${spec.name}(${names.join(', ')}) {`,
        `  return ${run}(${JSON.stringify(spec.name)}, arguments);`,
        '}',
      ];
      return lines.join('\n');
    })
    .join('\n\n');
}

/** An example argument as it is typed in a formula: text quoted, ranges as array literals. */
function formulaArg(arg: ExampleArg): string {
  if (arg !== null && typeof arg === 'object' && 'expr' in arg) return arg.expr;
  if (Array.isArray(arg))
    return '{' + arg.map((row) => row.map((cell) => formulaArg(cell)).join(', ')).join('; ') + '}';
  if (typeof arg === 'string') return JSON.stringify(arg);
  return String(arg);
}

export function exampleValues(spec: FunctionSpec): Arg[] {
  return spec.example.map((arg) =>
    arg !== null && typeof arg === 'object' && 'expr' in arg ? arg.value : (arg as Arg),
  );
}

export function exampleFormula(spec: FunctionSpec): string {
  return `=${spec.name}(${spec.example.map(formulaArg).join(', ')})`;
}

function resultText(result: Out): string {
  const cell = (value: unknown) => (typeof value === 'number' ? String(Number(value.toPrecision(10))) : String(value));
  if (!Array.isArray(result)) return `\`${cell(result)}\``;
  const tableWithHeader = result.length > 1 && result[0].every((value) => typeof value === 'string');
  if (!tableWithHeader)
    return '`{' + result.map((row) => row.map(cell).join(', ')).join('; ') + '}` (spilled into neighbouring cells)';
  const [header, ...rows] = result;
  return [
    '',
    '',
    '| ' + header.map(cell).join(' | ') + ' |',
    '|' + ' --- |'.repeat(header.length),
    ...rows.map((row) => '| ' + row.map(cell).join(' | ') + ' |'),
  ].join('\n');
}

/**
 * The README's function reference (Markdown). `call` evaluates each example with the real
 * functions, so the results shown are the engine's.
 */
export function renderReference(functions: readonly FunctionSpec[], call: (name: string, args: Arg[]) => Out): string {
  const parts = [
    `Generated from the function registry (\`src/functions/registry.ts\`) ` +
      `by \`npm run docs\`; do not edit by hand. Bracket snapshot: ` +
      `${SNAPSHOT_AS_OF}.`,
    '',
    'Every argument takes a single value or a range; ranges broadcast like ' +
      'array formulas (single values repeat, equal shapes go element by ' +
      'element). In a range call a bad row shows `Error: …` and the other ' +
      'rows are still computed; a single call shows the message on ' +
      '`#ERROR!`. `NONE` means the position cannot be liquidated that way.',
  ];
  for (const spec of functions) {
    const signature = spec.params.map((p) => (p.optional ? `[${p.name}]` : p.name)).join(', ');
    parts.push(
      '',
      `### \`${spec.name}(${signature})\``,
      '',
      spec.notes ? `${spec.summary} ${spec.notes}` : spec.summary,
      '',
      `Returns: ${spec.returns}`,
      '',
      '| argument | meaning |',
      '| --- | --- |',
    );
    for (const p of spec.params) parts.push(`| \`${p.name}\` | ${helpText(p, spec.params).replace(/\|/g, '\\|')} |`);
    parts.push('', `Example: \`${exampleFormula(spec)}\` gives ${resultText(call(spec.name, exampleValues(spec)))}`);
  }
  return parts.join('\n');
}

export const REFERENCE_START = '<!-- function-reference:start -->';
export const REFERENCE_END = '<!-- function-reference:end -->';

/** README text with the reference between the markers replaced. */
export function withReference(readme: string, reference: string): string {
  const start = readme.indexOf(REFERENCE_START);
  const end = readme.indexOf(REFERENCE_END);
  if (start < 0 || end < start) throw new Error(`README.md lacks the ${REFERENCE_START} … ${REFERENCE_END} markers`);
  return readme.slice(0, start + REFERENCE_START.length) + '\n' + reference + '\n' + readme.slice(end);
}

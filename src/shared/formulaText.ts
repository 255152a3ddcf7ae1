// Reading a formula's text: the add-on's freezer reads the arguments of a formula it froze, the
// playground the arguments of a help example. One splitter for both.

/** Splits at `separator` outside quotes, parentheses and braces. */
export function splitTopLevel(text: string, separator: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quoted = false;
  let current = '';
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    if (!quoted && (ch === '(' || ch === '{')) depth++;
    if (!quoted && (ch === ')' || ch === '}')) depth--;
    if (!quoted && depth === 0 && ch === separator) {
      parts.push(current.trim());
      current = '';
    } else current += ch;
  }
  parts.push(current.trim());
  return parts;
}

/** The arguments of a call such as `=F(1, "a,b", {1;2})`: what lies between its outer parentheses, split at commas. */
export function callArguments(formula: string): string[] {
  const inner = formula.slice(formula.indexOf('(') + 1, formula.lastIndexOf(')'));
  return inner.trim() === '' ? [] : splitTopLevel(inner, ',');
}

/** A number as a formula writes it: `60000`, `-1.5e3`, `0.4%`. */
export const NUMBER_LITERAL = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?%?$/i;

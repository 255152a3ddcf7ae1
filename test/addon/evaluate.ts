import { callFunction } from '../../src/functions';
import type { FakeSheet } from './fakeSheets';

// A small evaluator for the formulas the grid writer emits: numbers, "text", cell references
// ($B$3), ranges (B13:B20), + − × ÷, =, IF, and this add-on's functions (through callFunction,
// as Sheets would call them). A formula that returns a 2-D array spills down and right.

type Value = number | string | Value[][];

export function evaluateSheet(sheet: FakeSheet): void {
  const formulas = [...sheet.cells.entries()].filter(([, cell]) => cell.formula !== '').map(([key]) => key.split(',').map(Number) as [number, number]);
  // A few passes settle formulas that read cells spilled by others.
  for (let pass = 0; pass < 4; pass++) {
    for (const [row, column] of formulas) {
      const result = evaluateFormula(sheet, sheet.cell(row, column).formula.slice(1));
      if (Array.isArray(result)) {
        result.forEach((cells, r) =>
          cells.forEach((value, c) => {
            if ((r > 0 || c > 0) && sheet.cell(row + r, column + c).formula !== '') throw new Error(`#REF!: the result of ${row},${column} would spill over a formula`);
            sheet.update(row + r, column + c, { value: value as number | string });
          }),
        );
      } else {
        sheet.update(row, column, { value: result });
      }
    }
  }
}

function parseRef(text: string): [number, number] {
  const m = /^\$?([A-Z]+)\$?(\d+)$/.exec(text);
  if (!m) throw new Error(`bad reference ${text}`);
  const column = [...m[1]].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
  return [Number(m[2]), column];
}

export function evaluateFormula(sheet: FakeSheet, source: string): Value {
  const tokens = source.match(/"[^"]*"|\$?[A-Z]+\$?\d+(?::\$?[A-Z]+\$?\d+)?|[A-Z_][A-Z0-9_]*(?=\()|\d+(?:\.\d+)?(?:e[+-]?\d+)?|[-+*/=(),]/gi);
  if (!tokens || tokens.join('') !== source.replace(/\s+/g, '')) throw new Error(`cannot tokenize ${source}`);
  let i = 0;
  const peek = () => tokens[i];
  const take = (expected?: string) => {
    const token = tokens[i++];
    if (expected !== undefined && token !== expected) throw new Error(`expected ${expected} in ${source}, got ${token}`);
    return token;
  };
  const num = (v: Value): number => {
    if (typeof v === 'number') return v;
    if (v === '') return 0;
    throw new Error(`#VALUE!: ${JSON.stringify(v)} is not a number`);
  };
  const comparison = (): Value => {
    const left = sum();
    if (peek() === '=') {
      take();
      return left === sum() ? 1 : 0;
    }
    return left;
  };
  const sum = (): Value => {
    let value = product();
    while (peek() === '+' || peek() === '-') value = take() === '+' ? num(value) + num(product()) : num(value) - num(product());
    return value;
  };
  const product = (): Value => {
    let value = unary();
    while (peek() === '*' || peek() === '/') value = take() === '*' ? num(value) * num(unary()) : num(value) / num(unary());
    return value;
  };
  const unary = (): Value => (peek() === '-' ? (take(), -num(unary())) : primary());
  const primary = (): Value => {
    const token = take();
    if (token === '(') {
      const value = comparison();
      take(')');
      return value;
    }
    if (token.startsWith('"')) return token.slice(1, -1);
    if (/^\d/.test(token)) return Number(token);
    if (token.includes(':')) {
      const [[r1, c1], [r2, c2]] = token.split(':').map(parseRef);
      return Array.from({ length: r2 - r1 + 1 }, (_, r) => Array.from({ length: c2 - c1 + 1 }, (_, c) => sheet.cell(r1 + r, c1 + c).value as Value));
    }
    if (peek() === '(') {
      take('(');
      const args: Value[] = [];
      while (peek() !== ')') {
        args.push(comparison());
        if (peek() === ',') take(',');
      }
      take(')');
      if (token === 'IF') return num(args[0]) !== 0 ? args[1] : args[2];
      try {
        return callFunction(token, args) as Value;
      } catch (error) {
        return `#ERROR! ${(error as Error).message}`;
      }
    }
    const [row, column] = parseRef(token);
    return sheet.cell(row, column).value as Value;
  };
  const value = comparison();
  if (i !== tokens.length) throw new Error(`unparsed tail in ${source}`);
  return value;
}

import { NUMBER_LITERAL, splitTopLevel } from '../shared/formulaText';
import { FUNCTIONS, type Shape, callFunction, findFunction, resultShape } from '../functions';
import { columnNumber } from '../shared/a1';
import type { CellValue } from '../shared/sheetApi';

// Which cells a formula's result fills. Apps Script does not say how far an array result spilled,
// so the formula's own arguments are read (ranges from the sheet, literals from the text) and the
// function registry computes the shape, exactly as a run of the function would.

/** Reads a block of values: `sheet` null for the formula's own sheet. */
export type CellReader = (
  sheet: string | null,
  row: number,
  column: number,
  rows: number,
  columns: number,
) => CellValue[][];

const OUR_FUNCTION = new RegExp(`\\b(${FUNCTIONS.map((f) => f.name).join('|')})\\s*\\(`, 'i');

/** Whether a formula calls one of this add-on's functions. */
export function usesAddonFunction(formula: string): boolean {
  return formula.startsWith('=') && OUR_FUNCTION.test(formula);
}

/**
 * The rows and columns the result of `formula` fills: the registry's shape for the add-on
 * function at its top; any other formula fills its own cell.
 */
export function formulaShape(formula: string, read: CellReader): Shape {
  const call = topCall(formula.replace(/^=/, ''));
  if (call === null || !findFunction(call.name)) return { rows: 1, columns: 1 };
  const args = call.args.map((text) => argumentValue(text, read));
  return resultShape(call.name, args);
}

/** `NAME(args…)` spanning the whole text, with its arguments split at top-level commas. */
function topCall(text: string): { name: string; args: string[] } | null {
  const match = /^\s*([A-Za-z_][A-Za-z0-9_.]*)\s*\(([\s\S]*)\)\s*$/.exec(text);
  if (!match) return null;
  const inner = match[2];
  // The outer parentheses must belong together: `F(a) + G(b)` is not one call.
  let depth = 0;
  let quoted = false;
  for (const ch of inner) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === '(') depth++;
    else if (!quoted && ch === ')' && --depth < 0) return null;
  }
  return { name: match[1].toUpperCase(), args: inner.trim() === '' ? [] : splitTopLevel(inner, ',') };
}

const REFERENCE = /^(?:(?:'((?:[^']|'')+)'|([A-Za-z0-9_.]+))!)?\$?([A-Z]{1,3})\$?(\d+)(?::\$?([A-Z]{1,3})\$?(\d+))?$/i;

/**
 * An argument's value as Sheets would pass it: a reference's cells, a literal, an array literal,
 * or an add-on call (evaluated). Anything else (arithmetic, other functions) is one value whose
 * content is unknown here: blank.
 */
function argumentValue(text: string, read: CellReader): unknown {
  if (text === '') return undefined;
  const reference = REFERENCE.exec(text);
  if (reference) {
    const sheet = reference[1] !== undefined ? reference[1].replace(/''/g, "'") : (reference[2] ?? null);
    const row = Number(reference[4]);
    const column = columnNumber(reference[3]);
    const lastRow = reference[6] !== undefined ? Number(reference[6]) : row;
    const lastColumn = reference[5] !== undefined ? columnNumber(reference[5]) : column;
    const top = Math.min(row, lastRow);
    const left = Math.min(column, lastColumn);
    const values = read(sheet, top, left, Math.abs(lastRow - row) + 1, Math.abs(lastColumn - column) + 1);
    return values.length === 1 && values[0].length === 1 && reference[5] === undefined ? values[0][0] : values;
  }
  const literal = literalValue(text);
  if (literal !== UNKNOWN) return literal;
  if (text.startsWith('{') && text.endsWith('}')) {
    const rows = splitTopLevel(text.slice(1, -1), ';').map((row) =>
      splitTopLevel(row.replace(/\\/g, ','), ',').map(literalValue),
    );
    return rows.some((row) => row.includes(UNKNOWN)) ? undefined : rows;
  }
  const call = topCall(text);
  if (call !== null && findFunction(call.name)) {
    try {
      return callFunction(
        call.name,
        call.args.map((arg) => argumentValue(arg, read)),
      );
    } catch {
      return undefined;
    }
  }
  return undefined;
}

const UNKNOWN = Symbol('unknown');

function literalValue(text: string): unknown {
  const trimmed = text.trim();
  if (/^"(?:[^"]|"")*"$/.test(trimmed)) return trimmed.slice(1, -1).replace(/""/g, '"');
  if (NUMBER_LITERAL.test(trimmed)) {
    const percent = trimmed.endsWith('%');
    const value = Number(percent ? trimmed.slice(0, -1) : trimmed);
    return percent ? value / 100 : value;
  }
  if (/^true$/i.test(trimmed)) return true;
  if (/^false$/i.test(trimmed)) return false;
  return UNKNOWN;
}

import { Dec } from './decimal';
import { type EngineError, type Field, type FieldWords, invalidValue } from './errors';
import type { MarginMode } from './position';
import type { Side } from './side';

// Reading what a person typed or a cell holds, with the messages the sheet functions and the
// sidebar share. Pure: no Sheets, DOM or Node.

function invalid(field: Field, value: unknown, message: (w: FieldWords) => string): EngineError {
  return invalidValue(field, typeof value === 'string' || typeof value === 'number' ? value : String(value), message);
}

/**
 * Where a value sits inside a larger input (a bracket table's cell): added to the input's name,
 * with what that cell should hold.
 */
export interface Within {
  readonly where: string;
  readonly expected: string;
}

/** A `Date`, also one made in another realm (a test's `vm` context). */
export function isDate(value: unknown): value is Date {
  return Object.prototype.toString.call(value) === '[object Date]';
}

/** Quotes a cell for a message: text in quotes, dates as dates, numbers as typed. */
export function describeCell(cell: unknown): string {
  if (typeof cell === 'string') return JSON.stringify(cell.length > 40 ? cell.slice(0, 40) + '…' : cell);
  if (isDate(cell)) return isNaN(cell.getTime()) ? 'an invalid date' : `the date ${cell.toISOString().slice(0, 10)}`;
  if (typeof cell === 'boolean') return cell ? 'TRUE' : 'FALSE';
  if (typeof cell === 'number') return Object.is(cell, -0) ? '0' : String(cell);
  if (Array.isArray(cell)) return 'a range';
  if (cell === undefined || cell === null) return 'blank';
  return typeof cell;
}

// Plain decimal numbers, optionally with an exponent or a trailing percent sign.
const PLAIN_NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;
// Whole digits grouped by threes with commas, optionally decimals and a percent sign: 60,000 or 1,234,567.89%.
const GROUPED_NUMBER = /^[+-]?\d{1,3}(,\d{3})+(\.\d*)?\s*%?$/;

/**
 * A number from a cell. Numbers pass (percent cells already arrive as fractions); numeric text
 * is accepted if it is plain (`" 0.5 "`, `"1e-3"`, `"0.4%"`) or grouped by thousands as Sheets reads it in
 * English (`"60,000"`, `"4,500.5"`); any other comma is refused as ambiguous (`"1,5"`); booleans and
 * dates are refused.
 */
export function parseNumber(field: Field, cell: unknown, within?: Within): Dec {
  if (typeof cell === 'number') {
    if (cell - cell !== 0) throw numberError(field, cell, within, 'not'); // NaN or ±Infinity
    return new Dec(cell === 0 ? 0 : cell); // −0 reads as 0
  }
  if (typeof cell === 'string') {
    const trimmed = cell.trim();
    // Thousands separators as a spreadsheet in English reads them (60,000 and 4,500.5); any other comma is
    // ambiguous (1,5 is 1.5 in much of Europe).
    const text = GROUPED_NUMBER.test(trimmed) ? trimmed.replace(/,/g, '') : trimmed;
    if (text.includes(',')) {
      throw numberError(field, cell, within, 'comma');
    }
    const percent = text.endsWith('%');
    const body = percent ? text.slice(0, -1).trim() : text;
    if (PLAIN_NUMBER.test(body)) {
      const value = new Dec(body);
      if (value.isFinite() && value.abs().lt('1e300')) return percent ? value.div(100) : value;
    }
    throw numberError(field, cell, within, 'not');
  }
  throw numberError(field, cell, within, isDate(cell) ? 'date' : 'not');
}

function numberError(
  field: Field,
  cell: unknown,
  within: Within | undefined,
  why: 'not' | 'comma' | 'date',
): EngineError {
  return invalid(field, cell, (w) => {
    const name = w.name + (within ? within.where : '');
    const expected = within ? within.expected : w.expected;
    const shown = describeCell(cell);
    if (why === 'comma')
      return (
        `${name}: ${shown} is ambiguous (a comma can separate thousands or ` +
        `decimals); type a plain number such as 60000 or 1.5 (60,000 with commas every three digits also works).`
      );
    if (why === 'date')
      return `${name}: ${shown} is a date, not a number; expected ${expected}. Check the cell's format.`;
    return `${name}: ${shown} is not a number; expected ${expected}.`;
  });
}

// A Map, not an object's own properties: no global look-up (slow in a sandboxed global) for every side cell.
const SIDES: ReadonlyMap<string, Side> = new Map([
  ['LONG', 1],
  ['BUY', 1],
  ['1', 1],
  ['SHORT', -1],
  ['SELL', -1],
  ['-1', -1],
]);

/** `LONG`/`SHORT` in any case; `BUY`/`SELL` and `1`/`-1` too. */
export function parseSide(field: Field, cell: unknown): Side {
  const key = typeof cell === 'number' ? '' + cell : typeof cell === 'string' ? cell.trim().toUpperCase() : null;
  const side = key === null ? undefined : SIDES.get(key);
  if (side === undefined)
    throw invalid(
      field,
      cell,
      (w) => `${w.name}: ${describeCell(cell)} is not a side; expected LONG or SHORT (BUY/SELL and 1/-1 also work).`,
    );
  return side;
}

/** `ISOLATED` or `CROSS`, in any case. */
export function parseMarginMode(field: Field, cell: unknown): MarginMode {
  const key = typeof cell === 'string' ? cell.trim().toUpperCase() : '';
  if (key === 'ISOLATED' || key === 'CROSS') return key;
  throw invalid(
    field,
    cell,
    (w) => `${w.name}: ${describeCell(cell)} is not a margin mode; expected ISOLATED or CROSS.`,
  );
}

import {
  Dec,
  EngineError,
  type Field,
  type FieldNames,
  type LiquidationOutcome,
  belowMaintenanceError,
  invalidValue,
  toFloat,
} from '../engine';
import { ArgumentError, NONE, type OutCell } from './cells';
import type { FunctionSpec } from './spec';

// Held locally: a global's look-up is slow in a sandboxed global (a vm context), and this runs for every result cell.
const isFiniteNumber = Number.isFinite;

/**
 * A decimal as a cell number: refuses anything a JS number cannot show faithfully, naming the
 * input to check (`field`).
 */
export function toCellNumber(value: Dec, what: string, field: Field): number {
  const n = toFloat(value);
  if (isFiniteNumber(n) && (n !== 0 || value.isZero())) return n === 0 ? 0 : n;
  const size = isFiniteNumber(n) ? 'small' : 'large';
  throw invalidValue(
    field,
    value.toString(),
    (w) =>
      `${w.name}: the ${what} it gives (${value.toExponential(6)}) is too ` +
      `${size} to show in a cell; check the inputs' units.`,
  );
}

/**
 * A decimal as the cell number nearest it that reads back (as a typed number) at least as far from 0: a liquidation
 * move copied from its cell still liquidates.
 */
export function toCellNumberOutward(value: Dec, what: string, field: Field): number {
  let n = toCellNumber(value, what, field);
  // toCellNumber refuses a value that is not 0 but shows as 0, so each step moves n by one or two units in its last
  // place.
  while (new Dec(n).abs().lt(value.abs())) n += n * Number.EPSILON;
  return n;
}

/**
 * A liquidation outcome as a cell: the price, `NONE`, or an error naming `marginField` (the
 * input to change) when the account is already below its maintenance margin.
 */
export function outcomeCell(outcome: LiquidationOutcome, marginField: Field): OutCell {
  switch (outcome.kind) {
    case 'price':
      return toCellNumber(outcome.price, 'liquidation price', marginField);
    case 'none':
      return NONE;
    case 'belowMaintenance':
      throw belowMaintenanceError(marginField, outcome);
  }
}

const wordsBySpec = new WeakMap<FunctionSpec, FieldNames>();

/** The names and expected values of a function's parameters, by the engine input each feeds. */
export function wordsOf(spec: FunctionSpec): FieldNames {
  let words = wordsBySpec.get(spec);
  if (!words) {
    const table: Record<string, { name: string; expected: string }> = {};
    for (const p of spec.params) table[p.field] ??= { name: p.name, expected: p.expected };
    words = table as FieldNames;
    wordsBySpec.set(spec, words);
  }
  return words;
}

/**
 * The message of anything thrown while computing a cell, never empty, in the words of `spec`'s
 * parameters; `where` (" (row 3)") follows the parameter's name.
 */
export function errorMessage(error: unknown, spec: FunctionSpec, where = ''): string {
  if (error instanceof EngineError) {
    if (wordsOf(spec)[error.field] === undefined)
      return `internal error: ${spec.name} has no parameter for ${error.field}: ${error.message}`;
    return error.describe(wordsOf(spec), where);
  }
  if (error instanceof ArgumentError) return error.message;
  if (error instanceof Error && error.message) return `internal error: ${error.message}`;
  return `internal error: ${String(error) || 'unknown'}`;
}

/** The text a range call puts in a bad element's cell. */
export function errorCell(error: unknown, spec: FunctionSpec, where = ''): string {
  return `Error: ${errorMessage(error, spec, where)}`;
}

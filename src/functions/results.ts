import { type Dec, EngineError, type LiquidationOutcome, belowMaintenanceMessage } from '../engine';
import { ArgumentError, NONE, type OutCell } from './cells';

/** A decimal as a cell number: refuses anything a JS number cannot show faithfully. */
export function toCellNumber(value: Dec, what: string): number {
  const n = value.toNumber();
  if (!Number.isFinite(n)) throw new ArgumentError(`the ${what} (${value.toExponential(6)}) is too large to show in a cell; check the inputs' units.`);
  if (n === 0 && !value.isZero()) throw new ArgumentError(`the ${what} (${value.toExponential(6)}) is too small to show in a cell; check the inputs' units.`);
  return n === 0 ? 0 : n;
}

/**
 * A liquidation outcome as a cell: the price, `NONE`, or an error naming `marginField` (the
 * argument to change) when the account is already below its maintenance margin.
 */
export function outcomeCell(outcome: LiquidationOutcome, marginField: string): OutCell {
  switch (outcome.kind) {
    case 'price':
      return toCellNumber(outcome.price, 'liquidation price');
    case 'none':
      return NONE;
    case 'belowMaintenance':
      throw new ArgumentError(belowMaintenanceMessage(marginField, outcome));
  }
}

/** The message of anything thrown while computing a cell, never empty. */
export function errorMessage(error: unknown): string {
  if (error instanceof ArgumentError || error instanceof EngineError) return error.message;
  if (error instanceof Error && error.message) return `internal error: ${error.message}`;
  return `internal error: ${String(error) || 'unknown'}`;
}

/** The text a range call puts in a bad row's cell. */
export function errorCell(error: unknown): string {
  return `Error: ${errorMessage(error)}`;
}

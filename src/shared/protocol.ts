// What the sidebar and the server say to each other through google.script.run: plain data only
// (primitives, null, plain objects and arrays), and the one limit both sides check.

import type { SizeMode } from '../engine';

/** The most leverages a scenario compares (rows of the grid), in the sidebar and on the server. */
export const MAX_LEVERAGE_ROWS = 40;

/** What the sidebar sends to insert a grid. */
export interface ScenarioRequest {
  readonly symbol: string;
  readonly side: 'LONG' | 'SHORT';
  readonly entryPrice: number;
  readonly sizeMode: SizeMode;
  readonly size: number;
  readonly walletBalance: number;
  readonly addedMargin: number;
  readonly stopPrice: number | null;
  /** Annual volatility (0.6 for 60 %) and horizon in days, for the chance of liquidation; both or neither. */
  readonly volatility: number | null;
  readonly horizonDays: number | null;
  readonly leverages: readonly number[];
}

/** Where to put a grid: at the selected cell, at a given cell, or on a new sheet. */
export type Placement =
  | { readonly kind: 'selection' }
  | { readonly kind: 'at'; readonly sheetName: string; readonly row: number; readonly column: number }
  | { readonly kind: 'newSheet' };

/** The answer to an insert: written, or nothing written because the area holds data. */
export type InsertResult =
  | { readonly status: 'inserted'; readonly sheetName: string; readonly a1: string }
  | {
      readonly status: 'occupied';
      readonly sheetName: string;
      readonly a1: string;
      readonly occupied: readonly string[];
      /** The nearest free place below, to offer instead. */
      readonly suggestion: {
        readonly sheetName: string;
        readonly row: number;
        readonly column: number;
        readonly a1: string;
      };
    };

/** The selected cell, for "From cell". */
export interface SelectedCell {
  readonly a1: string | null;
  readonly value: number | string | null;
}

/** The selected range's values, for "From cells" (a volatility from a column of closes). */
export interface SelectedValues {
  readonly a1: string | null;
  readonly values: readonly (readonly (number | string | null)[])[];
}

/**
 * The server functions the sidebar calls through google.script.run, with what each takes and gives:
 * the add-on's implementations satisfy it, and the sidebar's calls are typed by it.
 */
export interface SidebarServer {
  sidebarInsertGrid(request: ScenarioRequest, placement: Placement): InsertResult;
  sidebarSelectedCell(): SelectedCell;
  sidebarSelectedValues(): SelectedValues;
}

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
  /** The spreadsheet's imported brackets for a symbol, or `null` (the sidebar then uses the bundled snapshot). */
  sidebarMarketBrackets(symbol: string): ImportedBrackets | null;
}

/** A market of a paste, compared before importing it. */
export interface MarketChange {
  readonly market: string;
  /** Against the bundled snapshot: "new" (not in it), "same", or the first difference ("bracket 1 cap …"). */
  readonly vsBundled: string;
  /** Against the spreadsheet's last import: "first import", "same", or the first difference. */
  readonly vsLastImport: string;
}

/** What importing a paste would change, or why it cannot be imported (naming the symbol and the row). */
export type ImportPreview =
  | { readonly status: 'preview'; readonly format: string; readonly markets: readonly MarketChange[] }
  | { readonly status: 'refused'; readonly message: string };

/** The import's answer: what was written where, or why nothing was. */
export type ImportResult =
  | { readonly status: 'imported'; readonly markets: readonly string[]; readonly sheet: string }
  | { readonly status: 'refused'; readonly message: string };

/** The server functions of the Import brackets dialog. */
export interface ImportServer {
  previewBrackets(text: string): ImportPreview;
  /** Imports the paste's markets (those named in `markets`, when given). */
  importBrackets(text: string, markets?: readonly string[]): ImportResult;
}

/** A market's imported table, for the sidebar: the rows, the date they are as of, where they come from. */
export interface ImportedBrackets {
  /** The exchange symbol the table is of (`BTCUSDT`). */
  readonly symbol: string;
  readonly rangeName: string;
  readonly rows: readonly (readonly number[])[];
  /** USD per contract for a COIN-M market (its title row's third cell); 1 for USDS-M. */
  readonly contractSize: number;
  readonly asOf: string;
  readonly source: string;
}

import { a1, a1Range } from '../shared/a1';
import { FORMAT, amountFormat } from '../shared/formats';
import type { CellValue } from '../shared/sheetApi';
import type { PlannedChart } from './gridPlan';

// The risk plan's stress block for one margin asset's account: the same positions under one market move, as set,
// all cross and all isolated on the same capital, through ACCOUNT_STRESS, ACCOUNT_LIQ_MOVE and
// ACCOUNT_LIQ_PROBABILITY, with a chart of equity against the move.

/** The market moves of the stress table: −50 % to +50 % in steps of 5 %. */
export const STRESS_MOVES: readonly number[] = Array.from({ length: 21 }, (_, k) => (k - 10) / 20);

/** The account's columns in the positions table (blank on rows of other assets), as the account functions take them. */
export interface AccountColumns {
  readonly side: string;
  readonly entry: string;
  readonly quantity: string;
  readonly mark: string;
  readonly mode: string;
  /** Each row's margin at its leverage (notional / leverage + added): an ISOLATED row's margin as set. */
  readonly margin: string;
  readonly beta: string;
  readonly symbol: string;
  /** The `Mode and asset` column, for SUMIF. */
  readonly keys: string;
}

export interface StressInputs {
  readonly asset: string;
  /** The sheet row the block starts at; it spans columns A to AD. */
  readonly top: number;
  readonly columns: AccountColumns;
  /** Absolute cells of the asset's cross wallet, the horizon and the market volatility. */
  readonly wallet: string;
  readonly horizon: string;
  readonly volatility: string;
}

type Set = (row: number, column: number, value: CellValue, format?: string, weight?: string) => void;

/** The three settings: how each reads the modes, the isolated margins and the wallet of the same positions. */
const SETTINGS = [
  { title: 'As set', modes: (c: AccountColumns) => c.mode, margins: (c: AccountColumns) => c.margin },
  { title: 'All cross', modes: () => '"CROSS"', margins: () => '""' },
  { title: 'All isolated', modes: () => '"ISOLATED"', margins: (c: AccountColumns) => c.margin },
] as const;

/** The chart's series: each setting's equity, then each setting's liquidation marks. */
export const STRESS_SERIES: readonly string[] = [
  ...SETTINGS.map((s) => s.title),
  ...SETTINGS.map((s) => `${s.title}: liquidated`),
];

/** Where each setting's cells start: its ACCOUNT_STRESS spill is six columns wide, then a gap. */
const settingColumn = (s: number) => 2 + 7 * s;
/** The chart's table (grey): the moves, the three equities and the three liquidation marks. */
const CHART_COLUMN = 24;
/** Each setting's ACCOUNT_STRESS at its own liquidation moves, for the marks. */
const MARKS_COLUMN = CHART_COLUMN + 8;
export const STRESS_CHART_ROWS = 18;
/** The block's height: its title, settings, wallets, liquidation moves, chances, a gap, the table, a gap, the chart. */
export const STRESS_BLOCK_ROWS = 8 + STRESS_MOVES.length + 1 + STRESS_CHART_ROWS;
/** The block's width: to the last column of the marks' ACCOUNT_STRESS. */
export const STRESS_COLUMNS = MARKS_COLUMN + 5;

/** The block's chart, the cell of the as-set account's chance (for the summary) and its grey helper cells. */
export interface StressBlock {
  readonly chart: PlannedChart;
  readonly chance: string;
  readonly shaded: readonly { readonly row: number; readonly column: number }[];
}

/** Writes the block through `set`; returns its size, chart and the summary's cell. */
export function planAccountStress(set: Set, inputs: StressInputs): StressBlock {
  const { asset, top, columns: c, wallet, horizon, volatility } = inputs;
  const money = amountFormat(asset);
  const whole = asset.startsWith('USD') ? FORMAT.whole : money;
  const shaded: { row: number; column: number }[] = [];
  const helper = (row: number, column: number, value: CellValue, format: string = FORMAT.general) => {
    set(row, column, value, format);
    shaded.push({ row, column });
  };
  const rows = {
    wallet: top + 2,
    liquidation: top + 3,
    sentence: top + 4,
    chance: top + 5,
    header: top + 7,
  };
  const firstMove = rows.header + 1;
  const moves = a1Range(firstMove, 1, STRESS_MOVES.length);
  set(top, 1, `Stress test (${asset})`, FORMAT.text, 'bold');
  set(
    top,
    settingColumn(1),
    `The ${asset} account under a market move. Every USDS-M price moves from its mark along mark × (1 + beta × ` +
      'move); an ISOLATED row is liquidated at its own price, the cross account where its margin balance reaches ' +
      'its maintenance margin (its wallet is then lost). ' +
      'The same positions and capital: all cross puts the isolated margins into the wallet; all isolated gives each ' +
      'row its margin at its leverage and leaves the rest of the wallet untouched. Binance may liquidate a cross ' +
      'account in steps; this model closes it at once. Chance: within the horizon, the market at the market ' +
      'volatility, of touching either liquidation move.',
    FORMAT.text,
  );
  set(rows.wallet, 1, `Cross wallet (${asset})`, FORMAT.text);
  set(rows.liquidation, 1, 'Liq. move: fall, rise', FORMAT.text);
  set(rows.chance, 1, 'Chance of liquidation', FORMAT.text);
  set(rows.header, 1, 'Move', FORMAT.text, 'bold');
  STRESS_MOVES.forEach((move, k) => set(firstMove + k, 1, move, FORMAT.percent));

  const chartHeader = top + 1;
  const chartFirst = chartHeader + 1;
  const marksFirst = chartFirst + STRESS_MOVES.length;
  helper(chartHeader, CHART_COLUMN, 'Move', FORMAT.text);
  STRESS_MOVES.forEach((_, k) => helper(chartFirst + k, CHART_COLUMN, `=${a1(firstMove + k, 1)}`, FORMAT.percent));

  SETTINGS.forEach((setting, s) => {
    const column = settingColumn(s);
    const cell = (row: number, offset = 0) => a1(row, column + offset);
    set(top + 1, column, setting.title, FORMAT.text, 'bold');
    const walletFormula = [
      `=${wallet}`,
      `=${wallet}+SUMIF(${c.keys}, "ISOLATED ${asset}", ${c.margin})`,
      `=${wallet}-SUMIF(${c.keys}, "CROSS ${asset}", ${c.margin})`,
    ][s];
    set(rows.wallet, column, walletFormula, money);
    const short = `${cell(rows.wallet)}<0`;
    const shortText = `"the wallet does not cover every position's margin at its leverage"`;
    const account = (extra: string) =>
      `${c.side}, ${c.entry}, ${c.quantity}, ${c.mark}, ${cell(rows.wallet)}${extra}, ${setting.modes(c)}, ` +
      `${setting.margins(c)}, ${c.beta}, ${c.symbol}`;
    set(rows.liquidation, column, `=IF(${short}, ${shortText}, ACCOUNT_LIQ_MOVE(${account('')}))`, FORMAT.percent);
    formatCell(set, rows.liquidation, column + 1, FORMAT.percent);
    const fall = cell(rows.liquidation);
    const rise = cell(rows.liquidation, 1);
    const refused = `AND(ISTEXT(${fall}), ${fall}<>"NONE")`;
    // "… on a fall of 18.2% / a rise of 41.0%", "… on a fall of 28.7% (no rise liquidates it)", or no move at all.
    const falls = `"a fall of "&TEXT(-${fall}, "0.0%")`;
    const rises = `"a rise of "&TEXT(${rise}, "0.0%")`;
    set(
      rows.sentence,
      column,
      `=IF(${refused}, "", IF(AND(ISTEXT(${fall}), ISTEXT(${rise})), "No market move liquidates the cross account", ` +
        `"The cross account is liquidated on "&IF(ISNUMBER(${fall}), ${falls}&IF(ISNUMBER(${rise}), " / "&${rises}, ` +
        `" (no rise liquidates it)"), ${rises}&" (no fall liquidates it)")))`,
      FORMAT.text,
    );
    set(
      rows.chance,
      column,
      `=IF(${refused}, "", ACCOUNT_LIQ_PROBABILITY(${fall}, ${rise}, ${volatility}, ${horizon}))`,
      FORMAT.percent,
    );
    // The stress table: ACCOUNT_STRESS spills its header and a row per move; then its number formats.
    set(rows.header, column, `=IF(${short}, ${shortText}, ACCOUNT_STRESS(${account(`, ${moves}`)}))`, FORMAT.text);
    STRESS_MOVES.forEach((_, k) =>
      // Whole units: the table sits under the positions' narrow columns (the cells keep every digit).
      [FORMAT.percent, whole, whole, FORMAT.text, FORMAT.whole, FORMAT.percent].forEach((format, i) =>
        formatCell(set, firstMove + k, column + i, format),
      ),
    );
    // The chart's table: this setting's equity at each move, and its mark at its liquidation moves.
    helper(chartHeader, CHART_COLUMN + 1 + s, STRESS_SERIES[s], FORMAT.text);
    helper(chartHeader, CHART_COLUMN + 4 + s, STRESS_SERIES[3 + s], FORMAT.text);
    STRESS_MOVES.forEach((_, k) => {
      helper(chartFirst + k, CHART_COLUMN + 1 + s, `=${a1(firstMove + k, column + 1)}`, money);
      helper(chartFirst + k, CHART_COLUMN + 4 + s, '', money);
    });
    const marks = top + 1 + 4 * s; // ACCOUNT_STRESS at [fall, rise]: its header, then a row each
    helper(marks, MARKS_COLUMN, `=IF(${refused}, "", ACCOUNT_STRESS(${account(`, ${fall}:${rise}`)}))`, FORMAT.text);
    [0, 1].forEach((side) => {
      const row = marksFirst + 2 * s + side;
      const move = a1(marks + 1 + side, MARKS_COLUMN);
      const equity = a1(marks + 1 + side, MARKS_COLUMN + 1);
      // Marked where it lies within the table's moves (a rise of 1,000 % would squash the chart).
      const shown = `AND(ISNUMBER(${move}), ${move}>=MIN(${moves}), ${move}<=MAX(${moves}))`;
      helper(row, CHART_COLUMN, `=IF(${shown}, ${move}, "")`, FORMAT.percent);
      for (let other = 0; other < 3; other++) {
        helper(row, CHART_COLUMN + 1 + other, '', money);
        helper(row, CHART_COLUMN + 4 + other, other === s ? `=IF(${shown}, ${equity}, "")` : '', money);
      }
    });
  });
  const chartRows = STRESS_MOVES.length + 2 * SETTINGS.length;
  const chartTop = firstMove + STRESS_MOVES.length + 1;
  return {
    chance: a1(rows.chance, settingColumn(0), true),
    shaded,
    chart: {
      domainColumn: CHART_COLUMN - 1,
      seriesColumns: [1, 2, 3, 4, 5, 6].map((k) => CHART_COLUMN - 1 + k),
      marks: [0, 1, 2].map((s) => ({ series: 3 + s, like: s })),
      title: `The ${asset} account: equity after a market move`,
      widthColumns: 8,
      heightRows: STRESS_CHART_ROWS,
      table: { headerRow: chartHeader - 1, rows: chartRows },
      at: { row: chartTop - 1, column: 0 },
      axes: { h: 'Market move', v: `Equity (${asset})`, hPercent: true },
    },
  };
}

/** A number format on a cell a spill fills (its value stays blank in the plan). */
function formatCell(set: Set, row: number, column: number, format: string): void {
  set(row, column, '', format);
}

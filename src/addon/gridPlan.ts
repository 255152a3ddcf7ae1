import { SNAPSHOT_AS_OF } from '../data/symbols';
import { GRID_HEADER } from '../shared/columns';
import { DISTANCE_BANDS, RISK_COLOURS } from '../shared/risk';
import { FORMAT } from '../shared/formats';
import { a1, a1Range } from '../shared/a1';
import type { CellValue } from '../shared/sheetApi';
import type { ScenarioRequest } from './scenarioRequest';

/**
 * Everything a scenario grid writes, relative to its top-left cell: one block of values and
 * formulas with their formats, conditional formatting of the distance columns, and a chart.
 * Cells of the comparison table are formulas of this add-on's functions over the inputs block,
 * so editing an input in the sheet recalculates the grid. Pure: no Sheets calls.
 */
export interface GridPlan {
  readonly rows: number;
  readonly columns: number;
  readonly values: CellValue[][];
  readonly numberFormats: string[][];
  readonly fontWeights: string[][];
  readonly backgrounds: (string | null)[][];
  /** Conditional formatting, in the order Sheets should try the rules. */
  readonly rules: readonly PlannedRule[];
  readonly tableFirstRow: number;
  readonly tableRows: number;
  readonly headerRow: number;
  /**
   * Chart: the leverage column as domain, then the series columns (offsets), placed right of the block; none for some
   * plans.
   */
  readonly chart: {
    readonly domainColumn: number;
    readonly seriesColumns: readonly number[];
    readonly title: string;
    readonly widthColumns: number;
    readonly heightRows: number;
  } | null;
  /** The rectangle that must be empty before writing: the block and the chart beside it. */
  readonly footprintRows: number;
  readonly footprintColumns: number;
  /**
   * Column widths in pixels from the first column, and a row (offset) whose text wraps: applied only on a
   * sheet of its own, never to the columns of a user's sheet.
   */
  readonly sheetLayout?: { readonly columnWidths: readonly number[]; readonly wrappedRow: number };
  /** The cell (offsets) selected once the plan is written: its first input, so the user starts there. */
  readonly firstInput: { readonly row: number; readonly column: number };
}

/** A block of cells, as offsets from the plan's top-left cell. */
export interface Area {
  readonly row: number;
  readonly column: number;
  readonly rows: number;
  readonly columns: number;
}

/**
 * A conditional format rule: a condition on the cell's number, or a custom formula (relative to the area's first cell).
 */
export interface PlannedRule {
  readonly when:
    | readonly ['lessThan', number]
    | readonly ['between', number, number]
    | readonly ['atLeast', number]
    | readonly ['formula', string];
  readonly background: string;
  readonly areas: readonly Area[];
}

export const INPUT_LABELS = [
  'Symbol',
  'Side',
  'Entry price',
  'Size mode',
  'Size',
  'Wallet balance',
  'Added margin (isolated)',
  'Stop price',
  'Volatility (a year)',
  'Horizon (days)',
  'Bracket snapshot',
] as const;
/** LIQ_GRID's columns, with the quantity of each row after the leverage and the entry price last (for the chart). */
export const TABLE_HEADER: readonly string[] = [GRID_HEADER[0], 'Quantity', ...GRID_HEADER.slice(1), 'Entry price'];

/**
 * The chance of each mode's max loss: of the stop where it fires first (the loss is then the loss at the
 * stop), else of liquidation. Without a stop, the chance of liquidation.
 */
export const GRID_ODDS_HEADER: readonly string[] = ['Isolated: chance of max loss', 'Cross: chance of max loss'];

/** The table's columns: with a volatility and a horizon, the two chances of the max loss follow. */
export function tableHeader(request: ScenarioRequest): readonly string[] {
  return withOdds(request) ? [...TABLE_HEADER, ...GRID_ODDS_HEADER] : TABLE_HEADER;
}

function withOdds(request: ScenarioRequest): boolean {
  return request.volatility !== null && request.horizonDays !== null;
}

const HEADER_BACKGROUND = '#e8eaed';
const CHART_WIDTH_COLUMNS = 6;
const CHART_HEIGHT_ROWS = 18;

/** A block of `rows` × `columns` blank cells with default formats, for a plan to fill in. */
export function blankBlock(
  rows: number,
  columns: number,
): Pick<GridPlan, 'values' | 'numberFormats' | 'fontWeights' | 'backgrounds'> {
  const grid = <T>(value: T) => Array.from({ length: rows }, () => Array<T>(columns).fill(value));
  return {
    values: grid<CellValue>(''),
    numberFormats: grid(''),
    fontWeights: grid('normal'),
    backgrounds: grid<string | null>(null),
  };
}

/** The grid for `request` with its top-left cell at (`row`, `column`) of the sheet (1-based). */
export function planGrid(request: ScenarioRequest, row: number, column: number): GridPlan {
  const header = tableHeader(request);
  const columns = header.length;
  const inputRow = (i: number) => row + 1 + i; // sheet row of INPUT_LABELS[i]
  const input = (label: (typeof INPUT_LABELS)[number]) => a1(inputRow(INPUT_LABELS.indexOf(label)), column + 1, true);
  const headerOffset = 1 + INPUT_LABELS.length + 1;
  const firstOffset = headerOffset + 1;
  const n = request.leverages.length;
  const rows = firstOffset + n;
  const firstRow = row + firstOffset;
  const col = (i: number) => column + i; // sheet column of table column i
  const colRange = (i: number) => a1Range(firstRow, col(i), n);

  const { values, numberFormats: formats, fontWeights: weights, backgrounds } = blankBlock(rows, columns);

  values[0][0] = `Liquidation Planner: ${request.symbol} ${request.side}, isolated vs cross by leverage`;
  weights[0][0] = 'bold';
  const inputs: Record<(typeof INPUT_LABELS)[number], [CellValue, string]> = {
    Symbol: [request.symbol, FORMAT.text],
    Side: [request.side, FORMAT.text],
    'Entry price': [request.entryPrice, FORMAT.price],
    'Size mode': [request.sizeMode, FORMAT.text],
    Size: [request.size, request.sizeMode === 'QUANTITY' ? FORMAT.quantity : FORMAT.usdt],
    'Wallet balance': [request.walletBalance, FORMAT.usdt],
    'Added margin (isolated)': [request.addedMargin, FORMAT.usdt],
    'Stop price': [request.stopPrice ?? '', FORMAT.price],
    'Volatility (a year)': [request.volatility ?? '', FORMAT.percent],
    'Horizon (days)': [request.horizonDays ?? '', FORMAT.general],
    'Bracket snapshot': [SNAPSHOT_AS_OF, FORMAT.text],
  };
  INPUT_LABELS.forEach((label, i) => {
    values[1 + i][0] = label;
    [values[1 + i][1], formats[1 + i][1]] = inputs[label];
  });

  header.forEach((title, i) => {
    values[headerOffset][i] = title;
    weights[headerOffset][i] = 'bold';
    backgrounds[headerOffset][i] = HEADER_BACKGROUND;
  });

  const [symbol, side, entry, mode, size, wallet, added, stop, volatility, horizon] = [
    input('Symbol'),
    input('Side'),
    input('Entry price'),
    input('Size mode'),
    input('Size'),
    input('Wallet balance'),
    input('Added margin (isolated)'),
    input('Stop price'),
    input('Volatility (a year)'),
    input('Horizon (days)'),
  ];
  const leverages = colRange(0);
  const quantities = colRange(1);
  const columnFormats = [
    FORMAT.leverage,
    FORMAT.quantity,
    FORMAT.usdt,
    FORMAT.price,
    FORMAT.percent,
    FORMAT.usdt,
    FORMAT.price,
    FORMAT.percent,
    FORMAT.usdt,
    FORMAT.price,
    FORMAT.percent,
    FORMAT.percent,
  ].slice(0, columns);
  request.leverages.forEach((leverage, k) => {
    const r = firstOffset + k;
    const lev = a1(firstRow + k, col(0));
    values[r][0] = leverage;
    // Per row, plain arithmetic: the size in base units for this leverage, following the size mode cell.
    // RISK: the quantity that loses the size at the stop (POSITION_SIZE's formula, in plain arithmetic so
    // that no branch errs where the stop is blank).
    values[r][1] =
      `=IF(${mode}="MARGIN", ${size}*${lev}/${entry}, IF(${mode}="VALUE", ${size}/${entry}, ` +
      `IF(${mode}="RISK", ${size}/ABS(${entry}-${stop}), ${size})))`;
    values[r][9] = `=${entry}`;
    columnFormats.forEach((format, c) => (formats[r][c] = format));
  });
  // One range formula per column (one custom-function call each), spilling down the table.
  const first = firstOffset;
  values[first][2] = `=ISOLATED_MARGIN(${entry}, ${quantities}, ${leverages}, ${added}, ${symbol})`;
  values[first][3] = `=LIQ_PRICE_ISOLATED(${side}, ${entry}, ${quantities}, ${leverages}, ${added}, ${symbol})`;
  values[first][4] = `=LIQ_DISTANCE(${side}, ${entry}, ${colRange(3)})`;
  values[first][5] =
    `=MAX_LOSS("ISOLATED", ${side}, ${entry}, ${quantities}, ${leverages}, ${wallet}, ${added}, ${stop}, ${symbol})`;
  values[first][6] = `=LIQ_PRICE_CROSS(${side}, ${entry}, ${quantities}, ${wallet}, 0, 0, ${symbol})`;
  values[first][7] = `=LIQ_DISTANCE(${side}, ${entry}, ${colRange(6)})`;
  values[first][8] =
    `=MAX_LOSS("CROSS", ${side}, ${entry}, ${quantities}, ${leverages}, ${wallet}, ${added}, ${stop}, ${symbol})`;
  if (withOdds(request)) {
    // Within the horizon, from the entry price: the chance that the stop is hit where it fires before
    // liquidation, else that the liquidation price is touched (what MAX_LOSS beside it assumes).
    const odds = (liq: number) =>
      `=LOSS_PROBABILITY(${side}, ${entry}, ${colRange(liq)}, ${volatility}, ${horizon}, ${stop})`;
    values[first][10] = odds(3);
    values[first][11] = odds(6);
  }

  return {
    rows,
    columns,
    values,
    numberFormats: formats,
    fontWeights: weights,
    backgrounds,
    rules: ((areas: Area[]) => [
      { when: ['lessThan', DISTANCE_BANDS.near] as const, background: RISK_COLOURS.near, areas },
      {
        when: ['between', DISTANCE_BANDS.near, DISTANCE_BANDS.close] as const,
        background: RISK_COLOURS.close,
        areas,
      },
      { when: ['atLeast', DISTANCE_BANDS.close] as const, background: RISK_COLOURS.far, areas },
    ])([4, 7].map((c) => ({ row: firstOffset, column: c, rows: n, columns: 1 }))),
    tableFirstRow: firstOffset,
    tableRows: n,
    headerRow: headerOffset,
    chart: {
      domainColumn: 0,
      seriesColumns: [3, 6, 9],
      title: `${request.symbol} ${request.side}: liquidation price by leverage`,
      widthColumns: CHART_WIDTH_COLUMNS,
      heightRows: CHART_HEIGHT_ROWS,
    },
    firstInput: { row: 1 + INPUT_LABELS.indexOf('Symbol'), column: 1 },
    footprintRows: Math.max(rows, headerOffset + CHART_HEIGHT_ROWS),
    footprintColumns: columns + 1 + CHART_WIDTH_COLUMNS,
  };
}

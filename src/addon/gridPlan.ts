import { BUNDLED_SNAPSHOT, bundledSnapshotOf, resolveSymbol, snapshotMarket } from '../data/symbols';
import type { Contract } from '../engine';
import { GRID_HEADER } from '../shared/columns';
import { DISTANCE_BANDS, RISK_COLOURS } from '../shared/risk';
import { FORMAT, amountFormat } from '../shared/formats';
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
  /** Line charts of columns of the block (the grid has one; the risk plan one per stressed wallet). */
  readonly charts: readonly PlannedChart[];
  /** The rectangle that must be empty before writing: the block and the charts beside or in it. */
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

/**
 * A line chart: the domain column, then the series columns (offsets), each from a table's header row down its rows
 * (by default the plan's own table), anchored at a cell (by default right of the block at the header row).
 */
export interface PlannedChart {
  readonly domainColumn: number;
  readonly seriesColumns: readonly number[];
  readonly title: string;
  readonly widthColumns: number;
  readonly heightRows: number;
  readonly table?: { readonly headerRow: number; readonly rows: number };
  readonly at?: { readonly row: number; readonly column: number };
  /** Axis titles; `percent`: the domain is a fraction shown as a percentage. */
  readonly axes: { readonly h: string; readonly v: string; readonly hPercent?: boolean };
  /** Series (indexes among `seriesColumns`) drawn as points alone, no line, in the colour of the series `like`. */
  readonly marks?: readonly { readonly series: number; readonly like: number }[];
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

/** The inputs block under the title: one labelled cell per scenario input, which the table's formulas read. */
const INPUTS = [
  { key: 'symbol', label: 'Symbol', value: (r) => r.symbol, format: () => FORMAT.text },
  { key: 'side', label: 'Side', value: (r) => r.side, format: () => FORMAT.text },
  { key: 'entry', label: 'Entry price', value: (r) => r.entryPrice, format: () => FORMAT.price },
  { key: 'mode', label: 'Size mode', value: (r) => r.sizeMode, format: () => FORMAT.text },
  {
    key: 'size',
    label: 'Size',
    value: (r) => r.size,
    // A quantity; a position value in dollars (USD for COIN-M); a margin or a risk in the margin asset.
    format: (r, b) =>
      r.sizeMode === 'QUANTITY'
        ? FORMAT.quantity
        : r.sizeMode === 'VALUE'
          ? FORMAT.usdt
          : amountFormat(b.contract.unit),
  },
  {
    key: 'wallet',
    label: 'Wallet balance',
    value: (r) => r.walletBalance,
    format: (_, b) => amountFormat(b.contract.unit),
  },
  {
    key: 'added',
    label: 'Added margin (isolated)',
    value: (r) => r.addedMargin,
    format: (_, b) => amountFormat(b.contract.unit),
  },
  { key: 'stop', label: 'Stop price', value: (r) => r.stopPrice ?? '', format: () => FORMAT.price },
  { key: 'volatility', label: 'Volatility (a year)', value: (r) => r.volatility ?? '', format: () => FORMAT.percent },
  { key: 'horizon', label: 'Horizon (days)', value: (r) => r.horizonDays ?? '', format: () => FORMAT.general },
  { key: 'brackets', label: 'Brackets', value: (_, b) => b.text, format: () => FORMAT.text },
] as const satisfies readonly {
  readonly key: string;
  readonly label: string;
  readonly value: (request: ScenarioRequest, brackets: GridBrackets) => CellValue;
  readonly format: (request: ScenarioRequest, brackets: GridBrackets) => string;
}[];

/**
 * Which brackets the grid's formulas use, and how its Brackets row says so: the spreadsheet's imported table of the
 * symbol (its named range) where there is one, else the bundled snapshot (the Symbol cell names the market).
 */
export interface GridBrackets {
  /** The `brackets` argument: a named range, or `null` for the Symbol cell. */
  readonly rangeName: string | null;
  readonly text: string;
  /** How sizes become quantities: COIN-M contracts of `size` USD (`null` for USDS-M), amounts in `unit`. */
  readonly contract: { readonly contractSize: number | null; readonly unit: string };
}

const USDT_CONTRACT = { contractSize: null, unit: 'USDT' } as const;

export const BUNDLED_BRACKETS: GridBrackets = { rangeName: null, text: BUNDLED_SNAPSHOT, contract: USDT_CONTRACT };

/** The bundled snapshot's brackets of a symbol, with its contract (USDS-M for a name the snapshot does not hold). */
export function bundledBrackets(symbol: string): GridBrackets {
  const key = resolveSymbol(symbol);
  if (key === null) return BUNDLED_BRACKETS;
  return { rangeName: null, text: bundledSnapshotOf(key), contract: gridContract(snapshotMarket(key).contract) };
}

/** The grid's view of a contract. */
function gridContract(contract: Contract): GridBrackets['contract'] {
  return {
    contractSize: contract.kind === 'inverse' ? contract.contractSize.toNumber() : null,
    unit: contract.marginAsset,
  };
}

type InputKey = (typeof INPUTS)[number]['key'];

export const INPUT_LABELS: readonly string[] = INPUTS.map((i) => i.label);

/** The comparison table's columns, in order (see TABLE). */
type ColumnKey =
  | 'leverage'
  | 'quantity'
  | 'isoMargin'
  | 'isoLiq'
  | 'isoDistance'
  | 'isoLoss'
  | 'crossLiq'
  | 'crossDistance'
  | 'crossLoss'
  | 'entry'
  | 'isoChance'
  | 'crossChance';

/** What a column's formulas refer to: the input cells (absolute), a row's leverage cell, another column's range. */
interface TableRefs {
  readonly input: Readonly<Record<InputKey, string>>;
  readonly leverageAt: (k: number) => string;
  readonly range: (key: ColumnKey) => string;
  /** USD per COIN-M contract, or `null` for a USDS-M market. */
  readonly contractSize: number | null;
}

/**
 * One column of the comparison table: its title, number format and cells. A column is either one value or formula
 * per row (`perRow`), or one range formula in its first row that spills down the table (`spill`, one custom-function
 * call for the whole column). `band`: coloured by distance; `charted`: a series of the chart; `odds`: only with a
 * volatility and a horizon.
 */
interface TableColumn {
  readonly key: ColumnKey;
  readonly title: string;
  readonly format: string;
  readonly perRow?: (refs: TableRefs, k: number, leverage: number) => CellValue;
  readonly spill?: (refs: TableRefs) => string;
  readonly band?: true;
  readonly charted?: true;
  readonly odds?: true;
}

const [LEVERAGE, ISO_MARGIN, ISO_LIQ, ISO_DISTANCE, ISO_LOSS, CROSS_LIQ, CROSS_DISTANCE, CROSS_LOSS] = GRID_HEADER;

/**
 * The comparison table: LIQ_GRID's columns, with the quantity of each row after the leverage, the entry price (a
 * flat series for the chart) and, with a volatility and a horizon, the chance of each mode's max loss: of the stop
 * where it fires first (the loss is then the loss at the stop), else of liquidation.
 */
const TABLE = [
  { key: 'leverage', title: LEVERAGE, format: FORMAT.leverage, perRow: (_, __, leverage) => leverage },
  {
    key: 'quantity',
    title: 'Quantity',
    format: FORMAT.quantity,
    // The size in base units for this leverage, following the size mode cell. RISK: the quantity that loses the
    // size at the stop (POSITION_SIZE's formula, in plain arithmetic so that no branch errs where the stop is blank).
    // COIN-M: contracts of CS USD, so a value is size/CS, a coin margin size·leverage·entry/CS, a coin risk
    // size/(CS·|1/entry − 1/stop|).
    perRow: ({ input: { mode, size, entry, stop }, leverageAt, contractSize: cs }, k) =>
      cs === null
        ? `=IF(${mode}="MARGIN", ${size}*${leverageAt(k)}/${entry}, IF(${mode}="VALUE", ${size}/${entry}, ` +
          `IF(${mode}="RISK", ${size}/ABS(${entry}-${stop}), ${size})))`
        : `=IF(${mode}="MARGIN", ${size}*${leverageAt(k)}*${entry}/${cs}, IF(${mode}="VALUE", ${size}/${cs}, ` +
          `IF(${mode}="RISK", ${size}/(${cs}*ABS(1/${entry}-1/${stop})), ${size})))`,
  },
  {
    key: 'isoMargin',
    title: ISO_MARGIN,
    format: FORMAT.usdt,
    spill: ({ input: { entry, added, symbol }, range }) =>
      `=ISOLATED_MARGIN(${entry}, ${range('quantity')}, ${range('leverage')}, ${added}, ${symbol})`,
  },
  {
    key: 'isoLiq',
    title: ISO_LIQ,
    format: FORMAT.price,
    charted: true,
    spill: ({ input: { side, entry, added, symbol }, range }) =>
      `=LIQ_PRICE_ISOLATED(${side}, ${entry}, ${range('quantity')}, ${range('leverage')}, ${added}, ${symbol})`,
  },
  {
    key: 'isoDistance',
    title: ISO_DISTANCE,
    format: FORMAT.percent,
    band: true,
    spill: ({ input: { side, entry }, range }) => `=LIQ_DISTANCE(${side}, ${entry}, ${range('isoLiq')})`,
  },
  {
    key: 'isoLoss',
    title: ISO_LOSS,
    format: FORMAT.usdt,
    spill: (refs) => maxLossFormula('ISOLATED', refs),
  },
  {
    key: 'crossLiq',
    title: CROSS_LIQ,
    format: FORMAT.price,
    charted: true,
    spill: ({ input: { side, entry, wallet, symbol }, range }) =>
      `=LIQ_PRICE_CROSS(${side}, ${entry}, ${range('quantity')}, ${wallet}, 0, 0, ${symbol})`,
  },
  {
    key: 'crossDistance',
    title: CROSS_DISTANCE,
    format: FORMAT.percent,
    band: true,
    spill: ({ input: { side, entry }, range }) => `=LIQ_DISTANCE(${side}, ${entry}, ${range('crossLiq')})`,
  },
  {
    key: 'crossLoss',
    title: CROSS_LOSS,
    format: FORMAT.usdt,
    spill: (refs) => maxLossFormula('CROSS', refs),
  },
  {
    key: 'entry',
    title: 'Entry price',
    format: FORMAT.price,
    charted: true,
    perRow: ({ input: { entry } }) => `=${entry}`,
  },
  {
    key: 'isoChance',
    title: 'Isolated: chance of max loss',
    format: FORMAT.percent,
    odds: true,
    spill: (refs) => lossChanceFormula('isoLiq', refs),
  },
  {
    key: 'crossChance',
    title: 'Cross: chance of max loss',
    format: FORMAT.percent,
    odds: true,
    spill: (refs) => lossChanceFormula('crossLiq', refs),
  },
] as const satisfies readonly TableColumn[];

function maxLossFormula(mode: 'ISOLATED' | 'CROSS', { input, range }: TableRefs): string {
  const { side, entry, wallet, added, stop, symbol } = input;
  return (
    `=MAX_LOSS("${mode}", ${side}, ${entry}, ${range('quantity')}, ${range('leverage')}, ${wallet}, ${added}, ` +
    `${stop}, ${symbol})`
  );
}

/**
 * Within the horizon, from the entry price: the chance that the stop is hit where it fires before liquidation, else
 * that the liquidation price is touched (what MAX_LOSS beside it assumes).
 */
function lossChanceFormula(liquidation: ColumnKey, { input, range }: TableRefs): string {
  const { side, entry, volatility, horizon, stop } = input;
  return `=LOSS_PROBABILITY(${side}, ${entry}, ${range(liquidation)}, ${volatility}, ${horizon}, ${stop})`;
}

/** The table's columns for a request: the odds columns only with a volatility and a horizon. */
function tableColumns(request: ScenarioRequest): readonly TableColumn[] {
  return withOdds(request) ? TABLE : TABLE.filter((c: TableColumn) => !c.odds);
}

/** The table's titles without the odds columns. */
export const TABLE_HEADER: readonly string[] = TABLE.filter((c: TableColumn) => !c.odds).map((c) => c.title);

/** The table's titles for a request. */
export function tableHeader(request: ScenarioRequest): readonly string[] {
  return tableColumns(request).map((c) => c.title);
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
export function planGrid(
  request: ScenarioRequest,
  row: number,
  column: number,
  brackets: GridBrackets = BUNDLED_BRACKETS,
): GridPlan {
  const table = tableColumns(request);
  const columns = table.length;
  const inputOffset = (key: InputKey) => 1 + INPUTS.findIndex((i) => i.key === key);
  const headerOffset = 1 + INPUTS.length + 1;
  const firstOffset = headerOffset + 1;
  const n = request.leverages.length;
  const rows = firstOffset + n;
  const firstRow = row + firstOffset;
  const columnOf = (key: ColumnKey) => table.findIndex((c) => c.key === key);
  const refs: TableRefs = {
    // `symbol` is what the formulas pass as brackets: the Symbol cell, or the imported table's named range.
    input: {
      ...(Object.fromEntries(INPUTS.map((i) => [i.key, a1(row + inputOffset(i.key), column + 1, true)])) as Record<
        InputKey,
        string
      >),
      ...(brackets.rangeName === null ? {} : { symbol: brackets.rangeName }),
    },
    leverageAt: (k) => a1(firstRow + k, column + columnOf('leverage')),
    range: (key) => a1Range(firstRow, column + columnOf(key), n),
    contractSize: brackets.contract.contractSize,
  };
  const amount = amountFormat(brackets.contract.unit);

  const { values, numberFormats: formats, fontWeights: weights, backgrounds } = blankBlock(rows, columns);

  values[0][0] = `Liquidation Planner: ${request.symbol} ${request.side}, isolated vs cross by leverage`;
  weights[0][0] = 'bold';
  INPUTS.forEach((input, i) => {
    values[1 + i][0] = input.label;
    values[1 + i][1] = input.value(request, brackets);
    formats[1 + i][1] = input.format(request, brackets);
  });

  table.forEach((spec, c) => {
    values[headerOffset][c] = spec.title;
    weights[headerOffset][c] = 'bold';
    backgrounds[headerOffset][c] = HEADER_BACKGROUND;
    request.leverages.forEach((leverage, k) => {
      // Amounts in the market's margin asset (a COIN-M grid's are in the coin).
      formats[firstOffset + k][c] = spec.format === FORMAT.usdt ? amount : spec.format;
      if (spec.perRow) values[firstOffset + k][c] = spec.perRow(refs, k, leverage);
    });
    if (spec.spill) values[firstOffset][c] = spec.spill(refs);
  });

  const bands: Area[] = table.flatMap((spec, c) =>
    spec.band ? [{ row: firstOffset, column: c, rows: n, columns: 1 }] : [],
  );
  return {
    rows,
    columns,
    values,
    numberFormats: formats,
    fontWeights: weights,
    backgrounds,
    rules: [
      { when: ['lessThan', DISTANCE_BANDS.near], background: RISK_COLOURS.near, areas: bands },
      { when: ['between', DISTANCE_BANDS.near, DISTANCE_BANDS.close], background: RISK_COLOURS.close, areas: bands },
      { when: ['atLeast', DISTANCE_BANDS.close], background: RISK_COLOURS.far, areas: bands },
    ],
    tableFirstRow: firstOffset,
    tableRows: n,
    headerRow: headerOffset,
    charts: [
      {
        domainColumn: columnOf('leverage'),
        seriesColumns: table.flatMap((spec, c) => (spec.charted ? [c] : [])),
        title: `${request.symbol} ${request.side}: liquidation price by leverage`,
        widthColumns: CHART_WIDTH_COLUMNS,
        heightRows: CHART_HEIGHT_ROWS,
        axes: {
          h: 'Leverage',
          v: `Price (${brackets.contract.contractSize === null ? brackets.contract.unit : 'USD'})`,
        },
      },
    ],
    firstInput: { row: inputOffset('symbol'), column: 1 },
    footprintRows: Math.max(rows, headerOffset + CHART_HEIGHT_ROWS),
    footprintColumns: columns + 1 + CHART_WIDTH_COLUMNS,
  };
}

import { BUNDLED_SNAPSHOT, SNAPSHOT_AS_OF } from '../data/symbols';
import { a1, a1Range } from '../shared/a1';
import { type GridPlan, blankBlock } from './gridPlan';
import { FORMAT } from '../shared/formats';
import { DISTANCE_BANDS, RISK_COLOURS } from '../shared/risk';
import { writePlanOnNewSheet } from './gridWriter';
import type { CellValue, SheetEnv } from '../shared/sheetApi';
import type { ImportedBrackets } from '../shared/protocol';
import { importedTable } from './bracketImport';

/** One position of the template's example. */
interface ExamplePosition {
  symbol: string;
  side: 'LONG' | 'SHORT';
  quantity: number;
  entry: number;
  mark: number;
  mode: 'CROSS' | 'ISOLATED';
  leverage: number;
  addedMargin: number;
  stop: number | '';
  /** Annual volatility (0.6 for 60 %) and funding rate per payment; blank allowed. */
  volatility: number | '';
  funding: number | '';
}

export const RISK_PLAN_EXAMPLE: readonly ExamplePosition[] = [
  {
    symbol: 'BTCUSDT',
    side: 'LONG',
    quantity: 0.5,
    entry: 60000,
    mark: 62000,
    mode: 'CROSS',
    leverage: 10,
    addedMargin: 0,
    stop: 55000,
    volatility: 0.6,
    funding: 0.0001,
  },
  {
    symbol: 'ETHUSDT',
    side: 'SHORT',
    quantity: 10,
    entry: 3000,
    mark: 3100,
    mode: 'ISOLATED',
    leverage: 10,
    addedMargin: 0,
    stop: '',
    volatility: 0.75,
    funding: -0.0001,
  },
  {
    symbol: 'SOLUSDT',
    side: 'LONG',
    quantity: 100,
    entry: 150,
    mark: 140,
    mode: 'ISOLATED',
    leverage: 5,
    addedMargin: 200,
    stop: 130,
    volatility: 0.9,
    funding: '',
  },
];
export const RISK_PLAN_WALLET = 20000;
export const RISK_PLAN_HORIZON_DAYS = 7;

export const POSITION_COLUMNS = [
  'Symbol',
  'Side',
  'Quantity',
  'Entry price',
  'Mark price',
  'Mode',
  'Leverage',
  'Added margin',
  'Stop price',
  'Volatility',
  'Funding rate',
  'Liq. price',
  'Distance (from mark)',
  'Margin ratio',
  'Max loss',
  'Stop first',
  'Max safe lev.',
  'Loss at stop',
  'Stop chance',
  'Liq. chance',
  'Funding payments',
] as const;
/** Helper columns: the CROSS rows' inputs (blank for isolated rows) and their portfolio liquidation prices. */
export const HELPER_COLUMNS = [
  'Cross: side',
  'Cross: entry',
  'Cross: quantity',
  'Cross: mark',
  'Cross: symbol',
  'Cross: liq. price',
  'Not liquidated',
] as const;

type ColumnName = (typeof POSITION_COLUMNS)[number] | (typeof HELPER_COLUMNS)[number];

/** What a position row's cells refer to: its own cells by column (`$B9`, copyable to a new row), and the sheet's. */
interface RowRefs {
  readonly position: ExamplePosition;
  readonly cell: (name: ColumnName) => string;
  /** A cell of the row, plainly (`L9`): for the row's computed cells. */
  readonly at: (name: ColumnName) => string;
  /** The first position row, which holds the formulas that spill over every row. */
  readonly first: boolean;
  /** A column's range over every position row. */
  readonly range: (name: ColumnName) => string;
  readonly wallet: string;
  readonly horizon: string;
  readonly crossRatio: string;
  /** The row's `brackets` argument: its Symbol cell, or the spreadsheet's imported table of it (a named range). */
  readonly brackets: string;
}

/** One column of the positions table: its number format, its cell in each row, and a background for helpers. */
interface RowColumn {
  readonly format: string;
  readonly value: (row: RowRefs) => CellValue;
  readonly background?: string;
}

const HELPER_BACKGROUND = '#f8f9fa';

/**
 * A helper holding a column of the row on CROSS rows only, so that LIQ_PRICE_PORTFOLIO sees exactly the cross
 * positions.
 */
function crossOnly(source: ColumnName, format: string): RowColumn {
  return {
    format,
    background: HELPER_BACKGROUND,
    value: ({ cell }) => `=IF(${cell('Mode')}="CROSS", ${cell(source)}, "")`,
  };
}

/** The cross positions, as LIQ_PRICE_PORTFOLIO and CROSS_MARGIN_RATIO take them. */
function crossArguments(range: RowRefs['range'], wallet: string): string {
  return (
    `${range('Cross: side')}, ${range('Cross: entry')}, ${range('Cross: quantity')}, ${range('Cross: mark')}, ` +
    `${wallet}, ${range('Cross: symbol')}`
  );
}

/** Within the horizon, at the row's volatility. */
const withOdds = ({ cell, horizon }: RowRefs) => `AND(ISNUMBER(${cell('Volatility')}), ISNUMBER(${horizon}))`;

/** Every column of a position row, declared once: inputs from the position, the rest from this add-on's functions. */
const ROW: Readonly<Record<ColumnName, RowColumn>> = {
  Symbol: { format: FORMAT.text, value: ({ position }) => position.symbol },
  Side: { format: FORMAT.text, value: ({ position }) => position.side },
  Quantity: { format: FORMAT.quantity, value: ({ position }) => position.quantity },
  'Entry price': { format: FORMAT.price, value: ({ position }) => position.entry },
  'Mark price': { format: FORMAT.price, value: ({ position }) => position.mark },
  Mode: { format: FORMAT.text, value: ({ position }) => position.mode },
  Leverage: { format: FORMAT.leverage, value: ({ position }) => position.leverage },
  'Added margin': { format: FORMAT.usdt, value: ({ position }) => position.addedMargin },
  'Stop price': { format: FORMAT.price, value: ({ position }) => position.stop },
  Volatility: { format: FORMAT.percent, value: ({ position }) => position.volatility },
  'Funding rate': { format: FORMAT.fundingRate, value: ({ position }) => position.funding },
  'Liq. price': {
    format: FORMAT.price,
    value: ({ cell, at, brackets }) =>
      `=IF(${cell('Mode')}="CROSS", ${at('Cross: liq. price')}, ` +
      `LIQ_PRICE_ISOLATED(${cell('Side')}, ${cell('Entry price')}, ${cell('Quantity')}, ${cell('Leverage')}, ` +
      `${cell('Added margin')}, ${brackets}))`,
  },
  'Distance (from mark)': {
    format: FORMAT.percent,
    value: ({ cell, at }) => `=LIQ_DISTANCE(${cell('Side')}, ${cell('Mark price')}, ${at('Liq. price')})`,
  },
  'Margin ratio': {
    format: FORMAT.percent,
    value: ({ cell, crossRatio, brackets }) =>
      `=IF(${cell('Mode')}="CROSS", ${crossRatio}, MARGIN_RATIO(${cell('Side')}, ` +
      `${cell('Entry price')}, ${cell('Quantity')}, ${cell('Mark price')}, ISOLATED_MARGIN(${cell('Entry price')}, ` +
      `${cell('Quantity')}, ${cell('Leverage')}, ${cell('Added margin')}, ${brackets}), ${brackets}))`,
  },
  'Max loss': {
    format: FORMAT.usdt,
    value: ({ cell, wallet, brackets }) =>
      `=MAX_LOSS(${cell('Mode')}, ${cell('Side')}, ${cell('Entry price')}, ${cell('Quantity')}, ` +
      `${cell('Leverage')}, ${wallet}, ${cell('Added margin')}, ${cell('Stop price')}, ${brackets})`,
  },
  // Whether the stop fires before liquidation: LIQ_DISTANCE from the stop to the liquidation price is how far the
  // price may still move against the position past the stop (above 0: liquidation lies beyond it), with the side
  // read as the functions read it. NONE: nothing liquidates the position, so the stop fires first.
  'Stop first': {
    format: FORMAT.text,
    value: ({ cell, at }) =>
      `=IF(ISNUMBER(${cell('Stop price')}), IF(ISNUMBER(${at('Liq. price')}), ` +
      `IFERROR(IF(LIQ_DISTANCE(${cell('Side')}, ${cell('Stop price')}, ${at('Liq. price')})>0, "YES", "NO"), ""), ` +
      `IF(${at('Liq. price')}="NONE", "YES", "")), "")`,
  },
  'Max safe lev.': {
    format: FORMAT.leverage,
    value: ({ cell, brackets }) =>
      `=IF(AND(${cell('Mode')}="ISOLATED", ISNUMBER(${cell('Stop price')})), ` +
      `MAX_SAFE_LEVERAGE(${cell('Side')}, ${cell('Entry price')}, ${cell('Quantity')}, ${cell('Stop price')}, ` +
      `${brackets}), "")`,
  },
  'Loss at stop': {
    format: FORMAT.usdt,
    value: ({ cell }) =>
      `=IF(ISNUMBER(${cell('Stop price')}), ${cell('Quantity')}*ABS(${cell('Entry price')}-${cell('Stop price')}), "")`,
  },
  // Within the horizon, from the mark price: the stop's chance where it fires first (the position is then closed at
  // the stop, not liquidated), else the chance of liquidation in the row's mode.
  'Stop chance': {
    format: FORMAT.percent,
    value: (row) =>
      `=IF(AND(${row.at('Stop first')}="YES", ${withOdds(row)}), LIQ_PROBABILITY(${row.cell('Side')}, ` +
      `${row.cell('Mark price')}, ${row.cell('Stop price')}, ${row.cell('Volatility')}, ${row.horizon}), "")`,
  },
  'Liq. chance': {
    format: FORMAT.percent,
    value: (row) =>
      `=IF(${row.at('Stop first')}="YES", "stop first", IF(${withOdds(row)}, ` +
      `LIQ_PROBABILITY(${row.cell('Side')}, ${row.cell('Mark price')}, ${row.at('Liq. price')}, ` +
      `${row.cell('Volatility')}, ${row.horizon}), ""))`,
  },
  'Funding payments': {
    format: FORMAT.general,
    value: ({ cell, brackets }) =>
      `=IF(AND(${cell('Mode')}="ISOLATED", ISNUMBER(${cell('Funding rate')})), ` +
      `FUNDING_TO_LIQUIDATION(${cell('Side')}, ${cell('Entry price')}, ${cell('Quantity')}, ${cell('Leverage')}, ` +
      `${cell('Funding rate')}, ${cell('Added margin')}, ${brackets}), "")`,
  },
  'Cross: side': crossOnly('Side', FORMAT.text),
  'Cross: entry': crossOnly('Entry price', FORMAT.price),
  'Cross: quantity': crossOnly('Quantity', FORMAT.quantity),
  'Cross: mark': crossOnly('Mark price', FORMAT.price),
  'Cross: symbol': crossOnly('Symbol', FORMAT.text),
  'Cross: liq. price': {
    format: FORMAT.price,
    value: ({ first, range, wallet }) => (first ? `=LIQ_PRICE_PORTFOLIO(${crossArguments(range, wallet)})` : ''),
  },
  'Not liquidated': {
    format: FORMAT.percent,
    background: HELPER_BACKGROUND,
    value: ({ at }) => {
      const chance = at('Liq. chance');
      return `=IF(ISNUMBER(${chance}), 1-${chance}, "")`;
    },
  },
};

/**
 * Widths in pixels of Symbol (also the summary's labels), Side, Quantity, Entry, Mark, Mode, Leverage, Added
 * margin, Stop, Volatility, Funding, Liq. price and Distance; later columns keep the default.
 */
const RISK_PLAN_WIDTHS = [165, 80, 70, 80, 80, 80, 70, 65, 70, 65, 70, 80, 75];

/**
 * The risk-plan sheet: an account block, a positions table whose computed columns are this
 * add-on's functions (cross positions through LIQ_PRICE_PORTFOLIO, isolated ones through
 * LIQ_PRICE_ISOLATED), a summary, notes, and rows that turn amber and red near liquidation.
 * Pure: the cells, formats and rules, with the top-left cell at A1.
 */
export function planRiskPlan(
  positions: readonly ExamplePosition[] = RISK_PLAN_EXAMPLE,
  wallet = RISK_PLAN_WALLET,
  imported: ReadonlyMap<string, ImportedBrackets> = new Map(),
): GridPlan {
  const columns = POSITION_COLUMNS.length + HELPER_COLUMNS.length;
  const n = positions.length;
  const headerRow = 8; // sheet row of the positions header
  const first = headerRow + 1;
  const last = first + n - 1;
  const summaryRow = last + 3;
  const rows = summaryRow + 8; // the summary's title and seven lines
  const { values, numberFormats: formats, fontWeights: weights, backgrounds } = blankBlock(rows, columns);
  const set = (row: number, column: number, value: CellValue, format: string = FORMAT.general, weight = 'normal') => {
    values[row - 1][column - 1] = value;
    formats[row - 1][column - 1] = format;
    weights[row - 1][column - 1] = weight;
  };
  const allColumns: readonly ColumnName[] = [...POSITION_COLUMNS, ...HELPER_COLUMNS];
  const col = (name: ColumnName) => allColumns.indexOf(name) + 1;
  /** `$B9`: absolute column, relative row, so the row's formulas can be copied to a new row. */
  const ref = (name: ColumnName, row: number) => `$${a1(row, col(name))}`;
  const range = (name: ColumnName) => a1Range(first, col(name), n);
  const walletCell = a1(5, 2, true);
  const crossRatioCell = a1(summaryRow + 4, 2, true);
  const horizonCell = a1(5, 4, true);

  set(1, 1, 'Risk plan', FORMAT.text, 'bold');
  set(
    2,
    1,
    `Positions of one Binance USDS-M account, computed by Liquidation ` +
      `Planner (brackets: snapshot of ${SNAPSHOT_AS_OF}). Edit the white ` +
      `cells; everything else recalculates. To add a position, insert a row ` +
      `inside the table and copy a row's formulas into it.`,
    FORMAT.text,
  );
  set(4, 1, 'Account', FORMAT.text, 'bold');
  set(
    4,
    4,
    'The wallet balance backs every CROSS position; an ISOLATED position risks only its own margin.',
    FORMAT.text,
  );
  set(5, 1, 'Wallet balance (USDT)', FORMAT.text);
  set(5, 2, wallet, FORMAT.usdt);
  set(5, 3, 'Horizon', FORMAT.text);
  set(5, 4, RISK_PLAN_HORIZON_DAYS, FORMAT.days);
  set(6, 1, 'Brackets', FORMAT.text);
  set(6, 2, BUNDLED_SNAPSHOT, FORMAT.text);
  if (imported.size > 0)
    set(
      6,
      4,
      `Imported: ${[...imported].map(([symbol, b]) => `${symbol} (${b.rangeName}, as of ${b.asOf})`).join(', ')}, ` +
        'for the rows of those symbols; CROSS rows are solved together by LIQ_PRICE_PORTFOLIO on the bundled snapshot.',
      FORMAT.text,
    );
  set(7, 1, 'Positions', FORMAT.text, 'bold');
  set(
    7,
    4,
    'Liq. price: CROSS rows hold every other position at its mark price ' +
      '(LIQ_PRICE_PORTFOLIO); ISOLATED rows use their own margin. Distance ' +
      'is measured from the mark price. Stop first: whether the stop fires before liquidation; ' +
      'Max safe lev.: the highest leverage at which it still does (ISOLATED rows). Stop chance: the chance, ' +
      "within the horizon, from the mark price, at the row's volatility, that a stop that fires first is hit; " +
      'Liq. chance: the same for liquidation, where no stop comes first. Funding payments: how many payments at the ' +
      'funding rate (price unchanged) take an ISOLATED margin to maintenance. Grey columns feed the summary.',
    FORMAT.text,
  );
  allColumns.forEach((title, i) => {
    set(headerRow, i + 1, title, FORMAT.text, 'bold');
    backgrounds[headerRow - 1][i] = i < POSITION_COLUMNS.length ? '#e8eaed' : '#f1f3f4';
  });

  positions.forEach((position, k) => {
    const r = first + k;
    const refs: RowRefs = {
      position,
      cell: (name) => ref(name, r),
      at: (name) => a1(r, col(name)),
      first: k === 0,
      range,
      wallet: walletCell,
      horizon: horizonCell,
      crossRatio: crossRatioCell,
      brackets: imported.get(position.symbol)?.rangeName ?? ref('Symbol', r),
    };
    allColumns.forEach((name) => {
      const column = ROW[name];
      set(r, col(name), column.value(refs), column.format);
      if (column.background) backgrounds[r - 1][col(name) - 1] = column.background;
    });
  });
  const crossArgs = crossArguments(range, walletCell);

  const modes = range('Mode');
  const losses = range('Max loss');
  set(summaryRow, 1, 'Summary', FORMAT.text, 'bold');
  set(
    summaryRow,
    4,
    'Capital at risk: every ISOLATED margin, plus the whole wallet if any ' +
      'position is CROSS (or less, where stops cap the loss).',
    FORMAT.text,
  );
  set(summaryRow + 1, 1, 'Isolated: capital at risk', FORMAT.text);
  set(summaryRow + 1, 2, `=SUMIF(${modes}, "ISOLATED", ${losses})`, FORMAT.usdt);
  set(summaryRow + 2, 1, 'Cross: capital at risk', FORMAT.text);
  set(
    summaryRow + 2,
    2,
    `=IF(COUNTIF(${modes}, "CROSS")=0, 0, MIN(${walletCell}, SUMIF(${modes}, "CROSS", ${losses})))`,
    FORMAT.usdt,
  );
  set(summaryRow + 3, 1, 'Total capital at risk', FORMAT.text, 'bold');
  set(summaryRow + 3, 2, `=${a1(summaryRow + 1, 2)}+${a1(summaryRow + 2, 2)}`, FORMAT.usdt, 'bold');
  set(summaryRow + 4, 1, 'Cross margin ratio', FORMAT.text);
  set(summaryRow + 4, 2, `=IF(COUNTIF(${modes}, "CROSS")=0, "", CROSS_MARGIN_RATIO(${crossArgs}))`, FORMAT.percent);
  set(summaryRow + 6, 1, 'Loss if every stop fires', FORMAT.text);
  set(summaryRow + 6, 2, `=SUM(${range('Loss at stop')})`, FORMAT.usdt);
  set(
    summaryRow + 6,
    4,
    'Positions without a stop are not counted; a stop marked NO under Stop first is passed by liquidation and ' +
      'does not fire.',
    FORMAT.text,
  );
  set(summaryRow + 7, 1, 'Chance any liquidated', FORMAT.text);
  set(
    summaryRow + 7,
    2,
    `=IF(COUNT(${range('Not liquidated')})=0, "", 1-PRODUCT(${range('Not liquidated')}))`,
    FORMAT.percent,
  );
  set(
    summaryRow + 7,
    4,
    'Computed as if the positions moved independently: in a crash they move together, so the real chance is ' +
      'higher. Rows whose stop fires first are not counted (closed at the stop). Each chance assumes constant ' +
      'volatility and no jumps.',
    FORMAT.text,
  );
  set(summaryRow + 5, 1, 'Nearest liq. distance', FORMAT.text);
  set(
    summaryRow + 5,
    2,
    `=IF(COUNT(${range('Distance (from mark)')})=0, "NONE", MIN(${range('Distance (from mark)')}))`,
    FORMAT.percent,
  );
  set(
    summaryRow + 5,
    4,
    'Nearest liq. distance: of the position closest to liquidation, from its mark price.',
    FORMAT.text,
  );

  const distance = a1(first, col('Distance (from mark)')).replace(/^([A-Z]+)/, '$$$1');
  const rowsArea = [{ row: first - 1, column: 0, rows: n, columns: POSITION_COLUMNS.length }];
  return {
    rows,
    columns,
    values,
    numberFormats: formats,
    fontWeights: weights,
    backgrounds,
    rules: [
      {
        when: ['formula', `=AND(ISNUMBER(${distance}), ${distance}<${DISTANCE_BANDS.near})`],
        background: RISK_COLOURS.near,
        areas: rowsArea,
      },
      {
        when: ['formula', `=AND(ISNUMBER(${distance}), ${distance}<${DISTANCE_BANDS.close})`],
        background: RISK_COLOURS.close,
        areas: rowsArea,
      },
    ],
    tableFirstRow: first - 1,
    tableRows: n,
    headerRow: headerRow - 1,
    chart: null,
    firstInput: { row: 4, column: 1 }, // the wallet balance, B5
    footprintRows: rows,
    footprintColumns: columns,
    // Narrow inputs and a wrapped header, so that a laptop screen shows the liquidation prices and their
    // distances beside the summary (Sheets' default of 100 pixels a column puts them past the edge).
    sheetLayout: { columnWidths: RISK_PLAN_WIDTHS, wrappedRow: headerRow - 1 },
  };
}

/** Menu: a new sheet with the risk plan (a new sheet is always empty: nothing is overwritten). */
export function insertRiskPlan(env: SheetEnv): string {
  const imported = new Map(
    RISK_PLAN_EXAMPLE.flatMap((p) => {
      const table = importedTable(env, p.symbol);
      return table ? [[p.symbol, table] as const] : [];
    }),
  );
  return writePlanOnNewSheet(env, 'Risk plan', planRiskPlan(RISK_PLAN_EXAMPLE, RISK_PLAN_WALLET, imported)).getName();
}

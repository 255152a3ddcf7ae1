import { SNAPSHOT_AS_OF } from '../data/symbols';
import { a1, a1Range } from '../shared/a1';
import { type GridPlan, blankBlock } from './gridPlan';
import { FORMAT } from '../shared/formats';
import { DISTANCE_BANDS, RISK_COLOURS } from '../shared/risk';
import { writePlanOnNewSheet } from './gridWriter';
import type { CellValue, SheetEnv } from '../shared/sheetApi';

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
  const allColumns: readonly string[] = [...POSITION_COLUMNS, ...HELPER_COLUMNS];
  const col = (name: (typeof POSITION_COLUMNS)[number] | (typeof HELPER_COLUMNS)[number]) =>
    allColumns.indexOf(name) + 1;
  /** `$B9`: absolute column, relative row, so the row's formulas can be copied to a new row. */
  const ref = (name: Parameters<typeof col>[0], row: number) => `$${a1(row, col(name))}`;
  const range = (name: Parameters<typeof col>[0]) => a1Range(first, col(name), n);
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
  set(6, 1, 'Bracket snapshot', FORMAT.text);
  set(6, 2, SNAPSHOT_AS_OF, FORMAT.text);
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

  positions.forEach((p, k) => {
    const r = first + k;
    const inputs: [Parameters<typeof col>[0], CellValue, string][] = [
      ['Symbol', p.symbol, FORMAT.text],
      ['Side', p.side, FORMAT.text],
      ['Quantity', p.quantity, FORMAT.quantity],
      ['Entry price', p.entry, FORMAT.price],
      ['Mark price', p.mark, FORMAT.price],
      ['Mode', p.mode, FORMAT.text],
      ['Leverage', p.leverage, FORMAT.leverage],
      ['Added margin', p.addedMargin, FORMAT.usdt],
      ['Stop price', p.stop, FORMAT.price],
      ['Volatility', p.volatility, FORMAT.percent],
      ['Funding rate', p.funding, FORMAT.fundingRate],
    ];
    for (const [name, value, format] of inputs) set(r, col(name), value, format);
    const [symbol, side, quantity, entry, mark, mode, leverage, added, stop, volatility, funding] = inputs.map(
      ([name]) => ref(name, r),
    );
    // Cross inputs only on CROSS rows, so that LIQ_PRICE_PORTFOLIO sees exactly the cross positions.
    const helpers: [Parameters<typeof col>[0], string][] = [
      ['Cross: side', side],
      ['Cross: entry', entry],
      ['Cross: quantity', quantity],
      ['Cross: mark', mark],
      ['Cross: symbol', symbol],
    ];
    for (const [name, source] of helpers) {
      set(
        r,
        col(name),
        `=IF(${mode}="CROSS", ${source}, "")`,
        name === 'Cross: quantity'
          ? FORMAT.quantity
          : name === 'Cross: entry' || name === 'Cross: mark'
            ? FORMAT.price
            : FORMAT.text,
      );
      backgrounds[r - 1][col(name) - 1] = '#f8f9fa';
    }
    const liq = a1(r, col('Liq. price'));
    set(
      r,
      col('Liq. price'),
      `=IF(${mode}="CROSS", ${a1(r, col('Cross: liq. price'))}, ` +
        `LIQ_PRICE_ISOLATED(${side}, ${entry}, ${quantity}, ${leverage}, ` +
        `${added}, ${symbol}))`,
      FORMAT.price,
    );
    set(r, col('Distance (from mark)'), `=LIQ_DISTANCE(${side}, ${mark}, ${liq})`, FORMAT.percent);
    set(
      r,
      col('Margin ratio'),
      `=IF(${mode}="CROSS", ${crossRatioCell}, MARGIN_RATIO(${side}, ` +
        `${entry}, ${quantity}, ${mark}, ISOLATED_MARGIN(${entry}, ` +
        `${quantity}, ${leverage}, ${added}, ${symbol}), ${symbol}))`,
      FORMAT.percent,
    );
    set(
      r,
      col('Max loss'),
      `=MAX_LOSS(${mode}, ${side}, ${entry}, ${quantity}, ${leverage}, ${walletCell}, ${added}, ${stop}, ${symbol})`,
      FORMAT.usdt,
    );
    // Whether the stop fires before liquidation: it lies before the liquidation price in the losing
    // direction, or there is none. Plain arithmetic, so that no branch errs on a blank stop.
    const sign = `IF(OR(UPPER(${side})="SHORT", UPPER(${side})="SELL", ${side}=-1), -1, 1)`;
    set(
      r,
      col('Stop first'),
      `=IF(ISNUMBER(${stop}), IF(ISNUMBER(${liq}), IF((${stop}-${liq})*${sign}>0, "YES", "NO"), ` +
        `IF(${liq}="NONE", "YES", "")), "")`,
      FORMAT.text,
    );
    set(
      r,
      col('Max safe lev.'),
      `=IF(AND(${mode}="ISOLATED", ISNUMBER(${stop})), ` +
        `MAX_SAFE_LEVERAGE(${side}, ${entry}, ${quantity}, ${stop}, ${symbol}), "")`,
      FORMAT.leverage,
    );
    set(r, col('Loss at stop'), `=IF(ISNUMBER(${stop}), ${quantity}*ABS(${entry}-${stop}), "")`, FORMAT.usdt);
    // Within the horizon, from the mark price: the stop's chance where it fires first (the position is then
    // closed at the stop, not liquidated), else the chance of liquidation in the row's mode.
    const stopFirst = a1(r, col('Stop first'));
    const withOdds = `AND(ISNUMBER(${volatility}), ISNUMBER(${horizonCell}))`;
    set(
      r,
      col('Stop chance'),
      `=IF(AND(${stopFirst}="YES", ${withOdds}), LIQ_PROBABILITY(${side}, ${mark}, ${stop}, ${volatility}, ` +
        `${horizonCell}), "")`,
      FORMAT.percent,
    );
    const chance = a1(r, col('Liq. chance'));
    set(
      r,
      col('Liq. chance'),
      `=IF(${stopFirst}="YES", "stop first", IF(${withOdds}, ` +
        `LIQ_PROBABILITY(${side}, ${mark}, ${liq}, ${volatility}, ${horizonCell}), ""))`,
      FORMAT.percent,
    );
    set(
      r,
      col('Funding payments'),
      `=IF(AND(${mode}="ISOLATED", ISNUMBER(${funding})), ` +
        `FUNDING_TO_LIQUIDATION(${side}, ${entry}, ${quantity}, ${leverage}, ${funding}, ${added}, ${symbol}), "")`,
      FORMAT.general,
    );
    set(r, col('Not liquidated'), `=IF(ISNUMBER(${chance}), 1-${chance}, "")`, FORMAT.percent);
    backgrounds[r - 1][col('Not liquidated') - 1] = '#f8f9fa';
    for (const name of POSITION_COLUMNS.slice(POSITION_COLUMNS.indexOf('Liq. price'))) {
      backgrounds[r - 1][col(name) - 1] = null;
    }
  });
  const crossArgs =
    `${range('Cross: side')}, ${range('Cross: entry')}, ` +
    `${range('Cross: quantity')}, ${range('Cross: mark')}, ${walletCell}, ` +
    `${range('Cross: symbol')}`;
  set(first, col('Cross: liq. price'), `=LIQ_PRICE_PORTFOLIO(${crossArgs})`, FORMAT.price);
  for (let r = first + 1; r <= last; r++) formats[r - 1][col('Cross: liq. price') - 1] = FORMAT.price;

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
  return writePlanOnNewSheet(env, 'Risk plan', planRiskPlan()).getName();
}

import { COIN_SNAPSHOT_AS_OF, SNAPSHOT_AS_OF, resolveSymbol, snapshotMarket } from '../data/symbols';
import { a1, a1Range } from '../shared/a1';
import { type GridPlan, blankBlock } from './gridPlan';
import { FORMAT, amountFormat } from '../shared/formats';
import { DISTANCE_BANDS, RISK_COLOURS } from '../shared/risk';
import { writePlanOnNewSheet } from './gridWriter';
import type { CellValue, SheetEnv } from '../shared/sheetApi';
import type { ImportedBrackets } from '../shared/protocol';
import { importedTable } from './bracketImport';
import { STRESS_BLOCK_ROWS, STRESS_COLUMNS, planAccountStress } from './riskPlanStress';

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
  /** How far its price moves per unit of the market move (blank: 1). */
  beta: number | '';
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
    beta: 1,
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
    beta: 1.2,
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
    beta: 1.5,
  },
  {
    symbol: 'BTCUSD_PERP',
    side: 'SHORT',
    quantity: 500,
    entry: 61000,
    mark: 62000,
    mode: 'CROSS',
    leverage: 10,
    addedMargin: 0,
    stop: 66000,
    volatility: 0.6,
    funding: 0.0001,
    beta: 1,
  },
];
/** The example's cross wallets, one per margin asset: on Binance each margin asset is a wallet of its own. */
export const RISK_PLAN_WALLETS: Readonly<Record<string, number>> = { USDT: 8000, BTC: 0.5 };
export const RISK_PLAN_WALLET = RISK_PLAN_WALLETS.USDT;
export const RISK_PLAN_HORIZON_DAYS = 7;
/** The market's annual volatility for the account's chance of liquidation (the stress block). */
export const RISK_PLAN_MARKET_VOLATILITY = 0.6;

export const POSITION_COLUMNS = [
  'Symbol',
  'Asset',
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
  // An input of the stress block, after the columns a laptop screen must show.
  'Beta',
] as const;

/** Each margin asset's cross positions, as LIQ_PRICE_PORTFOLIO and CROSS_MARGIN_RATIO take them (blank elsewhere). */
const CROSS_HELPERS = [
  { part: 'side', source: 'Side', format: FORMAT.text },
  { part: 'entry', source: 'Entry price', format: FORMAT.price },
  { part: 'quantity', source: 'Quantity', format: FORMAT.quantity },
  { part: 'mark', source: 'Mark price', format: FORMAT.price },
  { part: 'symbol', source: 'Symbol', format: FORMAT.text },
] as const;

/**
 * Each USDS-M margin asset's positions as one account, as ACCOUNT_STRESS and ACCOUNT_LIQ_MOVE take them (blank on
 * other rows): `source` a column of the row, or (`margin`) its margin at its leverage.
 */
const ACCOUNT_HELPERS = [
  ...CROSS_HELPERS.slice(0, 4),
  { part: 'mode', source: 'Mode', format: FORMAT.text },
  { part: 'margin', source: null, format: FORMAT.usdt },
  { part: 'beta', source: 'Beta', format: FORMAT.general },
  CROSS_HELPERS[4],
] as const;

/**
 * The helper columns of a plan over these margin assets: per asset its cross inputs and prices; per USDS-M asset its
 * account; then one more.
 */
function helperColumns(assets: readonly string[], accounts: readonly string[]): string[] {
  return [
    ...assets.flatMap((asset) => [
      ...CROSS_HELPERS.map((h) => `Cross ${asset}: ${h.part}`),
      `Cross ${asset}: liq. price`,
    ]),
    ...accounts.flatMap((asset) => ACCOUNT_HELPERS.map((h) => `Account ${asset}: ${h.part}`)),
    'Mode and asset',
  ];
}

type PositionColumn = (typeof POSITION_COLUMNS)[number];

/** What a position row's cells refer to: its own cells by column (`$B9`, copyable to a new row), and the sheet's. */
interface RowRefs {
  readonly position: ExamplePosition;
  /** The row's margin asset as the example has it (its amounts' number format). */
  readonly asset: string;
  readonly cell: (name: string) => string;
  /** A cell of the row, plainly (`L9`): for the row's computed cells. */
  readonly at: (name: string) => string;
  /** The cross wallet of the row's asset (chosen by its Asset cell). */
  readonly wallet: string;
  readonly horizon: string;
  /** The margin assets with a wallet, each with its cells: the formulas that pick one by the Asset cell. */
  readonly assets: readonly string[];
  readonly crossRatioOf: (asset: string) => string;
  /** The row's `brackets` argument: its Symbol cell, or the spreadsheet's imported table of it (a named range). */
  readonly brackets: string;
}

/** One column of the positions table: its number format, its cell in each row. */
interface RowColumn {
  readonly format: (row: RowRefs) => string;
  readonly value: (row: RowRefs) => CellValue;
}

const HELPER_BACKGROUND = '#f8f9fa';

/** `IF(Asset="USDT", a, IF(Asset="BTC", b, "no … wallet"))`: the value of the row's margin asset. */
function byAsset(row: RowRefs, valueOf: (asset: string) => string): string {
  const asset = row.cell('Asset');
  return row.assets.reduceRight(
    (otherwise, a) => `IF(${asset}="${a}", ${valueOf(a)}, ${otherwise})`,
    `"no "&${asset}&" wallet"`,
  );
}

/** Within the horizon, at the row's volatility. */
const withOdds = ({ cell, horizon }: RowRefs) => `AND(ISNUMBER(${cell('Volatility')}), ISNUMBER(${horizon}))`;

const fixed = (format: string) => () => format;
const amount = ({ asset }: RowRefs) => amountFormat(asset);

/** Every column of a position row, declared once: inputs from the position, the rest from this add-on's functions. */
const ROW: Readonly<Record<PositionColumn, RowColumn>> = {
  Symbol: { format: fixed(FORMAT.text), value: ({ position }) => position.symbol },
  Asset: { format: fixed(FORMAT.text), value: ({ brackets }) => `=MARGIN_ASSET(${brackets})` },
  Side: { format: fixed(FORMAT.text), value: ({ position }) => position.side },
  Quantity: { format: fixed(FORMAT.quantity), value: ({ position }) => position.quantity },
  'Entry price': { format: fixed(FORMAT.price), value: ({ position }) => position.entry },
  'Mark price': { format: fixed(FORMAT.price), value: ({ position }) => position.mark },
  Mode: { format: fixed(FORMAT.text), value: ({ position }) => position.mode },
  Leverage: { format: fixed(FORMAT.leverage), value: ({ position }) => position.leverage },
  'Added margin': { format: amount, value: ({ position }) => position.addedMargin },
  'Stop price': { format: fixed(FORMAT.price), value: ({ position }) => position.stop },
  Volatility: { format: fixed(FORMAT.percent), value: ({ position }) => position.volatility },
  'Funding rate': { format: fixed(FORMAT.fundingRate), value: ({ position }) => position.funding },
  Beta: { format: fixed(FORMAT.general), value: ({ position }) => position.beta },
  'Liq. price': {
    format: fixed(FORMAT.price),
    value: (row) => {
      const { cell, brackets } = row;
      return (
        `=IF(${cell('Mode')}="CROSS", ${byAsset(row, (a) => row.at(`Cross ${a}: liq. price`))}, ` +
        `LIQ_PRICE_ISOLATED(${cell('Side')}, ${cell('Entry price')}, ${cell('Quantity')}, ${cell('Leverage')}, ` +
        `${cell('Added margin')}, ${brackets}))`
      );
    },
  },
  'Distance (from mark)': {
    format: fixed(FORMAT.percent),
    value: ({ cell, at }) => `=LIQ_DISTANCE(${cell('Side')}, ${cell('Mark price')}, ${at('Liq. price')})`,
  },
  'Margin ratio': {
    format: fixed(FORMAT.percent),
    value: (row) => {
      const { cell, brackets } = row;
      return (
        `=IF(${cell('Mode')}="CROSS", ${byAsset(row, row.crossRatioOf)}, MARGIN_RATIO(${cell('Side')}, ` +
        `${cell('Entry price')}, ${cell('Quantity')}, ${cell('Mark price')}, ISOLATED_MARGIN(${cell('Entry price')}, ` +
        `${cell('Quantity')}, ${cell('Leverage')}, ${cell('Added margin')}, ${brackets}), ${brackets}))`
      );
    },
  },
  'Max loss': {
    format: amount,
    value: ({ cell, wallet, brackets }) =>
      `=MAX_LOSS(${cell('Mode')}, ${cell('Side')}, ${cell('Entry price')}, ${cell('Quantity')}, ` +
      `${cell('Leverage')}, ${wallet}, ${cell('Added margin')}, ${cell('Stop price')}, ${brackets})`,
  },
  // Whether the stop fires before liquidation: LIQ_DISTANCE from the stop to the liquidation price is how far the
  // price may still move against the position past the stop (above 0: liquidation lies beyond it), with the side
  // read as the functions read it. NONE: nothing liquidates the position, so the stop fires first.
  'Stop first': {
    format: fixed(FORMAT.text),
    value: ({ cell, at }) =>
      `=IF(ISNUMBER(${cell('Stop price')}), IF(ISNUMBER(${at('Liq. price')}), ` +
      `IFERROR(IF(LIQ_DISTANCE(${cell('Side')}, ${cell('Stop price')}, ${at('Liq. price')})>0, "YES", "NO"), ""), ` +
      `IF(${at('Liq. price')}="NONE", "YES", "")), "")`,
  },
  'Max safe lev.': {
    format: fixed(FORMAT.leverage),
    value: ({ cell, brackets }) =>
      `=IF(AND(${cell('Mode')}="ISOLATED", ISNUMBER(${cell('Stop price')})), ` +
      `MAX_SAFE_LEVERAGE(${cell('Side')}, ${cell('Entry price')}, ${cell('Quantity')}, ${cell('Stop price')}, ` +
      `${brackets}), "")`,
  },
  // The PnL at the stop, in the market's own terms (a COIN-M position loses coins: Q·CS·|1/entry − 1/stop|).
  'Loss at stop': {
    format: amount,
    value: ({ cell, brackets }) =>
      `=IF(ISNUMBER(${cell('Stop price')}), ABS(PNL(${cell('Side')}, ${cell('Entry price')}, ${cell('Stop price')}, ` +
      `${cell('Quantity')}, ${brackets})), "")`,
  },
  // Within the horizon, from the mark price: the stop's chance where it fires first (the position is then closed at
  // the stop, not liquidated), else the chance of liquidation in the row's mode.
  'Stop chance': {
    format: fixed(FORMAT.percent),
    value: (row) =>
      `=IF(AND(${row.at('Stop first')}="YES", ${withOdds(row)}), LIQ_PROBABILITY(${row.cell('Side')}, ` +
      `${row.cell('Mark price')}, ${row.cell('Stop price')}, ${row.cell('Volatility')}, ${row.horizon}), "")`,
  },
  'Liq. chance': {
    format: fixed(FORMAT.percent),
    value: (row) =>
      `=IF(${row.at('Stop first')}="YES", "stop first", IF(${withOdds(row)}, ` +
      `LIQ_PROBABILITY(${row.cell('Side')}, ${row.cell('Mark price')}, ${row.at('Liq. price')}, ` +
      `${row.cell('Volatility')}, ${row.horizon}), ""))`,
  },
  'Funding payments': {
    format: fixed(FORMAT.general),
    value: ({ cell, brackets }) =>
      `=IF(AND(${cell('Mode')}="ISOLATED", ISNUMBER(${cell('Funding rate')})), ` +
      `FUNDING_TO_LIQUIDATION(${cell('Side')}, ${cell('Entry price')}, ${cell('Quantity')}, ${cell('Leverage')}, ` +
      `${cell('Funding rate')}, ${cell('Added margin')}, ${brackets}), "")`,
  },
};

/**
 * Widths in pixels of Symbol (also the summary's labels), Asset, Side, Quantity, Entry, Mark, Mode, Leverage, Added
 * margin, Stop, Volatility, Funding, Liq. price and Distance; later columns keep the default.
 */
const RISK_PLAN_WIDTHS = [165, 55, 60, 70, 80, 80, 70, 65, 70, 70, 65, 70, 80, 75];

/** The summary's lines, each with a value per margin asset. */
const SUMMARY_LINES = [
  'Isolated: capital at risk',
  'Cross: capital at risk',
  'Total capital at risk',
  'Cross margin ratio',
  'Loss if every stop fires',
] as const;

/** The margin asset of a position's market, as MARGIN_ASSET gives it (USDT for a name no snapshot knows). */
function assetOf(symbol: string): string {
  return resolveSymbol(symbol) === null ? 'USDT' : snapshotMarket(symbol).contract.marginAsset;
}

/**
 * The risk-plan sheet: an account block (a cross wallet per margin asset), a positions table whose computed columns
 * are this add-on's functions (each margin asset's cross positions through its own LIQ_PRICE_PORTFOLIO, isolated
 * ones through LIQ_PRICE_ISOLATED), a summary per margin asset (never adding BTC to USDT), notes, and rows that turn
 * amber and red near liquidation. Pure: the cells, formats and rules, with the top-left cell at A1.
 */
export function planRiskPlan(
  positions: readonly ExamplePosition[] = RISK_PLAN_EXAMPLE,
  wallets: Readonly<Record<string, number>> = RISK_PLAN_WALLETS,
  imported: ReadonlyMap<string, ImportedBrackets> = new Map(),
): GridPlan {
  const assets = [...new Set(positions.map((p) => assetOf(p.symbol)))];
  // The whole-account functions take USDS-M accounts: a stress block per dollar asset (USDT, USDC).
  const accounts = assets.filter((asset) => asset.startsWith('USD'));
  const helpers = helperColumns(assets, accounts);
  const allColumns: readonly string[] = [...POSITION_COLUMNS, ...helpers];
  const columns = Math.max(allColumns.length, accounts.length > 0 ? STRESS_COLUMNS : 0);
  const n = positions.length;
  const walletRow = 5; // the first asset's wallet; one row per asset
  const bracketsRow = walletRow + assets.length;
  const headerRow = bracketsRow + 2; // sheet row of the positions header
  const first = headerRow + 1;
  const last = first + n - 1;
  const summaryRow = last + 3;
  const stressTop = summaryRow + SUMMARY_LINES.length + 4; // the title, its lines, two for the whole book, a gap
  const rows = stressTop + accounts.length * (STRESS_BLOCK_ROWS + 1);
  const { values, numberFormats: formats, fontWeights: weights, backgrounds } = blankBlock(rows, columns);
  const set = (row: number, column: number, value: CellValue, format: string = FORMAT.general, weight = 'normal') => {
    values[row - 1][column - 1] = value;
    formats[row - 1][column - 1] = format;
    weights[row - 1][column - 1] = weight;
  };
  const col = (name: string) => allColumns.indexOf(name) + 1;
  /** `$B9`: absolute column, relative row, so the row's formulas can be copied to a new row. */
  const ref = (name: string, row: number) => `$${a1(row, col(name))}`;
  const range = (name: string) => a1Range(first, col(name), n);
  const walletOf = (asset: string) => a1(walletRow + assets.indexOf(asset), 2, true);
  const horizonCell = a1(5, 4, true);
  const marketVolatility = a1(5, 6, true);
  const summaryColumn = (asset: string) => 2 + assets.indexOf(asset);
  const crossRatioOf = (asset: string) => a1(summaryRow + 1 + 3, summaryColumn(asset), true);
  const crossArgs = (asset: string) =>
    CROSS_HELPERS.map((h) => range(`Cross ${asset}: ${h.part}`))
      .slice(0, 4)
      .join(', ') + `, ${walletOf(asset)}, ${range(`Cross ${asset}: symbol`)}`;

  set(1, 1, 'Risk plan', FORMAT.text, 'bold');
  set(
    2,
    1,
    `Positions of one Binance account, computed by Liquidation Planner (brackets: USDS-M snapshot of ` +
      `${SNAPSHOT_AS_OF}, COIN-M of ${COIN_SNAPSHOT_AS_OF}). Edit the white cells; everything else recalculates. ` +
      `To add a position, insert a row inside the table and copy a row's formulas into it.`,
    FORMAT.text,
  );
  set(4, 1, 'Account', FORMAT.text, 'bold');
  set(
    4,
    4,
    'Each margin asset is a wallet of its own (USDT, and the coin of each COIN-M market): its balance backs its ' +
      "CROSS positions; an ISOLATED position risks only its own margin. Amounts are in each row's asset.",
    FORMAT.text,
  );
  assets.forEach((asset, k) => {
    set(walletRow + k, 1, `Wallet balance (${asset})`, FORMAT.text);
    set(walletRow + k, 2, wallets[asset] ?? 0, amountFormat(asset));
  });
  set(5, 3, 'Horizon', FORMAT.text);
  set(5, 4, RISK_PLAN_HORIZON_DAYS, FORMAT.days);
  set(5, 5, 'Market vol.', FORMAT.text);
  set(5, 6, RISK_PLAN_MARKET_VOLATILITY, FORMAT.percent);
  set(bracketsRow, 1, 'Brackets', FORMAT.text);
  set(bracketsRow, 2, `bundled snapshots (${SNAPSHOT_AS_OF}; COIN-M ${COIN_SNAPSHOT_AS_OF})`, FORMAT.text);
  if (imported.size > 0)
    set(
      bracketsRow,
      4,
      `Imported: ${[...imported].map(([symbol, b]) => `${symbol} (${b.rangeName}, as of ${b.asOf})`).join(', ')}, ` +
        'for the rows of those symbols; CROSS rows are solved together by LIQ_PRICE_PORTFOLIO on the bundled snapshot.',
      FORMAT.text,
    );
  set(headerRow - 1, 1, 'Positions', FORMAT.text, 'bold');
  set(
    headerRow - 1,
    4,
    "Liq. price: CROSS rows hold every other position of their asset's wallet at its mark price " +
      '(LIQ_PRICE_PORTFOLIO); ISOLATED rows use their own margin. Distance is measured from the mark price. Stop ' +
      'first: whether the stop fires before liquidation; Max safe lev.: the highest leverage at which it still does ' +
      "(ISOLATED rows). Stop chance: the chance, within the horizon, from the mark price, at the row's volatility, " +
      'that a stop that fires first is hit; Liq. chance: the same for liquidation, where no stop comes first. ' +
      'Funding payments: how many payments at the funding rate (price unchanged) take an ISOLATED margin to ' +
      'maintenance. A COIN-M quantity is in contracts. Grey columns feed the summary.',
    FORMAT.text,
  );
  allColumns.forEach((title, i) => {
    set(headerRow, i + 1, title, FORMAT.text, 'bold');
    backgrounds[headerRow - 1][i] = i < POSITION_COLUMNS.length ? '#e8eaed' : '#f1f3f4';
  });

  positions.forEach((position, k) => {
    const r = first + k;
    const brackets = imported.get(position.symbol)?.rangeName ?? ref('Symbol', r);
    const partial: RowRefs = {
      position,
      asset: assetOf(position.symbol),
      cell: (name) => ref(name, r),
      at: (name) => a1(r, col(name)),
      wallet: '',
      horizon: horizonCell,
      assets,
      crossRatioOf,
      brackets,
    };
    const refs: RowRefs = { ...partial, wallet: byAsset(partial, walletOf) };
    POSITION_COLUMNS.forEach((name) => set(r, col(name), ROW[name].value(refs), ROW[name].format(refs)));
    const helper = (name: string, value: CellValue, format: string) => {
      set(r, col(name), value, format);
      backgrounds[r - 1][col(name) - 1] = HELPER_BACKGROUND;
    };
    for (const asset of assets) {
      const mine = `AND(${refs.cell('Mode')}="CROSS", ${refs.cell('Asset')}="${asset}")`;
      for (const h of CROSS_HELPERS)
        helper(`Cross ${asset}: ${h.part}`, `=IF(${mine}, ${refs.cell(h.source)}, "")`, h.format);
      helper(`Cross ${asset}: liq. price`, k === 0 ? `=LIQ_PRICE_PORTFOLIO(${crossArgs(asset)})` : '', FORMAT.price);
    }
    for (const asset of accounts) {
      const mine = `${refs.cell('Asset')}="${asset}"`;
      for (const h of ACCOUNT_HELPERS) {
        const name = `Account ${asset}: ${h.part}`;
        const value =
          h.source === null
            ? `ISOLATED_MARGIN(${refs.cell('Entry price')}, ${refs.cell('Quantity')}, ${refs.cell('Leverage')}, ` +
              `${refs.cell('Added margin')}, ${brackets})`
            : h.part === 'beta'
              ? `IF(${refs.cell('Beta')}="", 1, ${refs.cell('Beta')})`
              : refs.cell(h.source);
        helper(name, `=IF(${mine}, ${value}, "")`, h.format);
      }
    }
    helper('Mode and asset', `=${refs.cell('Mode')}&" "&${refs.cell('Asset')}`, FORMAT.text);
  });

  const rowAssets = range('Asset');
  const keys = range('Mode and asset');
  const losses = range('Max loss');
  // One column per margin asset: amounts are never added across assets.
  const noteColumn = 2 + assets.length + 1;
  set(summaryRow, 1, 'Summary', FORMAT.text, 'bold');
  set(
    summaryRow,
    noteColumn,
    'Capital at risk, per margin asset (never added across assets): every ISOLATED margin, plus the whole wallet ' +
      'if any position is CROSS (or less, where stops cap the loss).',
    FORMAT.text,
  );
  SUMMARY_LINES.forEach((label, k) => set(summaryRow + 1 + k, 1, label, FORMAT.text, k === 2 ? 'bold' : 'normal'));
  assets.forEach((asset, i) => {
    const column = summaryColumn(asset);
    const line = (k: number) => summaryRow + 1 + k;
    const money = amountFormat(asset);
    const crossRows = `COUNTIF(${keys}, "CROSS ${asset}")`;
    set(summaryRow, column, asset, FORMAT.text, 'bold');
    set(line(0), column, `=SUMIF(${keys}, "ISOLATED ${asset}", ${losses})`, money);
    set(
      line(1),
      column,
      `=IF(${crossRows}=0, 0, MIN(${walletOf(asset)}, SUMIF(${keys}, "CROSS ${asset}", ${losses})))`,
      money,
    );
    set(line(2), column, `=${a1(line(0), 2 + i)}+${a1(line(1), 2 + i)}`, money, 'bold');
    set(line(3), column, `=IF(${crossRows}=0, "", CROSS_MARGIN_RATIO(${crossArgs(asset)}))`, FORMAT.percent);
    set(line(4), column, `=SUMIF(${rowAssets}, "${asset}", ${range('Loss at stop')})`, money);
  });
  set(
    summaryRow + 5,
    noteColumn,
    'Positions without a stop are not counted; a stop marked NO under Stop first is passed by liquidation and ' +
      'does not fire.',
    FORMAT.text,
  );
  const nearest = summaryRow + SUMMARY_LINES.length + 1;
  set(nearest, 1, 'Nearest liq. distance', FORMAT.text);
  set(
    nearest,
    2,
    `=IF(COUNT(${range('Distance (from mark)')})=0, "NONE", MIN(${range('Distance (from mark)')}))`,
    FORMAT.percent,
  );
  set(
    nearest,
    noteColumn,
    'Nearest liq. distance: of the position closest to liquidation, from its mark price.',
    FORMAT.text,
  );
  // The whole account, per USDS-M asset: its stress block, and the chance that the market liquidates it.
  const blocks = accounts.map((asset, i) => {
    const top = stressTop + i * (STRESS_BLOCK_ROWS + 1);
    const part = (name: string) => range(`Account ${asset}: ${name}`);
    const block = planAccountStress(set, {
      asset,
      top,
      columns: {
        side: part('side'),
        entry: part('entry'),
        quantity: part('quantity'),
        mark: part('mark'),
        mode: part('mode'),
        margin: part('margin'),
        beta: part('beta'),
        symbol: part('symbol'),
        keys,
      },
      wallet: walletOf(asset),
      horizon: horizonCell,
      volatility: marketVolatility,
    });
    for (const { row, column } of block.shaded) backgrounds[row - 1][column - 1] = HELPER_BACKGROUND;
    return block;
  });
  set(nearest + 1, 1, 'Account liq. chance', FORMAT.text);
  accounts.forEach((asset, i) => set(nearest + 1, summaryColumn(asset), `=${blocks[i].chance}`, FORMAT.percent));
  set(
    nearest + 1,
    noteColumn,
    'Account liq. chance: within the horizon, that the market (at the market volatility, each price moving with ' +
      'its beta) makes a move that liquidates the cross account, from the stress block below. The positions of a ' +
      "book move together, so this is one chance for the account, not a product of the rows' chances as if they " +
      'moved independently (which overstates "at least one is liquidated" for positions that fall together and ' +
      'says nothing of the account). ISOLATED rows keep their own Liq. chance. COIN-M wallets are not stressed in ' +
      'this version.',
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
    charts: blocks.map((block) => block.chart),
    firstInput: { row: walletRow - 1, column: 1 }, // the first wallet balance
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
  return writePlanOnNewSheet(env, 'Risk plan', planRiskPlan(RISK_PLAN_EXAMPLE, RISK_PLAN_WALLETS, imported)).getName();
}

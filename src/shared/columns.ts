/** Column titles the functions write, declared once (the sheet grid and the tests use them too). */

/** LIQ_GRID: one row per leverage comparing isolated and cross. */
export const GRID_HEADER: readonly string[] = [
  'Leverage',
  'Isolated margin',
  'Isolated liq. price',
  'Isolated distance',
  'Isolated max loss',
  'Cross liq. price',
  'Cross distance',
  'Cross max loss',
];

/** LIQ_GRID's two columns of odds, after the others, when a volatility and a horizon are given. */
export const ODDS_HEADER: readonly string[] = ['Isolated liq. chance', 'Cross liq. chance'];

/** A bracket table's columns, in Binance's order: what BRACKETS writes and what a `brackets` range holds. */
export const BRACKET_COLUMNS: readonly string[] = ['floor', 'cap', 'maint_margin_rate', 'maint_amount', 'max_leverage'];

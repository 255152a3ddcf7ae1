import type { FunctionSpec } from './spec';
import * as liquidation from './families/liquidation';
import * as account from './families/account';
import * as tiers from './families/tiers';
import * as sizing from './families/sizing';
import * as odds from './families/odds';

/**
 * The order the README presents the functions in, by name. A function declared in a family file but not
 * listed here follows the listed ones, in its family's order: adding a function touches only its family file.
 */
export const README_ORDER = [
  'LIQ_PRICE_ISOLATED',
  'LIQ_PRICE_CROSS',
  'LIQ_PRICE_PORTFOLIO',
  'LIQ_PRICE_HEDGE',
  'MAX_LOSS',
  'MARGIN_TO_ADD',
  'MAINT_MARGIN',
  'MAX_LEVERAGE',
  'MARGIN_ASSET',
  'ISOLATED_MARGIN',
  'LIQ_DISTANCE',
  'MARGIN_RATIO',
  'CROSS_MARGIN_RATIO',
  'ACCOUNT_STRESS',
  'ACCOUNT_LIQ_MOVE',
  'LIQ_GRID',
  'BRACKETS',
  'PNL',
  'ROE',
  'TARGET_PRICE',
  'AVG_ENTRY_PRICE',
  'COST_TO_OPEN',
  'MAX_OPEN',
  'POSITION_SIZE',
  'MAX_SAFE_LEVERAGE',
  'LIQ_PROBABILITY',
  'LOSS_PROBABILITY',
  'ACCOUNT_LIQ_PROBABILITY',
  'VOLATILITY',
  'FUNDING_TO_LIQUIDATION',
];

/** Every function each family file exports, in family order. */
const DECLARED: readonly FunctionSpec[] = [liquidation, account, tiers, sizing, odds].flatMap((family) =>
  Object.values(family),
);

function readmePlace(spec: FunctionSpec): number {
  const place = README_ORDER.indexOf(spec.name);
  return place < 0 ? README_ORDER.length : place;
}

/**
 * Every sheet function, declared once in its family's file (liquidation, account, tiers, sizing, odds), in the
 * order the README presents them. From this list come argument parsing, broadcasting, result shapes and messages
 * (at run time), the top-level JSDoc wrappers in dist/Code.js and the README function reference (at build time).
 * Names and argument orders are public API: never change them.
 */
export const FUNCTIONS: readonly FunctionSpec[] = DECLARED.map((spec, i) => ({ spec, i }))
  .sort((a, b) => readmePlace(a.spec) - readmePlace(b.spec) || a.i - b.i)
  .map(({ spec }) => spec);

export function findFunction(name: string): FunctionSpec | undefined {
  return FUNCTIONS.find((spec) => spec.name === name);
}

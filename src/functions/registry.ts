import type { FunctionSpec } from './spec';
import {
  LIQ_PRICE_ISOLATED,
  LIQ_PRICE_CROSS,
  LIQ_PRICE_HEDGE,
  MAX_LOSS,
  MARGIN_TO_ADD,
  ISOLATED_MARGIN,
  LIQ_DISTANCE,
  MARGIN_RATIO,
  LIQ_GRID,
} from './families/liquidation';
import { LIQ_PRICE_PORTFOLIO, CROSS_MARGIN_RATIO } from './families/account';
import { MAINT_MARGIN, MAX_LEVERAGE, BRACKETS } from './families/tiers';
import {
  PNL,
  ROE,
  TARGET_PRICE,
  AVG_ENTRY_PRICE,
  COST_TO_OPEN,
  MAX_OPEN,
  POSITION_SIZE,
  MAX_SAFE_LEVERAGE,
} from './families/sizing';
import { LIQ_PROBABILITY, LOSS_PROBABILITY, VOLATILITY, FUNDING_TO_LIQUIDATION } from './families/odds';

/**
 * Every sheet function, declared once in its family's file (liquidation, account, tiers, sizing,
 * odds), listed here in the order the README presents them. From this list come argument parsing,
 * broadcasting, result shapes and messages (at run time), the top-level JSDoc wrappers in
 * dist/Code.js and the README function reference (at build time). Names and argument orders are
 * public API: never change them.
 */
export const FUNCTIONS: readonly FunctionSpec[] = [
  LIQ_PRICE_ISOLATED,
  LIQ_PRICE_CROSS,
  LIQ_PRICE_PORTFOLIO,
  LIQ_PRICE_HEDGE,
  MAX_LOSS,
  MARGIN_TO_ADD,
  MAINT_MARGIN,
  MAX_LEVERAGE,
  ISOLATED_MARGIN,
  LIQ_DISTANCE,
  MARGIN_RATIO,
  CROSS_MARGIN_RATIO,
  LIQ_GRID,
  BRACKETS,
  PNL,
  ROE,
  TARGET_PRICE,
  AVG_ENTRY_PRICE,
  COST_TO_OPEN,
  MAX_OPEN,
  POSITION_SIZE,
  MAX_SAFE_LEVERAGE,
  LIQ_PROBABILITY,
  LOSS_PROBABILITY,
  VOLATILITY,
  FUNDING_TO_LIQUIDATION,
];

export function findFunction(name: string): FunctionSpec | undefined {
  return FUNCTIONS.find((spec) => spec.name === name);
}

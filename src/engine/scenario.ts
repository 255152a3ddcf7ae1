import type { BracketTable } from './brackets';
import { Dec } from './decimal';
import { EngineError } from './errors';
import { isolatedMargin, type LiquidationOutcome } from './liquidation';
import { distanceToLiquidation, maxLoss } from './position';
import type { Side } from './side';
import { requirePositive } from './validate';

/**
 * How the size of a scenario is given: a quantity in the base asset, a position value in USDT,
 * or the margin committed ("I put 1,000 USDT in"), which makes the size grow with leverage.
 */
export type SizeMode = 'QUANTITY' | 'VALUE' | 'MARGIN';

export interface Scenario {
  readonly side: Side;
  readonly entryPrice: Dec;
  readonly sizeMode: SizeMode;
  readonly size: Dec;
  readonly walletBalance: Dec;
  readonly addedMargin?: Dec;
  readonly stopPrice?: Dec | null;
  readonly table: BracketTable;
}

/** One leverage of a cross-vs-isolated comparison. */
export interface LeverageComparison {
  readonly leverage: Dec;
  readonly quantity: Dec;
  /** Isolated margin: `entry·quantity/leverage + added margin`. */
  readonly margin: Dec;
  readonly isolated: ModeOutcome;
  readonly cross: ModeOutcome;
}

export interface ModeOutcome {
  readonly liquidation: LiquidationOutcome;
  /** Fraction of the entry price the price may move against the position; `null` if it cannot be liquidated. */
  readonly distance: Dec | null;
  readonly maxLoss: Dec;
  readonly maxLossCause: 'stop' | 'liquidation' | 'fallToZero';
}

/** The quantity of the scenario's position at a leverage. */
export function scenarioQuantity(scenario: Scenario, leverage: Dec): Dec {
  requirePositive('entryPrice', scenario.entryPrice);
  requirePositive(scenario.sizeMode === 'QUANTITY' ? 'quantity' : 'size', scenario.size);
  switch (scenario.sizeMode) {
    case 'QUANTITY':
      return scenario.size;
    case 'VALUE':
      return scenario.size.div(scenario.entryPrice);
    case 'MARGIN':
      return scenario.size.times(leverage).div(scenario.entryPrice);
  }
}

/**
 * Isolated vs cross for one leverage: margin, liquidation price, distance and maximum loss in
 * each mode. Throws an `EngineError` naming the argument when this leverage is not possible
 * (above the bracket maximum, more margin than the balance, already below maintenance…).
 */
export function compareLeverage(scenario: Scenario, leverage: Dec): LeverageComparison {
  const quantity = scenarioQuantity(scenario, leverage);
  const position = { ...scenario, quantity, leverage };
  const isolated = maxLoss({ ...position, mode: 'ISOLATED' });
  const cross = maxLoss({ ...position, mode: 'CROSS' });
  const distance = (outcome: LiquidationOutcome) =>
    outcome.kind === 'price' ? distanceToLiquidation(scenario.side, scenario.entryPrice, outcome.price) : null;
  return {
    leverage,
    quantity,
    margin: isolatedMargin(position),
    isolated: {
      liquidation: isolated.liquidation,
      distance: distance(isolated.liquidation),
      maxLoss: isolated.loss,
      maxLossCause: isolated.cause,
    },
    cross: {
      liquidation: cross.liquidation,
      distance: distance(cross.liquidation),
      maxLoss: cross.loss,
      maxLossCause: cross.cause,
    },
  };
}

/** The default leverages to compare, capped at the highest the bracket of the opening size allows. */
export function defaultLeverages(scenario: Scenario): Dec[] {
  const levels = [1, 2, 3, 5, 10, 20, 25, 50, 75, 100, 125].map((n) => new Dec(n));
  return levels.filter((leverage) => {
    try {
      const quantity = scenarioQuantity(scenario, leverage);
      const maximum = scenario.table.maxLeverageAt(quantity.times(scenario.entryPrice));
      return maximum === null || leverage.lte(maximum);
    } catch (error) {
      if (error instanceof EngineError) return false;
      throw error;
    }
  });
}

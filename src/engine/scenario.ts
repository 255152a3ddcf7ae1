import { notionalAt, pnlAt, quantityOfNotional, quantityOfQuoteValue, quoteValue } from './contract';
import type { Market } from './market';
import { Dec, ZERO } from './decimal';
import { EngineError, invalidValue } from './errors';
import { isolatedMargin, type LiquidationOutcome } from './liquidation';
import { distanceToLiquidation, maxLoss } from './position';
import type { Side } from './side';
import { requirePositive } from './validate';
import { positionSize, safeLeverage } from './sizing';

/**
 * How the size of a scenario is given: a quantity (in the base asset; COIN-M contracts), a position
 * value in the quote currency (USDT; COIN-M USD), the margin committed ("I put 1,000 USDT in"; COIN-M
 * coins), which makes the size grow with leverage, or the risk at the stop ("I accept to lose 300 USDT
 * at my stop"): quantity = risk / |PnL of one unit at the stop|.
 */
export type SizeMode = 'QUANTITY' | 'VALUE' | 'MARGIN' | 'RISK';

export interface Scenario {
  readonly side: Side;
  readonly entryPrice: Dec;
  readonly sizeMode: SizeMode;
  readonly size: Dec;
  readonly walletBalance: Dec;
  readonly addedMargin?: Dec;
  readonly stopPrice?: Dec | null;
  readonly market: Market;
}

/** One leverage of a cross-vs-isolated comparison. */
export interface LeverageComparison {
  readonly leverage: Dec;
  readonly quantity: Dec;
  /** Isolated margin: the notional at entry / leverage + added margin. */
  readonly margin: Dec;
  readonly isolated: ModeOutcome;
  readonly cross: ModeOutcome;
}

export interface ModeOutcome {
  readonly liquidation: LiquidationOutcome;
  /** Fraction of the entry price the price may move against the position; `null` if it cannot be liquidated. */
  readonly distance: Dec | null;
  readonly maxLoss: Dec;
  readonly maxLossCause: 'stop' | 'liquidation' | 'unbounded';
}

/** The quantity of the scenario's position at a leverage. */
export function scenarioQuantity(scenario: Scenario, leverage: Dec): Dec {
  return quantityFromSize(scenario, scenario.sizeMode, scenario.size, leverage);
}

/** What a size means in base-asset quantity, for a side, entry and stop, at a leverage. */
interface SizeContext {
  readonly side: Side;
  readonly entryPrice: Dec;
  readonly stopPrice?: Dec | null;
  readonly market: Market;
}

/** A size said in another mode (`convertSize`): from a mode and size, to a mode, at a leverage. */
export interface SizeConversion extends SizeContext {
  readonly from: SizeMode;
  readonly size: Dec;
  readonly to: SizeMode;
  readonly leverage: Dec;
}

/** The stop a size given as risk at the stop needs. */
function requireRiskStop(context: SizeContext): Dec {
  const stop = context.stopPrice ?? null;
  if (stop === null) {
    throw invalidValue(
      'stopPrice',
      '',
      (w) => `${w.name} is blank; expected ${w.expected} (the size is the risk at the stop).`,
    );
  }
  return stop;
}

function quantityFromSize(context: SizeContext, mode: SizeMode, size: Dec, leverage: Dec): Dec {
  const { entryPrice } = context;
  const contract = context.market.contract;
  requirePositive('entryPrice', entryPrice);
  requirePositive(mode === 'QUANTITY' ? 'quantity' : 'size', size);
  switch (mode) {
    case 'QUANTITY':
      return size;
    case 'VALUE':
      return quantityOfQuoteValue(contract, size, entryPrice);
    case 'MARGIN':
      return quantityOfNotional(contract, size.times(leverage), entryPrice);
    case 'RISK': {
      const stop = requireRiskStop(context);
      return positionSize({
        side: context.side,
        entryPrice,
        stopPrice: stop,
        riskAmount: size,
        market: context.market,
      });
    }
  }
}

/**
 * A size given in one mode, said in another for the same position (at `leverage`, which only a
 * margin-committed size depends on): 10,000 USDT of position value at 60,000 is 0.1667 BTC.
 */
export function convertSize(conversion: SizeConversion): Dec {
  const { from, size, to, leverage } = conversion;
  const context: SizeContext = conversion;
  const quantity = quantityFromSize(context, from, size, leverage);
  const contract = context.market.contract;
  switch (to) {
    case 'QUANTITY':
      return quantity;
    case 'VALUE':
      return quoteValue(contract, quantity, context.entryPrice);
    case 'MARGIN':
      return notionalAt(contract, quantity, context.entryPrice).div(leverage);
    case 'RISK': {
      const stop = requireRiskStop(context);
      return pnlAt(contract, context.side, quantity, context.entryPrice, stop).abs();
    }
  }
}

/**
 * With a stop: the highest whole leverage at which the isolated position is liquidated beyond
 * the stop, so the stop fires first (`null` without a stop, 0 if no leverage is safe).
 */
export function scenarioSafeLeverage(scenario: Scenario): Dec | null {
  const stop = scenario.stopPrice ?? null;
  if (stop === null) return null;
  return (
    safeLeverage({
      side: scenario.side,
      entryPrice: scenario.entryPrice,
      stopPrice: stop,
      market: scenario.market,
      quantityAt: (leverage) => scenarioQuantity(scenario, leverage),
    }) ?? ZERO
  );
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
    outcome.kind === 'price'
      ? distanceToLiquidation({ side: scenario.side, price: scenario.entryPrice, liquidationPrice: outcome.price })
      : null;
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

/** The leverages a comparison shows unless the user picks others: the classic steps up to Binance's 125×. */
export const DEFAULT_LEVERAGES: readonly number[] = [2, 5, 10, 20, 50, 100, 125];

/** The default leverages to compare, capped at the highest the bracket of the opening size allows. */
export function defaultLeverages(scenario: Scenario): Dec[] {
  const levels = DEFAULT_LEVERAGES.map((n) => new Dec(n));
  return levels.filter((leverage) => {
    try {
      const quantity = scenarioQuantity(scenario, leverage);
      const { contract, tiers } = scenario.market;
      const maximum = tiers.maxLeverageAt(notionalAt(contract, quantity, scenario.entryPrice));
      return maximum === null || leverage.lte(maximum);
    } catch (error) {
      if (error instanceof EngineError) return false;
      throw error;
    }
  });
}

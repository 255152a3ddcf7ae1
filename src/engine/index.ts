// The margin engine's public surface: pure functions of decimals, no Sheets, DOM or Node.
export { Dec, ZERO, ONE, dec, formatAmount, formatRate, toFloat } from './decimal';
export type { DecValue } from './decimal';
export { A_PRICE, EngineError, DEFAULT_WORDS, invalidValue } from './errors';
export type { EngineErrorCode, Field, FieldWords, FieldNames } from './errors';
export type { Side } from './side';
export { sideName } from './side';
export { BracketTable } from './brackets';
export type { Bracket, BracketRow } from './brackets';
export { binanceCoinMarket, binanceUsdsMarket, coinOf, isCoinMargined } from './market';
export type { Contract, Exchange, InverseContract, LinearContract, Market } from './market';
export {
  notionalAt,
  pnlAt,
  priceOfNotional,
  quantityOfNotional,
  quantityOfQuoteValue,
  quoteValue,
  unitOf,
} from './contract';
export {
  initialMargin,
  isolatedMargin,
  isolatedLiquidationPrice,
  crossLiquidationPrice,
  hedgeLiquidationPrices,
} from './liquidation';
export type { LiquidationOutcome, IsolatedPosition, CrossPosition, HedgePositions, HedgeOutcome } from './liquidation';
export {
  accountAtMark,
  checkPortfolioPosition,
  portfolioLiquidationPrices,
  positionAtMark,
  requirePositions,
} from './account';
export type { AtMark, PortfolioPosition } from './account';
export {
  unrealizedPnl,
  returnOnEquity,
  bankruptcyPrice,
  marginRatio,
  distanceToLiquidation,
  maxLoss,
  marginToAdd,
  belowMaintenanceError,
} from './position';
export type { MarginMode, MaxLossInput, MaxLoss, MarginToAddInput } from './position';
export { parseNumber, parseSide, parseMarginMode, describeCell, isDate } from './input';
export type { Within } from './input';
export { LIMIT_TOLERANCE, exceedsLimit, fallsShortOf } from './tolerance';
export { formatPair, requireAtLeastOne, requirePositive, requireNonNegative, requireFinite } from './validate';
export { solveSafeInterval, marginBalanceAt, maintenanceMarginAt } from './solver';
export type { Leg, MarginEquation, SafeInterval } from './solver';
export {
  costToOpen,
  maxOpenQuantity,
  maxSafeLeverage,
  positionSize,
  profitAndLoss,
  returnOnMargin,
  targetPrice,
} from './sizing';
export {
  annualVolatility,
  erfc,
  fundingPaymentsToLiquidation,
  lossProbability,
  normalCdf,
  requireVolatility,
  touchProbability,
  eitherTouchProbability,
} from './odds';
export type { FundingInput, LossInput, TouchInput } from './odds';
export {
  DEFAULT_LEVERAGES,
  compareLeverage,
  convertSize,
  scenarioQuantity,
  scenarioSafeLeverage,
  defaultLeverages,
} from './scenario';
export type { Scenario, SizeMode, LeverageComparison, ModeOutcome } from './scenario';
export { accountLiquidationMoves, accountUnderMoves, stressAccount } from './accountMove';
export type { Account, AccountMode, AccountPosition, StressOutcome } from './accountMove';

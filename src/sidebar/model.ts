import {
  A_PRICE,
  BracketTable,
  type BracketRow,
  binanceCoinMarket,
  binanceUsdsMarket,
  type Market,
  notionalAt,
  Dec,
  EngineError,
  type Field,
  type FieldNames,
  type FieldWords,
  type LeverageComparison,
  ONE,
  type Scenario,
  type SizeMode,
  DEFAULT_LEVERAGES,
  compareLeverage,
  convertSize,
  defaultLeverages,
  invalidValue,
  parseNumber,
  requireNonNegative,
  requirePositive,
  requireVolatility,
  scenarioQuantity,
  scenarioSafeLeverage,
  touchProbability,
  type ModeOutcome,
  isCoinMargined,
} from '../engine';
import { MAX_LEVERAGE_ROWS, type ScenarioRequest } from '../shared/protocol';
import { snapshotMarket } from '../data/symbols';
import type { ImportedBrackets } from '../shared/protocol';

/** The form's raw text, as typed. */
export interface FormInput {
  readonly symbol: string;
  readonly side: string;
  readonly entry: string;
  readonly sizeMode: string;
  readonly size: string;
  readonly wallet: string;
  readonly added: string;
  readonly stop: string;
  readonly leverages: string;
  /** Volatility a year as a fraction or a percentage ("0.6" or "60%"), and horizon in days: both for the odds. */
  readonly volatility: string;
  readonly horizon: string;
}

export type FieldName = keyof FormInput;

/** A leverage of the preview: its comparison, or why it is not possible. */
export type PreviewRow = LeverageComparison | { readonly leverage: Dec; readonly error: string };

/** What the form means: the scenario, one comparison per leverage, and a message per bad field. */
export interface FormModel {
  readonly errors: Partial<Record<FieldName, string>>;
  /** The symbol's market, once it reads (even while other fields are bad): its units label the form. */
  readonly market: Market | null;
  readonly scenario: Scenario | null;
  readonly leverages: readonly Dec[];
  readonly rows: readonly PreviewRow[];
  /** Volatility (a fraction a year) and horizon in days, when both are given: the odds are shown. */
  readonly odds: { readonly volatility: number; readonly horizonDays: number } | null;
  /**
   * With a stop: the highest whole leverage at which the stop fires before the isolated
   * liquidation (0 if at none); `null` without a stop or while the form is invalid.
   */
  readonly safeLeverage: Dec | null;
  /** The highest leverage the bracket of the size allows (at 1× for a margin-committed size). */
  readonly maxLeverage: {
    readonly leverage: Dec;
    readonly bracket: number;
    readonly floor: Dec;
    readonly cap: Dec;
  } | null;
  readonly request: ScenarioRequest | null;
}

/** What the form's numbers are counted in, for a market: USDS-M base asset and USDT; COIN-M contracts and coins. */
export interface Units {
  /** Margin, balances, PnL and losses: USDT, USDC, or the coin (BTC). */
  readonly amount: string;
  /** A position value: USDT or USDC; USD for COIN-M. */
  readonly value: string;
  /** A quantity: the base asset (BTC), or "contracts" (of `contractSize` USD). */
  readonly quantity: string;
  readonly inverse: boolean;
}

/** The units of a market; USDT and the base asset while the symbol is not read yet. */
export function unitsOf(market: Market | null): Units {
  if (market === null) return { amount: 'USDT', value: 'USDT', quantity: 'base asset', inverse: false };
  const { contract } = market;
  if (contract.kind === 'inverse') {
    const size = contract.contractSize.toString();
    return { amount: contract.marginAsset, value: 'USD', quantity: `contracts of ${size} USD`, inverse: true };
  }
  const base = (market.symbol ?? '').replace(/(USDT|USDC)(_\d+)?$/, '') || 'base asset';
  return { amount: contract.marginAsset, value: contract.marginAsset, quantity: base, inverse: false };
}

/** The form's own words for the engine's inputs, in the market's units: each message names the field to change. */
function wordsFor(units: Units, sizeMode: SizeMode): FieldNames {
  const size = sizeWords(units)[sizeMode];
  return {
    entryPrice: { name: 'Entry price', expected: A_PRICE },
    walletBalance: { name: 'Account balance', expected: `a balance of 0 or more ${units.amount}` },
    addedMargin: { name: 'Added margin', expected: `an added margin of 0 or more ${units.amount}` },
    stopPrice: { name: 'Stop price', expected: 'a stop price above 0' },
    leverage: { name: 'Leverage', expected: 'a leverage of 1 or more, such as 10 for 10×' },
    market: { name: 'Symbol', expected: 'a Binance symbol such as BTCUSDT or BTCUSD_PERP' },
    volatility: { name: 'Volatility', expected: 'an annual volatility above 0, such as 0.6 or 60% for 60 %' },
    horizonDays: { name: 'Horizon', expected: 'a number of days above 0, such as 7' },
    size,
    quantity: size,
  };
}

function sizeWords(units: Units): Record<SizeMode, FieldWords> {
  return {
    QUANTITY: {
      name: 'Size',
      expected: units.inverse ? 'a number of contracts above 0' : `a quantity above 0 in ${units.quantity}`,
    },
    VALUE: { name: 'Position value', expected: `a position value above 0 ${units.value}` },
    MARGIN: { name: 'Margin', expected: `a margin above 0 ${units.amount}` },
    RISK: { name: 'Risk at stop', expected: `a loss at the stop above 0 ${units.amount}` },
  };
}

/** Which form field an engine error is about, from the input it names. */
const FIELD_OF: Partial<Record<Field, FieldName>> = {
  leverage: 'leverages',
  walletBalance: 'wallet',
  addedMargin: 'added',
  stopPrice: 'stop',
  entryPrice: 'entry',
  market: 'symbol',
  volatility: 'volatility',
  horizonDays: 'horizon',
};

/** Reads and checks the form with the engine, in the words the sheet functions use. */
/**
 * The market of a symbol: the spreadsheet's imported table of it where the server found one (`imported`), else the
 * bundled snapshot's.
 */
export function formMarket(symbol: string, imported: ImportedBrackets | null): Market {
  if (imported === null) return snapshotMarket(symbol, 'market');
  const tiers = BracketTable.fromRows(imported.rows as unknown as BracketRow[], imported.symbol, 'market');
  if (isCoinMargined(imported.symbol))
    return binanceCoinMarket(tiers, imported.symbol, new Dec(imported.contractSize), imported.asOf, imported.source);
  return binanceUsdsMarket(tiers, imported.symbol, imported.asOf, imported.source);
}

export function readForm(input: FormInput, imported: ImportedBrackets | null = null): FormModel {
  const errors: Partial<Record<FieldName, string>> = {};
  const sizeMode = readSizeMode(input.sizeMode);
  let words = wordsFor(unitsOf(null), sizeMode);
  const report = (field: FieldName, error: unknown): string => {
    if (!(error instanceof EngineError)) throw error;
    const message = error.describe(words);
    errors[field] ??= message;
    return message;
  };
  const attempt = <T>(field: FieldName, read: () => T): T | null => {
    try {
      return read();
    } catch (error) {
      report(field, error);
      return null;
    }
  };
  const blankIsZero = (text: string) => (text.trim() === '' ? '0' : text);

  const market = attempt<Market>('symbol', () => formMarket(input.symbol, imported));
  words = wordsFor(unitsOf(market), sizeMode);
  const side = input.side === 'SHORT' ? -1 : 1;
  const entryPrice = attempt('entry', () => requirePositive('entryPrice', parseNumber('entryPrice', input.entry)));
  const size = attempt('size', () => requirePositive('size', parseNumber('size', input.size)));
  const walletBalance = attempt('wallet', () =>
    requireNonNegative('walletBalance', parseNumber('walletBalance', blankIsZero(input.wallet))),
  );
  const addedMargin = attempt('added', () =>
    requireNonNegative('addedMargin', parseNumber('addedMargin', blankIsZero(input.added))),
  );
  const stopPrice =
    input.stop.trim() === ''
      ? null
      : attempt('stop', () => requirePositive('stopPrice', parseNumber('stopPrice', input.stop)));

  // Volatility as in a sheet cell: a fraction a year (0.6) or a percentage (60%); a bare 60 is refused.
  const volatility =
    input.volatility.trim() === ''
      ? null
      : attempt('volatility', () => {
          const typed = input.volatility.trim();
          return requireVolatility(parseNumber('volatility', typed).toNumber(), JSON.stringify(typed));
        });
  const horizonDays =
    input.horizon.trim() === ''
      ? null
      : attempt('horizon', () => requirePositive('horizonDays', parseNumber('horizonDays', input.horizon)).toNumber());
  const odds = volatility !== null && horizonDays !== null ? { volatility, horizonDays } : null;

  const scenario: Scenario | null =
    market && entryPrice && size && walletBalance && addedMargin && (stopPrice !== null || input.stop.trim() === '')
      ? { side, entryPrice, sizeMode, size, walletBalance, addedMargin, stopPrice, market }
      : null;

  const leverageTexts = input.leverages.split(/[\s,;]+/).filter((t) => t !== '');
  const leverages = (attempt('leverages', () => {
    if (leverageTexts.length === 0)
      throw invalidValue('leverage', '', (w) => `${w.name} is blank; expected one or more leverages such as 2, 5, 10.`);
    if (leverageTexts.length > MAX_LEVERAGE_ROWS)
      throw invalidValue(
        'leverage',
        '',
        (w) => `${w.name}: ${leverageTexts.length} leverages is too many; expected at most ${MAX_LEVERAGE_ROWS}.`,
      );
    return leverageTexts.map((text) => parseNumber('leverage', text.replace(/[x×]$/i, '')));
  }) ?? []) as Dec[];

  const rows: PreviewRow[] = [];
  if (scenario && !errors.leverages) {
    for (const leverage of leverages) {
      try {
        rows.push(compareLeverage(scenario, leverage));
      } catch (error) {
        // The message names its input: show it at the field to change.
        const field = error instanceof EngineError ? (FIELD_OF[error.field] ?? 'size') : 'size';
        rows.push({ leverage, error: report(field, error) });
      }
    }
  }

  const maxLeverage = scenario ? maxLeverageAt(scenario) : null;
  const safeLeverage = scenario && rows.length > 0 ? unlessRefused(() => scenarioSafeLeverage(scenario)) : null;
  const valid = scenario !== null && Object.keys(errors).length === 0 && rows.every((row) => !('error' in row));
  return {
    errors,
    market,
    scenario,
    leverages,
    rows,
    odds,
    safeLeverage,
    maxLeverage,
    request: valid
      ? {
          symbol: market!.label,
          side: side === 1 ? 'LONG' : 'SHORT',
          entryPrice: entryPrice!.toNumber(),
          sizeMode,
          size: size!.toNumber(),
          walletBalance: walletBalance!.toNumber(),
          addedMargin: addedMargin!.toNumber(),
          stopPrice: stopPrice === null ? null : stopPrice.toNumber(),
          volatility: odds?.volatility ?? null,
          horizonDays: odds?.horizonDays ?? null,
          leverages: leverages.map((l) => l.toNumber()),
        }
      : null,
  };
}

/** How the form's "Size as" reads: position value unless it names another mode. */
export function readSizeMode(text: string): SizeMode {
  return text === 'QUANTITY' || text === 'MARGIN' || text === 'RISK' ? text : 'VALUE';
}

/** A mode's odds within the horizon: of the stop where it fires first, else of liquidation. */
export interface ModeChance {
  readonly chance: number;
  readonly event: 'stop' | 'liquidation';
}

/**
 * The chance, from the entry price, of what ends the position at its max loss in this mode: the stop
 * where it fires before liquidation, else the liquidation price (what the max loss beside it assumes).
 */
export function chanceOf(model: FormModel, outcome: ModeOutcome): ModeChance | null {
  if (!model.odds || !model.scenario) return null;
  const liquidation = outcome.liquidation;
  // The engine's max loss already says which comes first: the chance is that of touching its price.
  const stop = outcome.maxLossCause === 'stop' ? (model.scenario.stopPrice ?? null) : null;
  const barrier = stop ?? (liquidation.kind === 'price' ? liquidation.price : null);
  return {
    event: stop === null ? 'liquidation' : 'stop',
    chance: touchProbability({
      side: model.scenario.side,
      price: model.scenario.entryPrice.toNumber(),
      liquidationPrice: barrier === null ? null : barrier.toNumber(),
      volatility: model.odds.volatility,
      horizonDays: model.odds.horizonDays,
    }),
  };
}

/** What `read` gives, or `null` when the engine refuses the input (the field shows why already). */
function unlessRefused<T>(read: () => T): T | null {
  try {
    return read();
  } catch (error) {
    if (error instanceof EngineError) return null;
    throw error;
  }
}

/**
 * The size typed in one mode, said in another for the same position (a margin-committed size at the
 * first leverage listed), as text for the field, rounded as the unit deserves and never up: USDT to
 * the cent, a quantity to its step (so the converted position never needs more margin than the one
 * typed). `null` when the form does not say enough to convert.
 */
export function convertSizeText(model: FormModel, from: SizeMode, to: SizeMode): string | null {
  const scenario = model.scenario;
  if (!scenario || scenario.sizeMode !== from) return null;
  const leverage = model.leverages[0] ?? ONE;
  const size = unlessRefused(() => convertSize({ ...scenario, from, size: scenario.size, to, leverage }));
  if (size === null) return null;
  const units = unitsOf(scenario.market);
  // Whole contracts; a quantity to its step; a coin to the satoshi; dollars to the cent.
  const step =
    to === 'QUANTITY'
      ? units.inverse
        ? ONE
        : quantityStep(scenario.entryPrice)
      : to === 'VALUE' || units.amount.startsWith('USD')
        ? new Dec('0.01')
        : new Dec('1e-8');
  const rounded = size.div(step).floor().times(step);
  // A size smaller than one step keeps four significant digits rather than becoming 0.
  return (rounded.isZero() ? size.toSignificantDigits(4, Dec.ROUND_DOWN) : rounded).toFixed();
}

/**
 * The quantity step a converted size is rounded to: the largest power of ten worth at most 10 USDT at
 * the entry price (0.0001 BTC at 60,000, 0.001 ETH at 3,000, 10 DOGE at 0.15), as fine as or finer
 * than the exchanges' own steps (the snapshot does not carry them).
 */
export function quantityStep(entryPrice: Dec): Dec {
  return new Dec(10).pow(new Dec(10).div(entryPrice).log(10).floor());
}

function maxLeverageAt(scenario: Scenario): FormModel['maxLeverage'] {
  return unlessRefused(() => {
    // The size at 1× (a margin-committed size grows with leverage; its smallest is at 1×).
    const notional = notionalAt(scenario.market.contract, scenarioQuantity(scenario, ONE), scenario.entryPrice);
    const { index, bracket } = scenario.market.tiers.openingBracket(notional);
    return bracket.maxLeverage === null
      ? null
      : { leverage: bracket.maxLeverage, bracket: index + 1, floor: bracket.floor, cap: bracket.cap };
  });
}

/** The default leverage list for the scenario (capped at what its brackets allow), as text. */
export function defaultLeverageText(scenario: Scenario | null): string {
  const levels = scenario ? defaultLeverages(scenario).map((l) => l.toString()) : [];
  // Before the form says enough to know the brackets: the first steps, allowed everywhere.
  return (levels.length > 0 ? levels : DEFAULT_LEVERAGES.slice(0, 4).map(String)).join(', ');
}

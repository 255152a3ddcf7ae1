/** Why an input was refused; lets callers react without parsing the message. */
export type EngineErrorCode =
  'invalidValue' | 'invalidBrackets' | 'unknownSymbol' | 'aboveLastBracket' | 'leverageTooHigh' | 'belowMaintenance';

/**
 * The inputs the engine checks, by meaning. A caller names them in its own words (a sheet
 * function's parameter, a sidebar field) through a `FieldNames` table; the engine only knows
 * these keys and plain default words.
 */
export type Field =
  | 'side'
  | 'marginMode'
  | 'entryPrice'
  | 'exitPrice'
  | 'quantity'
  | 'leverage'
  | 'walletBalance'
  | 'addedMargin'
  | 'otherMaintMargin'
  | 'otherUnrealizedPnl'
  | 'stopPrice'
  | 'targetLiqPrice'
  | 'notional'
  | 'price'
  | 'liqPrice'
  | 'markPrice'
  | 'margin'
  | 'longQuantity'
  | 'longEntry'
  | 'shortQuantity'
  | 'shortEntry'
  | 'market'
  | 'size'
  | 'targetRoe'
  | 'orderPrice'
  | 'availableBalance'
  | 'riskAmount'
  | 'prices'
  | 'volatility'
  | 'horizonDays'
  | 'drift'
  | 'periodsPerYear'
  | 'fundingRate'
  | 'beta'
  | 'isolatedMargin'
  | 'move'
  | 'fallMove'
  | 'riseMove';

/** How one input is called and what a good value looks like, for messages. */
export interface FieldWords {
  readonly name: string;
  readonly expected: string;
}

export type FieldNames = Partial<Record<Field, FieldWords>>;

/** What a good price looks like, in every message about one (the sheet's, the sidebar's, the engine's). */
export const A_PRICE = 'a price above 0';

/** Plain words for callers that bring no table of their own. */
export const DEFAULT_WORDS: Readonly<Record<Field, FieldWords>> = {
  side: { name: 'side', expected: 'LONG or SHORT' },
  marginMode: { name: 'margin mode', expected: 'ISOLATED or CROSS' },
  entryPrice: { name: 'entry price', expected: A_PRICE },
  exitPrice: { name: 'exit price', expected: A_PRICE },
  quantity: { name: 'quantity', expected: 'a quantity above 0 in the base asset' },
  leverage: { name: 'leverage', expected: 'a leverage of 1 or more' },
  walletBalance: { name: 'wallet balance', expected: 'a balance of 0 or more' },
  addedMargin: { name: 'added margin', expected: 'an amount of 0 or more' },
  otherMaintMargin: { name: 'other maintenance margin', expected: 'an amount of 0 or more' },
  otherUnrealizedPnl: { name: 'other unrealized PnL', expected: 'an amount' },
  stopPrice: { name: 'stop price', expected: A_PRICE },
  targetLiqPrice: { name: 'target liquidation price', expected: A_PRICE },
  notional: { name: 'notional', expected: 'a notional of 0 or more' },
  price: { name: 'price', expected: A_PRICE },
  liqPrice: { name: 'liquidation price', expected: A_PRICE },
  markPrice: { name: 'mark price', expected: A_PRICE },
  margin: { name: 'margin', expected: 'an amount of 0 or more' },
  longQuantity: { name: 'long quantity', expected: 'a quantity of 0 or more' },
  longEntry: { name: 'long entry price', expected: A_PRICE },
  shortQuantity: { name: 'short quantity', expected: 'a quantity of 0 or more' },
  shortEntry: { name: 'short entry price', expected: A_PRICE },
  market: { name: 'brackets', expected: 'a symbol, a bracket table or a flat rate' },
  size: { name: 'size', expected: 'a size above 0' },
  targetRoe: { name: 'target ROE', expected: 'a fraction such as 0.5 for 50 %' },
  orderPrice: { name: 'order price', expected: A_PRICE },
  availableBalance: { name: 'available balance', expected: 'a balance of 0 or more' },
  riskAmount: { name: 'risk amount', expected: 'an amount above 0' },
  prices: { name: 'prices', expected: 'prices above 0' },
  volatility: { name: 'volatility', expected: 'an annual volatility above 0, such as 0.6' },
  horizonDays: { name: 'horizon', expected: 'a number of days above 0' },
  drift: { name: 'drift', expected: 'an annual drift such as 0' },
  periodsPerYear: { name: 'periods per year', expected: 'a number of periods above 0' },
  fundingRate: { name: 'funding rate', expected: 'a rate per payment such as 0.0001' },
  beta: { name: 'beta', expected: 'a beta of 0 or more, such as 1' },
  isolatedMargin: { name: 'isolated margin', expected: 'a margin of 0 or more' },
  move: { name: 'move', expected: 'a market move as a fraction, such as -0.1 for a fall of 10 %' },
  fallMove: { name: 'fall', expected: 'a market move between -1 and 0, such as -0.18, or NONE' },
  riseMove: { name: 'rise', expected: 'a market move above 0, such as 0.41, or NONE' },
};

/** Builds the message from the words of the input it is about. */
export type MessageTemplate = (words: FieldWords) => string;

/**
 * An input the engine refuses. `field` is the input it is about, `value` the offending value;
 * the message says what is expected in words a trader understands. `message` uses the plain
 * default words; `describe` renders it with a caller's own names for its inputs.
 */
export class EngineError extends Error {
  override readonly name = 'EngineError';
  constructor(
    readonly code: EngineErrorCode,
    readonly field: Field,
    readonly value: unknown,
    readonly template: MessageTemplate,
  ) {
    super(template(DEFAULT_WORDS[field]));
  }

  /** The message in the caller's words; `where` follows the name (" (row 3)"). */
  describe(names: FieldNames, where = ''): string {
    const words = names[this.field] ?? DEFAULT_WORDS[this.field];
    return this.template(where === '' ? words : { name: words.name + where, expected: words.expected });
  }
}

/** Shorthand for the most common refusal. */
export function invalidValue(field: Field, value: unknown, template: MessageTemplate): EngineError {
  return new EngineError('invalidValue', field, value, template);
}

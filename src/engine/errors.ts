/** Why an input was refused; lets callers react without parsing the message. */
export type EngineErrorCode =
  | 'invalidValue'
  | 'invalidBrackets'
  | 'unknownSymbol'
  | 'aboveLastBracket'
  | 'leverageTooHigh'
  | 'belowMaintenance';

/**
 * An input the engine refuses. `field` is the argument name as the sheet functions spell it
 * (`entry_price`, `leverage`, …), `value` the offending value, and the message says what is
 * expected in words a trader understands.
 */
export class EngineError extends Error {
  override readonly name = 'EngineError';
  constructor(
    readonly code: EngineErrorCode,
    readonly field: string,
    readonly value: unknown,
    message: string,
  ) {
    super(message);
  }
}

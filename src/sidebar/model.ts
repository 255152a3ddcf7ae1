import { type BracketTable, type Dec, EngineError, type LeverageComparison, ONE, type Scenario, type SizeMode, compareLeverage, defaultLeverages, parseNumber, requireNonNegative, requirePositive, scenarioQuantity } from '../engine';
import { snapshotTable } from '../data/symbols';

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
}

export type FieldName = keyof FormInput;

/** A leverage of the preview: its comparison, or why it is not possible. */
export type PreviewRow = LeverageComparison | { readonly leverage: Dec; readonly error: string };

/** What the form means: the scenario, one comparison per leverage, and a message per bad field. */
export interface FormModel {
  readonly errors: Partial<Record<FieldName, string>>;
  readonly scenario: Scenario | null;
  readonly leverages: readonly Dec[];
  readonly rows: readonly PreviewRow[];
  /** The highest leverage the bracket of the size allows (at 1× for a margin-committed size). */
  readonly maxLeverage: { readonly leverage: Dec; readonly bracket: number; readonly floor: Dec; readonly cap: Dec } | null;
  readonly request: {
    symbol: string;
    side: 'LONG' | 'SHORT';
    entryPrice: number;
    sizeMode: SizeMode;
    size: number;
    walletBalance: number;
    addedMargin: number;
    stopPrice: number | null;
    leverages: number[];
  } | null;
}

const SIZE_FIELD: Record<SizeMode, { name: string; expected: string }> = {
  QUANTITY: { name: 'quantity', expected: 'a quantity above 0 in the base asset (BTC for BTCUSDT)' },
  VALUE: { name: 'position value', expected: 'a position value above 0 USDT' },
  MARGIN: { name: 'margin', expected: 'a margin above 0 USDT' },
};

/** Which form field an engine error is about, from the argument it names. */
function fieldOf(error: EngineError): FieldName {
  const field = error.field;
  if (field === 'leverage') return 'leverages';
  if (field === 'wallet_balance') return 'wallet';
  if (field === 'added_margin') return 'added';
  if (field === 'stop_price') return 'stop';
  if (field === 'entry_price') return 'entry';
  return 'size';
}

/** Reads and checks the form with the engine, in the words the sheet functions use. */
export function readForm(input: FormInput): FormModel {
  const errors: Partial<Record<FieldName, string>> = {};
  const attempt = <T>(field: FieldName, read: () => T): T | null => {
    try {
      return read();
    } catch (error) {
      if (!(error instanceof EngineError)) throw error;
      errors[field] ??= error.message;
      return null;
    }
  };
  const blankIsZero = (text: string) => (text.trim() === '' ? '0' : text);

  const table = attempt<BracketTable>('symbol', () => snapshotTable(input.symbol, 'symbol'));
  const side = input.side === 'SHORT' ? -1 : 1;
  const sizeMode: SizeMode = input.sizeMode === 'QUANTITY' || input.sizeMode === 'MARGIN' ? input.sizeMode : 'VALUE';
  const entryPrice = attempt('entry', () => positiveAmount('entry_price', input.entry, 'a price above 0'));
  const sizeField = SIZE_FIELD[sizeMode];
  const size = attempt('size', () => positiveAmount(sizeField.name, input.size, sizeField.expected));
  const walletBalance = attempt('wallet', () => nonNegativeAmount('wallet_balance', blankIsZero(input.wallet), 'a wallet balance of 0 or more USDT'));
  const addedMargin = attempt('added', () => nonNegativeAmount('added_margin', blankIsZero(input.added), 'an added margin of 0 or more USDT'));
  const stopPrice = input.stop.trim() === '' ? null : attempt('stop', () => positiveAmount('stop_price', input.stop, 'a stop price above 0'));

  const scenario: Scenario | null =
    table && entryPrice && size && walletBalance && addedMargin && (stopPrice !== null || input.stop.trim() === '')
      ? { side, entryPrice, sizeMode, size, walletBalance, addedMargin, stopPrice, table }
      : null;

  const leverageTexts = input.leverages.split(/[\s,;]+/).filter((t) => t !== '');
  const leverages = (attempt('leverages', () => {
    if (leverageTexts.length === 0) throw new EngineError('invalidValue', 'leverage', '', 'leverage is blank; expected one or more leverages such as 2, 5, 10.');
    if (leverageTexts.length > 40) throw new EngineError('invalidValue', 'leverage', '', `leverage: ${leverageTexts.length} leverages is too many; expected at most 40.`);
    return leverageTexts.map((text) => parseNumber('leverage', text.replace(/[x×]$/i, ''), 'a leverage of 1 or more, such as 10 for 10×'));
  }) ?? []) as Dec[];

  const rows: PreviewRow[] = [];
  if (scenario && !errors.leverages) {
    for (const leverage of leverages) {
      try {
        rows.push(compareLeverage(scenario, leverage));
      } catch (error) {
        if (!(error instanceof EngineError)) throw error;
        // The message names its argument: show it at the field to change.
        errors[fieldOf(error)] ??= error.message;
        rows.push({ leverage, error: error.message });
      }
    }
  }

  const maxLeverage = scenario ? maxLeverageAt(scenario) : null;
  const valid = scenario !== null && Object.keys(errors).length === 0 && rows.every((row) => !('error' in row));
  return {
    errors,
    scenario,
    leverages,
    rows,
    maxLeverage,
    request: valid
      ? {
          symbol: table!.label,
          side: side === 1 ? 'LONG' : 'SHORT',
          entryPrice: entryPrice!.toNumber(),
          sizeMode,
          size: size!.toNumber(),
          walletBalance: walletBalance!.toNumber(),
          addedMargin: addedMargin!.toNumber(),
          stopPrice: stopPrice === null ? null : stopPrice.toNumber(),
          leverages: leverages.map((l) => l.toNumber()),
        }
      : null,
  };
}

/** A typed amount that must be above 0 / at least 0, checked with the sheet functions' words. */
const positiveAmount = (name: string, text: string, expected: string): Dec => requirePositive(name, parseNumber(name, text, expected), expected);
const nonNegativeAmount = (name: string, text: string, expected: string): Dec => requireNonNegative(name, parseNumber(name, text, expected), expected);

function maxLeverageAt(scenario: Scenario): FormModel['maxLeverage'] {
  try {
    // The size at 1× (a margin-committed size grows with leverage; its smallest is at 1×).
    const notional = scenarioQuantity(scenario, ONE).times(scenario.entryPrice);
    const index = scenario.table.indexAt(notional, 'position notional');
    const bracket = scenario.table.brackets[index];
    return bracket.maxLeverage === null ? null : { leverage: bracket.maxLeverage, bracket: index + 1, floor: bracket.floor, cap: bracket.cap };
  } catch (error) {
    if (error instanceof EngineError) return null;
    throw error;
  }
}

/** The default leverage list for the scenario (capped at what its brackets allow), as text. */
export function defaultLeverageText(scenario: Scenario | null): string {
  const levels = scenario ? defaultLeverages(scenario).filter((l) => [2, 5, 10, 20, 50, 100, 125].includes(l.toNumber())) : [];
  return (levels.length > 0 ? levels.map((l) => l.toString()) : ['2', '5', '10', '20']).join(', ');
}

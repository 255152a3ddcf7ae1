import { Dec, DecValue, ZERO, approxNumber, dec, decimalsFor, formatAmount, formatRate } from './decimal';
import { EngineError, type Field } from './errors';
import { exceedsLimit } from './tolerance';

/**
 * One leverage bracket: positions whose notional N satisfies `floor ≤ N < cap` need maintenance
 * margin `N·mmr − cum` and may use at most `maxLeverage`.
 */
export interface Bracket {
  readonly floor: Dec;
  /** Exclusive upper bound; `Infinity` only for a flat-rate table. */
  readonly cap: Dec;
  readonly mmr: Dec;
  readonly cum: Dec;
  /** `null` for a flat-rate table, which states no leverage limit. */
  readonly maxLeverage: Dec | null;
}

/** A bracket row as numbers (or numeric strings / decimals), in Binance's column order. */
export type BracketRow = readonly [
  floor: DecValue,
  cap: DecValue,
  maintMarginRate: DecValue,
  maintAmount: DecValue,
  maxLeverage: DecValue,
];

/** A float guess this far under (over) a positive floor is surely under it (at or over it). */
const SURELY_BELOW = 1 - 1e-12;
const SURELY_ABOVE = 1 + 1e-12;

/** The absolute slack allowed between a table's `cum` and the one its recurrence gives. */
const CUM_TOLERANCE_ABSOLUTE = new Dec('0.01');
/** The relative slack, for tables whose amounts run into the billions. */
const CUM_TOLERANCE_RELATIVE = new Dec('1e-9');

/**
 * A validated, ordered bracket table (a Binance leverage schedule, a user's own table, or one
 * flat rate). Float copies of the numbers are kept for fast bracket guessing; every answer is
 * then computed and checked in `Dec`.
 */
export class BracketTable {
  /** Float copies, used only to guess a bracket quickly; never for an answer. */
  readonly floorsF: readonly number[];
  readonly capsF: readonly number[];
  readonly mmrsF: readonly number[];
  readonly cumsF: readonly number[];
  /**
   * Per bracket, exact: `1 − mmr` and `1 + mmr`, the slopes of a long's and a short's margin condition per unit of
   * quantity.
   */
  readonly longSlopes: readonly Dec[];
  readonly shortSlopes: readonly Dec[];

  private constructor(
    readonly brackets: readonly Bracket[],
    /** How the table is named in messages: a symbol, "your bracket table", "a flat 0.5 % rate". */
    readonly label: string,
    /** The asset its notionals, caps and maintenance amounts are in (USDT, USDC, or the coin of a COIN-M market). */
    readonly unit = 'USDT',
  ) {
    this.floorsF = brackets.map((b) => b.floor.toNumber());
    this.capsF = brackets.map((b) => b.cap.toNumber());
    this.mmrsF = brackets.map((b) => b.mmr.toNumber());
    this.cumsF = brackets.map((b) => b.cum.toNumber());
    this.longSlopes = brackets.map((b) => new Dec(1).minus(b.mmr));
    this.shortSlopes = brackets.map((b) => new Dec(1).plus(b.mmr));
  }

  /**
   * A table from rows `[floor, cap, mmr, cum, maxLeverage]`, validated (see `validateRows`). `exactAmounts`: each
   * `cum` must follow the recurrence within 1e-9 relative, with no 0.01 of slack (an exchange's table, as imported).
   */
  static fromRows(
    rows: readonly BracketRow[],
    label: string,
    field: Field = 'market',
    exactAmounts = false,
  ): BracketTable {
    return new BracketTable(
      validateRows(rows, label, field, exactAmounts ? CUM_TOLERANCE_RELATIVE : CUM_TOLERANCE_ABSOLUTE),
      label,
    );
  }

  /** The same tiers with their amounts in `unit` (a market sets the unit of its contract's margin asset). */
  withUnit(unit: string): BracketTable {
    return unit === this.unit ? this : new BracketTable(this.brackets, this.label, unit);
  }

  /** One flat maintenance margin rate with no maintenance amount, no cap and no leverage limit. */
  static flatRate(rate: DecValue, field: Field = 'market'): BracketTable {
    const mmr = checkRate(dec(rate), field, 'a flat maintenance margin rate');
    const bracket: Bracket = { floor: ZERO, cap: new Dec(Infinity), mmr, cum: ZERO, maxLeverage: null };
    return new BracketTable([bracket], `a flat ${formatRate(mmr)} maintenance rate`);
  }

  /** Cap of the last bracket: no position may be opened at or above it. */
  get lastCap(): Dec {
    return this.brackets[this.brackets.length - 1].cap;
  }

  /**
   * Index of the bracket holding `notional` (`floor ≤ N < cap`). A notional at or past the last
   * cap stays in the last bracket: a position is only refused when it is *opened* that large
   * (`requireOpenable`); its notional at a liquidation or mark price may pass the cap.
   */
  indexAt(notional: Dec): number {
    const brackets = this.brackets;
    const floors = this.floorsF;
    // A float guess (off by about 1e-14) settles every floor it is not within 1e-12 of; those it is, in decimals.
    const guess = approxNumber(notional);
    let i = brackets.length - 1;
    while (i > 0) {
      if (guess < floors[i] * SURELY_BELOW) i--;
      else if (guess >= floors[i] * SURELY_ABOVE || !notional.lt(brackets[i].floor)) break;
      else i--;
    }
    return i;
  }

  /**
   * Refuses an opening notional that is negative, or past the last cap by more than the limit
   * tolerance (such a position cannot be opened; a typed fraction that lands a hair above the
   * cap still opens). `field` is the input the notional grows with.
   */
  requireOpenable(notional: Dec, field: Field = 'notional'): void {
    if (notional.isNegative() || !notional.isFinite()) {
      throw new EngineError(
        'invalidValue',
        field,
        notional.toString(),
        (w) => `${w.name}: the notional ${notional.toString()} is not valid; expected ${w.expected}.`,
      );
    }
    const cap = this.lastCap;
    if (exceedsLimit(notional, cap)) {
      throw new EngineError(
        'aboveLastBracket',
        field,
        notional.toString(),
        (w) =>
          `${w.name}: a notional of ${formatAmount(notional)} ${this.unit} is at or ` +
          `above the last bracket cap of ${formatAmount(cap)} ${this.unit} for ` +
          `${this.label}; such a position cannot be opened.`,
      );
    }
  }

  bracketAt(notional: Dec): Bracket {
    return this.brackets[this.indexAt(notional)];
  }

  /** Maintenance margin `N·mmr − cum` of a position of notional `N ≥ 0`. */
  maintenanceMargin(notional: Dec): Dec {
    const b = this.bracketAt(notional);
    return notional.times(b.mmr).minus(b.cum);
  }

  /** The bracket a position opens in (refused past the last cap), with its 0-based index. */
  openingBracket(notional: Dec, field: Field = 'notional'): { readonly index: number; readonly bracket: Bracket } {
    this.requireOpenable(notional, field);
    const index = this.indexAt(notional);
    return { index, bracket: this.brackets[index] };
  }

  /** Highest leverage allowed when opening at this notional, or `null` when the table sets no limit. */
  maxLeverageAt(notional: Dec, field: Field = 'notional'): Dec | null {
    return this.openingBracket(notional, field).bracket.maxLeverage;
  }

  /** The highest leverage the table allows at all (its first bracket's), or `null` for no limit. */
  get highestLeverage(): Dec | null {
    return this.brackets[0].maxLeverage;
  }

  /**
   * Refuses a leverage above what the bracket of the opening notional allows (within the limit
   * tolerance); `notionalField` is the input the notional grows with. The leverage is at least 1.
   */
  requireLeverageAt(field: Field, leverage: Dec, openingNotional: Dec, notionalField: Field = 'quantity'): void {
    const { index, bracket } = this.openingBracket(openingNotional, notionalField);
    refuseAbove(
      field,
      leverage,
      bracket.maxLeverage,
      (maximum) =>
        `the maximum of ${maximum}× that ${this.label} allows for a position of ` +
        `${formatAmount(openingNotional, decimalsFor(this.unit))} ${this.unit} (bracket ${index + 1}: ` +
        `${formatAmount(bracket.floor)} to ${formatAmount(bracket.cap)} ${this.unit})`,
    );
  }

  /**
   * Refuses a leverage above the highest the table allows at all (within the limit tolerance): the
   * rule where no opening notional is given (ROE, TARGET_PRICE, MAX_OPEN).
   */
  requireLeverageAllowed(field: Field, leverage: Dec): void {
    const first = this.brackets[0];
    refuseAbove(
      field,
      leverage,
      first.maxLeverage,
      (maximum) =>
        `the highest leverage ${this.label} allows (${maximum}×, up to ${formatAmount(first.cap)} ${this.unit})`,
    );
  }

  /** The cap of the last bracket that allows `leverage` (`null` for no limit): the largest position at it. */
  capAllowing(leverage: Dec): Dec | null {
    let cap: Dec | null = null;
    for (const bracket of this.brackets)
      if (bracket.maxLeverage !== null && !exceedsLimit(leverage, bracket.maxLeverage)) cap = bracket.cap;
    return cap;
  }
}

/** Refuses a leverage above `maximum` (within the limit tolerance; no limit when `null`), saying which limit. */
function refuseAbove(field: Field, leverage: Dec, maximum: Dec | null, limit: (maximum: string) => string): void {
  if (maximum === null || !exceedsLimit(leverage, maximum)) return;
  throw new EngineError(
    'leverageTooHigh',
    field,
    leverage.toString(),
    (w) => `${w.name}: ${leverage.toString()}× is above ${limit(maximum.toString())}.`,
  );
}

function checkRate(rate: Dec, field: Field, what: string): Dec {
  if (!rate.isFinite() || rate.isNegative() || rate.gte(1)) {
    throw new EngineError(
      'invalidBrackets',
      field,
      rate.toString(),
      (w) =>
        `${w.name}: ${rate.toString()} is not a valid maintenance margin rate ` +
        `for ${what}; expected a fraction from 0 up to (not including) 1, such ` +
        `as 0.004 for 0.4 %.`,
    );
  }
  return rate;
}

/**
 * Checks a bracket table the way the margin formulas need it:
 * - at least one row; the first floor is 0; each floor equals the previous cap; caps rise;
 * - rates in [0, 1) and never falling (maintenance margin must be convex in the notional);
 * - maximum leverage ≥ 1;
 * - `cum` is 0 in the first row and follows `cum_k = cum_{k−1} + floor_k·(mmr_k − mmr_{k−1})`
 *   within 0.01 USDT or 1e-9 relative, so that maintenance margin is continuous.
 * The given `cum` values are kept (they are the exchange's); the recurrence only validates them.
 */
function validateRows(rows: readonly BracketRow[], label: string, field: Field, absoluteSlack: Dec): Bracket[] {
  if (rows.length === 0) {
    throw new EngineError(
      'invalidBrackets',
      field,
      '',
      (w) =>
        `${w.name}: the bracket table for ${label} has no rows; expected rows ` +
        `of floor, cap, maintenance rate, maintenance amount, maximum leverage.`,
    );
  }
  const result: Bracket[] = [];
  rows.forEach((row, i) => {
    if (row.length !== 5) {
      throw new EngineError(
        'invalidBrackets',
        field,
        row,
        (w) =>
          `${w.name}: row ${i + 1} of ${label} has ${row.length} values; ` +
          `expected 5: floor, cap, maintenance rate, maintenance amount, maximum ` +
          `leverage.`,
      );
    }
    let values: Dec[];
    try {
      values = row.map((v) => dec(v));
    } catch {
      throw new EngineError(
        'invalidBrackets',
        field,
        row,
        (w) => `${w.name}: row ${i + 1} of ${label} holds a value that is not a number; expected 5 numbers.`,
      );
    }
    const [floor, cap, mmr, cum, maxLeverage] = values;
    if (values.some((v) => !v.isFinite())) {
      throw new EngineError(
        'invalidBrackets',
        field,
        row,
        (w) => `${w.name}: row ${i + 1} of ${label} holds a value that is not a finite number.`,
      );
    }
    const previous = result[i - 1];
    if (i === 0 && !floor.isZero()) {
      throw new EngineError(
        'invalidBrackets',
        field,
        floor.toString(),
        (w) =>
          `${w.name}: row ${i + 1} of ${label}: the first floor is ` +
          `${formatAmount(floor)}; expected 0 so that every notional has a ` +
          `bracket.`,
      );
    }
    if (previous && !floor.eq(previous.cap)) {
      throw new EngineError(
        'invalidBrackets',
        field,
        floor.toString(),
        (w) =>
          `${w.name}: row ${i + 1} of ${label}: the floor ${formatAmount(floor)} ` +
          `does not equal the previous cap ${formatAmount(previous.cap)}; ` +
          `brackets must follow each other without gaps or overlaps.`,
      );
    }
    if (!cap.gt(floor)) {
      throw new EngineError(
        'invalidBrackets',
        field,
        cap.toString(),
        (w) =>
          `${w.name}: row ${i + 1} of ${label}: the cap ${formatAmount(cap)} is ` +
          `not above the floor ${formatAmount(floor)}; expected ascending ` +
          `brackets.`,
      );
    }
    checkRate(mmr, field, `row ${i + 1} of ${label}`);
    if (previous && mmr.lt(previous.mmr)) {
      throw new EngineError(
        'invalidBrackets',
        field,
        mmr.toString(),
        (w) =>
          `${w.name}: row ${i + 1} of ${label}: the maintenance rate ` +
          `${formatRate(mmr)} is below the previous bracket's ` +
          `${formatRate(previous.mmr)}; rates must not fall as the notional ` +
          `grows.`,
      );
    }
    if (previous && previous.maxLeverage !== null && maxLeverage.gt(previous.maxLeverage)) {
      throw new EngineError(
        'invalidBrackets',
        field,
        maxLeverage.toString(),
        (w) =>
          `${w.name}: row ${i + 1} of ${label}: the maximum leverage ${maxLeverage.toString()} is above the previous ` +
          `bracket's ${previous.maxLeverage!.toString()}; leverage must not rise as the notional grows.`,
      );
    }
    if (maxLeverage.lt(1)) {
      throw new EngineError(
        'invalidBrackets',
        field,
        maxLeverage.toString(),
        (w) => `${w.name}: row ${i + 1} of ${label}: the maximum leverage ${maxLeverage.toString()} is below 1.`,
      );
    }
    const expectedCum = previous ? previous.cum.plus(floor.times(mmr.minus(previous.mmr))) : ZERO;
    const tolerance = Dec.max(absoluteSlack, expectedCum.abs().times(CUM_TOLERANCE_RELATIVE));
    if (cum.minus(expectedCum).abs().gt(tolerance)) {
      throw new EngineError(
        'invalidBrackets',
        field,
        cum.toString(),
        (w) =>
          `${w.name}: row ${i + 1} of ${label}: the maintenance amount ` +
          `${formatAmount(cum)} breaks the rule cum = previous cum + floor × ` +
          `(rate − previous rate), which gives ${formatAmount(expectedCum)}; the ` +
          `table is inconsistent.`,
      );
    }
    result.push({ floor, cap, mmr, cum, maxLeverage });
  });
  return result;
}

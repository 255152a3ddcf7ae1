import type { BracketTable } from './brackets';
import { type LinearLeg, linearLeg, notionalAt, pnlAt, priceOfVariable } from './contract';
import { Dec, ZERO, approxNumber } from './decimal';
import type { Market } from './market';
import type { Side } from './side';

/** One position on the symbol whose price moves: long (+1) or short (−1), quantity > 0 (contracts for COIN-M). */
export interface Leg {
  readonly side: Side;
  readonly quantity: Dec;
  readonly entryPrice: Dec;
  /** The notional at entry (`notionalAt`), if the caller has it already (saves a multiplication per row). */
  readonly entryNotional?: Dec;
}

/**
 * The liquidation condition for the positions of one symbol, all marked at the same price `P`:
 *
 *     f(P) = constant + Σ PnL(P) − Σ MM(notional(P))
 *
 * where `constant = WB − TMM1 + UPNL1` (the isolated margin for an isolated position). The
 * account is safe where `f(P) ≥ 0`. In the variable the contract is linear in (`P`, or `1/P` for
 * COIN-M) `f` is piecewise linear and concave (linear minus convex maintenance margin), so the
 * safe set is one interval `[fall, rise]` of prices.
 */
export interface MarginEquation {
  readonly constant: Dec;
  readonly legs: readonly Leg[];
  readonly market: Market;
}

/** The ends of the safe interval: `null` where that end does not exist (within `[0, ∞)`). */
export type SafeInterval =
  { readonly kind: 'interval'; readonly fall: Dec | null; readonly rise: Dec | null } | { readonly kind: 'empty' };

/** Which ends to solve for: a one-way long needs only the fall, a short only the rise. */
export type Ends = 'fall' | 'rise' | 'both';

/** Margin balance at price `P`: `constant + Σ PnL(P)`. */
export function marginBalanceAt(eq: MarginEquation, price: Dec): Dec {
  let total = eq.constant;
  const contract = eq.market.contract;
  for (const leg of eq.legs) total = total.plus(pnlAt(contract, leg.side, leg.quantity, leg.entryPrice, price));
  return total;
}

/** Maintenance margin of all legs at price `P` (a notional past the last cap stays in the last bracket). */
export function maintenanceMarginAt(eq: MarginEquation, price: Dec): Dec {
  let total = ZERO;
  const { contract, tiers } = eq.market;
  for (const leg of eq.legs) total = total.plus(tiers.maintenanceMargin(notionalAt(contract, leg.quantity, price)));
  return total;
}

/**
 * The condition in the variable it is linear in (see `linearLeg`): `f(x) = constant + Σ side·Q·(x − EP) − Σ MM(Q·x)`,
 * `x` the price of a linear contract, `1/P` for an inverse one. Everything below solves this form.
 */
interface LinearEquation {
  readonly constant: Dec;
  readonly legs: readonly LinearLeg[];
  readonly table: BracketTable;
}

/**
 * A stretch of prices on which every leg stays in one bracket, with float guides of its bounds
 * and of `f` on it (`f ≈ interceptF + slopeF·P`). Floats only choose what to compute exactly.
 */
interface Piece {
  readonly brackets: readonly number[];
  readonly loF: number;
  readonly hiF: number;
  readonly interceptF: number;
  readonly slopeF: number;
}

/** Float guides of the legs: quantities, `constant − Σ side·Q·EP` and `Σ side·Q`. */
interface Floats {
  readonly quantities: readonly number[];
  readonly base: number;
  readonly signed: number;
}

/** What every piece shares, exact: `constant − Σ side·Q·EP`. */
interface Common {
  readonly base: Dec;
}

/** Relative slack when checking that a computed root lies in its piece (34-digit rounding). */
const NOTIONAL_SLACK = new Dec('1e-24');
const FLOAT_SLACK = 1e-9;

/**
 * Solves `f(P) = 0` exactly. Floats pick the piece (the bracket of each leg) to try first; the
 * root is computed once in `Dec` and accepted only if each leg's notional at it lies in the
 * bracket used. If the float guess was wrong (a root right at a boundary), the neighbours and
 * then every piece with a plausible slope are tried exactly. For an inverse contract the roots are
 * found in `x = 1/P`, where a fall in price is a rise in `x`.
 */
export function solveSafeInterval(eq: MarginEquation, ends: Ends = 'both'): SafeInterval {
  const contract = eq.market.contract;
  const linear: LinearEquation = {
    constant: eq.constant,
    legs: eq.legs.map((leg) => linearLeg(contract, leg.side, leg.quantity, leg.entryPrice, leg.entryNotional)),
    table: eq.market.tiers,
  };
  if (contract.kind === 'linear') return solveLinear(linear, ends);
  const x = solveLinear(linear, ends === 'fall' ? 'rise' : ends === 'rise' ? 'fall' : 'both');
  if (x.kind === 'empty') return x;
  // A fall-side root at x ≤ 0 is a price beyond infinity: no liquidation by a rise.
  const rise = x.fall === null ? null : priceOfVariable(contract, x.fall);
  const fall = x.rise === null ? null : priceOfVariable(contract, x.rise);
  return { kind: 'interval', fall, rise };
}

function solveLinear(eq: LinearEquation, ends: Ends): SafeInterval {
  const floats = floatsOf(eq);
  const common = commonOf(eq);
  const fall = ends === 'rise' ? null : findRoot(eq, floats, common, 1);
  const rise = ends === 'fall' ? null : findRoot(eq, floats, common, -1);
  // f(0) = constant − Σ side·Q·EP (no maintenance margin at zero notional). If f(0) < 0 and f
  // never rises back to 0, no price is safe; nor when f only falls from a negative f(0).
  if (common.base.isNegative() && fall === null && (ends !== 'rise' || rise === null)) return { kind: 'empty' };
  return { kind: 'interval', fall, rise };
}

function floatsOf(eq: LinearEquation): Floats {
  const quantities = eq.legs.map((leg) => approxNumber(leg.quantity));
  let base = approxNumber(eq.constant);
  let signed = 0;
  eq.legs.forEach((leg, i) => {
    base -= leg.side * quantities[i] * approxNumber(leg.entryPrice);
    signed += leg.side * quantities[i];
  });
  return { quantities, base, signed };
}

function commonOf(eq: LinearEquation): Common {
  let base = eq.constant;
  for (const leg of eq.legs) {
    base = leg.side === 1 ? base.minus(leg.entryNotional) : base.plus(leg.entryNotional);
  }
  return { base };
}

/**
 * The root of `f` on one piece, if it lies there and `f` crosses zero in the wanted direction:
 * rising (`+1`, the fall-side liquidation price) or falling (`−1`, the rise side). A piece where
 * `f` is identically 0 gives its left end for the fall side and its right end for the rise side.
 * A negative fall-side root on the first piece is returned as is: it means "no liquidation".
 */
function rootOnPiece(eq: LinearEquation, brackets: readonly number[], common: Common, direction: 1 | -1): Dec | null {
  const table = eq.table;
  // f = intercept + slope·P on this piece, with slope = Σ side·Q·(1 − side·mmr).
  let intercept = common.base;
  let slope: Dec | null = null;
  for (let i = 0; i < eq.legs.length; i++) {
    const b = brackets[i];
    const cum = table.brackets[b].cum;
    if (!cum.isZero()) intercept = intercept.plus(cum);
    const leg = eq.legs[i];
    const term =
      leg.side === 1 ? leg.quantity.times(table.longSlopes[b]) : leg.quantity.times(table.shortSlopes[b]).negated();
    slope = slope === null ? term : slope.plus(term);
  }
  if (slope === null) slope = ZERO;
  if (slope.isZero()) {
    if (!intercept.isZero()) return null;
    const end = direction === 1 ? pieceStart(eq, brackets) : pieceEnd(eq, brackets);
    return end.isFinite() ? end : null; // a plateau that runs to infinity never ends
  }
  if (slope.isNegative() === (direction === 1)) return null;
  const root = intercept.div(slope.negated());
  if (root.isNegative()) return direction === 1 && brackets.every((b) => b === 0) ? root : null;
  return inPiece(eq, brackets, root) ? root : null;
}

/**
 * Whether every leg's notional at `price` lies in its piece bracket (boundaries included). A
 * notional clearly inside (by more than float error) is decided in floats; near a boundary the
 * check is exact, with a slack of 34-digit rounding (a root on a boundary is the same price from
 * either bracket).
 */
function inPiece(eq: LinearEquation, brackets: readonly number[], price: Dec): boolean {
  const table = eq.table;
  const last = table.brackets.length - 1;
  const priceF = approxNumber(price);
  for (let i = 0; i < eq.legs.length; i++) {
    const b = brackets[i];
    const quantity = eq.legs[i].quantity;
    const notionalF = approxNumber(quantity) * priceF;
    const floorF = table.floorsF[b];
    const capF = b === last ? Infinity : table.capsF[b];
    if (notionalF > floorF * (1 + FLOAT_SLACK) + Number.MIN_VALUE && notionalF < capF * (1 - FLOAT_SLACK)) continue;
    if (notionalF < floorF * (1 - FLOAT_SLACK) || notionalF > capF * (1 + FLOAT_SLACK)) return false;
    const bracket = table.brackets[b];
    const notional = quantity.times(price);
    const slack = notional.times(NOTIONAL_SLACK);
    if (notional.plus(slack).lt(bracket.floor)) return false;
    if (b !== last && notional.minus(slack).gt(bracket.cap)) return false;
  }
  return true;
}

function pieceStart(eq: LinearEquation, brackets: readonly number[]): Dec {
  let start = ZERO;
  eq.legs.forEach((leg, i) => {
    start = Dec.max(start, eq.table.brackets[brackets[i]].floor.div(leg.quantity));
  });
  return start;
}

function pieceEnd(eq: LinearEquation, brackets: readonly number[]): Dec {
  const last = eq.table.brackets.length - 1;
  let end = new Dec(Infinity);
  eq.legs.forEach((leg, i) => {
    if (brackets[i] !== last) end = Dec.min(end, eq.table.brackets[brackets[i]].cap.div(leg.quantity));
  });
  return end;
}

/**
 * The root in the wanted direction: the piece the floats point at first (found without building
 * the list of pieces), then its neighbours, then every piece whose slope may have the right sign.
 */
function findRoot(eq: LinearEquation, floats: Floats, common: Common, direction: 1 | -1): Dec | null {
  let guess = -1;
  let guessBrackets: number[] = [];
  if (eq.legs.length === 1) {
    // One position: the pieces are the brackets themselves; no walk needed.
    guess = guessBracket(eq.table, floats, direction);
    guessBrackets = [guess];
  } else {
    walkPieces(eq, floats, (brackets, index, loF, hiF, interceptF, slopeF) => {
      if (!crossesInside(loF, hiF, interceptF, slopeF, direction, index)) return false;
      guess = index;
      guessBrackets = brackets.slice();
      return true;
    });
  }
  if (guess >= 0) {
    const root = rootOnPiece(eq, guessBrackets, common, direction);
    if (root !== null) return root;
  }
  // The float guess missed (a root right on a boundary, or a nearly flat piece): try harder.
  const pieces = piecesOf(eq, floats);
  const scale = floats.quantities.reduce((sum, q) => sum + q, 0);
  const order = guess >= 0 ? [guess - 1, guess + 1, ...pieces.keys()] : [...pieces.keys()];
  for (const p of order) {
    if (p < 0 || p >= pieces.length || p === guess) continue;
    // A piece whose float slope clearly has the wrong sign cannot hold this root.
    if (pieces[p].slopeF * direction < -FLOAT_SLACK * scale) continue;
    const root = rootOnPiece(eq, pieces[p].brackets, common, direction);
    if (root !== null) return root;
  }
  return null;
}

/** Whether the float line `interceptF + slopeF·P` crosses zero in the wanted direction on `[loF, hiF]`. */
function crossesInside(
  loF: number,
  hiF: number,
  interceptF: number,
  slopeF: number,
  direction: 1 | -1,
  index: number,
): boolean {
  if (slopeF * direction <= 0) return false;
  const root = -interceptF / slopeF;
  return (
    (root >= loF * (1 - FLOAT_SLACK) && root <= hiF * (1 + FLOAT_SLACK)) || (direction === 1 && index === 0 && root < 0)
  );
}

/** The bracket where a single position's float line crosses zero in the wanted direction, or −1. */
function guessBracket(table: BracketTable, floats: Floats, direction: 1 | -1): number {
  const q = floats.quantities[0];
  const last = table.brackets.length - 1;
  for (let b = 0; b <= last; b++) {
    const hi = b === last ? Infinity : table.capsF[b] / q;
    if (
      crossesInside(
        table.floorsF[b] / q,
        hi,
        floats.base + table.cumsF[b],
        floats.signed - q * table.mmrsF[b],
        direction,
        b,
      )
    )
      return b;
  }
  return -1;
}

/**
 * Visits the pieces of `[0, ∞)` on which no leg changes bracket, in price order, until `visit`
 * returns true. `brackets` is reused between calls: copy it to keep it. The last bracket is
 * open-ended here: a position's notional may grow past the last cap as the price moves, and it
 * stays in the last bracket (opening notionals are checked against the cap elsewhere).
 */
function walkPieces(
  eq: LinearEquation,
  floats: Floats,
  visit: (brackets: number[], index: number, loF: number, hiF: number, interceptF: number, slopeF: number) => boolean,
): void {
  const table = eq.table;
  const last = table.brackets.length - 1;
  const { quantities } = floats;
  const current = quantities.map(() => 0);
  for (let index = 0, lo = 0; ; index++) {
    let hi = Infinity;
    let interceptF = floats.base;
    let slopeF = floats.signed;
    for (let i = 0; i < current.length; i++) {
      const b = current[i];
      if (b !== last) hi = Math.min(hi, table.capsF[b] / quantities[i]);
      interceptF += table.cumsF[b];
      slopeF -= quantities[i] * table.mmrsF[b];
    }
    if (visit(current, index, lo, hi, interceptF, slopeF) || hi === Infinity) return;
    for (let i = 0; i < current.length; i++) {
      if (current[i] !== last && table.capsF[current[i]] / quantities[i] <= hi) current[i]++;
    }
    lo = hi;
  }
}

function piecesOf(eq: LinearEquation, floats: Floats): Piece[] {
  const pieces: Piece[] = [];
  walkPieces(eq, floats, (brackets, _index, loF, hiF, interceptF, slopeF) => {
    pieces.push({ brackets: brackets.slice(), loF, hiF, interceptF, slopeF });
    return false;
  });
  return pieces;
}

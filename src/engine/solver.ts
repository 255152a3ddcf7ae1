import type { BracketTable } from './brackets';
import { Dec, ZERO } from './decimal';
import type { Side } from './side';

/** One position on the symbol whose price moves: long (+1) or short (−1), quantity > 0. */
export interface Leg {
  readonly side: Side;
  readonly quantity: Dec;
  readonly entryPrice: Dec;
}

/**
 * The liquidation condition for the positions of one symbol, all marked at the same price `P`:
 *
 *     f(P) = constant + Σ side·Q·(P − EP) − Σ MM(Q·P)
 *
 * where `constant = WB − TMM1 + UPNL1` (the isolated margin for an isolated position). The
 * account is safe where `f(P) ≥ 0`. `f` is piecewise linear and concave (linear minus convex
 * maintenance margin), so the safe set is one interval `[fall, rise]`.
 */
export interface MarginEquation {
  readonly constant: Dec;
  readonly legs: readonly Leg[];
  readonly table: BracketTable;
}

/** The ends of the safe interval: `null` where that end does not exist (within `[0, ∞)`). */
export type SafeInterval =
  | { readonly kind: 'interval'; readonly fall: Dec | null; readonly rise: Dec | null }
  | { readonly kind: 'empty' };

/** Margin balance at price `P`: `constant + Σ side·Q·(P − EP)`. */
export function marginBalanceAt(eq: MarginEquation, price: Dec): Dec {
  let total = eq.constant;
  for (const leg of eq.legs) {
    const pnl = leg.quantity.times(price.minus(leg.entryPrice));
    total = leg.side === 1 ? total.plus(pnl) : total.minus(pnl);
  }
  return total;
}

/** Maintenance margin of all legs at price `P` (throws if a notional passes the last cap). */
export function maintenanceMarginAt(eq: MarginEquation, price: Dec, field = 'liquidation notional'): Dec {
  let total = ZERO;
  for (const leg of eq.legs) total = total.plus(eq.table.maintenanceMargin(leg.quantity.times(price), field));
  return total;
}

/** A stretch of prices on which every leg stays in one bracket; bounds are float guides only. */
interface Piece {
  readonly brackets: readonly number[];
  readonly loF: number;
  readonly hiF: number;
}

/** The line `f(P) = intercept + slope·P` on one piece, exact. */
interface Line {
  readonly intercept: Dec;
  readonly slope: Dec;
}

/** Relative slack when checking that a computed root lies in its piece (34-digit rounding). */
const NOTIONAL_SLACK = new Dec('1e-24');
const FLOAT_SLACK = 1e-9;

/**
 * Solves `f(P) = 0` exactly. Floats only pick which piece (pair of brackets) to try first; the
 * answer is computed once in `Dec` and accepted only if its notionals lie in the brackets used.
 * If the float guess was wrong (a root right at a boundary), every piece is tried exactly.
 */
export function solveSafeInterval(eq: MarginEquation): SafeInterval {
  const pieces = piecesOf(eq);
  const entryTerm = entryTermOf(eq);
  const { fallGuess, riseGuess } = guessPieces(eq, pieces);

  const fall = findRoot(eq, pieces, entryTerm, 1, fallGuess);
  const rise = findRoot(eq, pieces, entryTerm, -1, riseGuess);

  // f(0) < 0 with no rising root: f never climbs back to 0, so no price is safe.
  if (fall === null && eq.constant.minus(entryTerm).isNegative()) return { kind: 'empty' };
  return { kind: 'interval', fall, rise };
}

/** `Σ side·Q·EP`, the part of the intercept that does not depend on the brackets. */
function entryTermOf(eq: MarginEquation): Dec {
  let total = ZERO;
  for (const leg of eq.legs) {
    const value = leg.quantity.times(leg.entryPrice);
    total = leg.side === 1 ? total.plus(value) : total.minus(value);
  }
  return total;
}

function lineOf(eq: MarginEquation, brackets: readonly number[], entryTerm: Dec): Line {
  let intercept = eq.constant.minus(entryTerm);
  let slope = ZERO;
  eq.legs.forEach((leg, i) => {
    const b = eq.table.brackets[brackets[i]];
    intercept = intercept.plus(b.cum);
    const signed = leg.side === 1 ? leg.quantity : leg.quantity.negated();
    slope = slope.plus(signed).minus(leg.quantity.times(b.mmr));
  });
  return { intercept, slope };
}

/** Whether every leg's notional at `price` lies in its piece bracket (boundaries included). */
function inPiece(eq: MarginEquation, brackets: readonly number[], price: Dec): boolean {
  return eq.legs.every((leg, i) => {
    const b = eq.table.brackets[brackets[i]];
    const notional = leg.quantity.times(price);
    const slack = notional.abs().times(NOTIONAL_SLACK);
    const isLast = brackets[i] === eq.table.brackets.length - 1;
    return notional.plus(slack).gte(b.floor) && (isLast || notional.minus(slack).lte(b.cap));
  });
}

/**
 * The root of `f` on one piece, if it lies there and `f` crosses zero in the wanted direction:
 * rising (`+1`, the fall-side liquidation price) or falling (`−1`, the rise side). A piece where
 * `f` is identically 0 gives its left end for the fall side and its right end for the rise side.
 */
function rootOnPiece(eq: MarginEquation, brackets: readonly number[], entryTerm: Dec, direction: 1 | -1): Dec | null {
  const line = lineOf(eq, brackets, entryTerm);
  if (line.slope.isZero()) {
    if (!line.intercept.isZero()) return null;
    // A plateau that runs to infinity never ends: no rise-side liquidation.
    const end = direction === 1 ? pieceStart(eq, brackets) : pieceEnd(eq, brackets);
    return end.isFinite() ? end : null;
  }
  if (line.slope.gt(0) !== (direction === 1)) return null;
  const root = line.intercept.negated().div(line.slope);
  if (root.isNegative() && direction === 1) {
    // The fall-side root is below zero: the first piece still counts (it reports "no liquidation").
    return brackets.every((b) => b === 0) ? root : null;
  }
  return inPiece(eq, brackets, root) ? root : null;
}

function pieceStart(eq: MarginEquation, brackets: readonly number[]): Dec {
  let start = ZERO;
  eq.legs.forEach((leg, i) => {
    start = Dec.max(start, eq.table.brackets[brackets[i]].floor.div(leg.quantity));
  });
  return start;
}

function pieceEnd(eq: MarginEquation, brackets: readonly number[]): Dec {
  const last = eq.table.brackets.length - 1;
  let end = new Dec(Infinity);
  eq.legs.forEach((leg, i) => {
    if (brackets[i] !== last) end = Dec.min(end, eq.table.brackets[brackets[i]].cap.div(leg.quantity));
  });
  return end;
}

function findRoot(eq: MarginEquation, pieces: readonly Piece[], entryTerm: Dec, direction: 1 | -1, guess: number): Dec | null {
  if (guess >= 0) {
    for (const i of [guess, guess - 1, guess + 1]) {
      if (i < 0 || i >= pieces.length) continue;
      const root = rootOnPiece(eq, pieces[i].brackets, entryTerm, direction);
      if (root !== null) return root;
    }
  }
  for (let i = 0; i < pieces.length; i++) {
    const root = rootOnPiece(eq, pieces[i].brackets, entryTerm, direction);
    if (root !== null) return root;
  }
  return null;
}

/** Float guesses of the pieces holding the fall-side and rise-side roots (−1: none found). */
function guessPieces(eq: MarginEquation, pieces: readonly Piece[]): { fallGuess: number; riseGuess: number } {
  const table = eq.table;
  let base = eq.constant.toNumber();
  const quantities = eq.legs.map((leg) => leg.quantity.toNumber());
  eq.legs.forEach((leg, i) => {
    base -= leg.side * quantities[i] * leg.entryPrice.toNumber();
  });
  let fallGuess = -1;
  let riseGuess = -1;
  for (let p = 0; p < pieces.length; p++) {
    const piece = pieces[p];
    let intercept = base;
    let slope = 0;
    for (let i = 0; i < quantities.length; i++) {
      const b = piece.brackets[i];
      intercept += table.cumsF[b];
      slope += eq.legs[i].side * quantities[i] - quantities[i] * table.mmrsF[b];
    }
    if (slope === 0) continue;
    const root = -intercept / slope;
    const inside = root >= piece.loF * (1 - FLOAT_SLACK) && root <= piece.hiF * (1 + FLOAT_SLACK);
    if (slope > 0 && (inside || (p === 0 && root < 0))) fallGuess = fallGuess < 0 ? p : fallGuess;
    if (slope < 0 && inside) riseGuess = riseGuess < 0 ? p : riseGuess;
  }
  return { fallGuess, riseGuess };
}

/**
 * The pieces of `[0, ∞)` on which no leg changes bracket, in price order. The last bracket is
 * open-ended here: a position's notional may grow past the last cap as the price moves, and it
 * stays in the last bracket (opening notionals are checked against the cap elsewhere).
 */
function piecesOf(eq: MarginEquation): Piece[] {
  const table = eq.table;
  const last = table.brackets.length - 1;
  const quantities = eq.legs.map((leg) => leg.quantity.toNumber());
  const current = eq.legs.map(() => 0);
  const pieces: Piece[] = [];
  for (let lo = 0; ; ) {
    let hi = Infinity;
    for (let i = 0; i < current.length; i++) {
      if (current[i] !== last) hi = Math.min(hi, table.capsF[current[i]] / quantities[i]);
    }
    pieces.push({ brackets: current.slice(), loF: lo, hiF: hi });
    if (hi === Infinity) return pieces;
    for (let i = 0; i < current.length; i++) {
      if (current[i] !== last && table.capsF[current[i]] / quantities[i] <= hi) current[i]++;
    }
    lo = hi;
  }
}

import { type PortfolioPosition, groupMarkets, labelOf, requirePositions } from './account';
import { notionalAt, pnlAt } from './contract';
import { Dec, ONE, ZERO, formatAmount } from './decimal';
import { invalidValue } from './errors';
import { type LiquidationOutcome, oneWayOutcome } from './liquidation';
import { requireNonNegative } from './validate';

// The whole account under one market move (functions.md, "The whole account"): every price goes from its mark along
// the straight path P_i(t) = mark_i·(1 + β_i·t·m), t from 0 to 1. Isolated positions are liquidated at their own
// prices; the cross account where its margin balance reaches its maintenance margin. Along the path every cross
// notional is linear in t and maintenance margin is convex in the notional, so the cross condition
//     f(m) = WB + Σ PnL_i(m) − Σ MM_i(m)
// is concave and piecewise linear in the move: a cross account safe at the marks is liquidated by a move exactly when
// f ≤ 0 at its end, and its first root on each side lies between two bracket edges, where it is solved exactly.

export type AccountMode = 'CROSS' | 'ISOLATED';

/** One position of the account: a portfolio position with its margin mode, its isolated margin and its beta. */
export interface AccountPosition extends PortfolioPosition {
  readonly mode: AccountMode;
  /** The margin of an ISOLATED position (initial plus added); ignored on CROSS rows. */
  readonly isolatedMargin?: Dec | null;
  /** How much the price moves per unit of the market move (default 1, at least 0). */
  readonly beta?: Dec;
}

export interface Account {
  readonly positions: readonly AccountPosition[];
  /** The cross wallet balance (isolated margins are not in it). */
  readonly walletBalance: Dec;
}

/** The account after a move. */
export interface StressOutcome {
  readonly equity: Dec;
  /** Equity after the move minus equity at the marks. */
  readonly change: Dec;
  readonly cross: 'SAFE' | 'LIQUIDATED' | 'NONE';
  readonly isolatedLiquidated: number;
  /** The cross maintenance margin over the cross margin balance after the move; `null` unless `cross` is SAFE. */
  readonly marginRatio: Dec | null;
}

/** An account checked and split: its cross markets (grouped as LIQ_PRICE_PORTFOLIO groups them) and isolated rows. */
interface Prepared {
  readonly walletBalance: Dec;
  readonly cross: readonly { readonly group: ReturnType<typeof groupMarkets>['markets'][number]; readonly beta: Dec }[];
  readonly isolated: readonly {
    readonly position: AccountPosition;
    readonly beta: Dec;
    readonly margin: Dec;
    readonly label: string;
    /** Its liquidation price on its own margin, from its mark. */
    readonly outcome: LiquidationOutcome;
  }[];
  /** Every row's beta and mark (for the price that reaches 0 first). */
  readonly paths: readonly { readonly beta: Dec; readonly label: string }[];
}

function prepare({ positions, walletBalance }: Account): Prepared {
  requireNonNegative('walletBalance', walletBalance);
  requirePositions(positions);
  positions.forEach((p, i) => {
    if (p.market.contract.kind !== 'linear')
      throw invalidValue(
        'market',
        p.market.label,
        (w) =>
          `${w.name}: ${labelOf(p, i)} is ${p.market.label}, a COIN-M market; the account's moves are computed for ` +
          'USDS-M accounts only in this version.',
      );
  });
  const betaOf = (p: AccountPosition) => p.beta ?? ONE;
  positions.forEach((p, i) => {
    const beta = betaOf(p);
    if (!beta.isFinite() || beta.isNegative())
      throw invalidValue(
        'beta',
        beta.toString(),
        (w) => `${w.name} (${labelOf(p, i)}): ${beta.toString()} is not valid; expected ${w.expected}.`,
      );
  });
  // One symbol is one market: one mode and one beta for all its rows.
  const seen = new Map<string, { index: number; mode: AccountMode; beta: Dec }>();
  positions.forEach((p, i) => {
    if (p.group === undefined || p.group === null) return;
    const first = seen.get(p.group);
    if (!first) return void seen.set(p.group, { index: i, mode: p.mode, beta: betaOf(p) });
    if (first.mode !== p.mode)
      throw invalidValue(
        'marginMode',
        p.mode,
        (w) =>
          `${w.name}: ${labelOf(positions[first.index], first.index)} and ${labelOf(p, i)} are both ${p.group} but ` +
          `${first.mode} and ${p.mode}; Binance sets the margin mode per symbol.`,
      );
    if (!first.beta.eq(betaOf(p)))
      throw invalidValue(
        'beta',
        betaOf(p).toString(),
        (w) =>
          `${w.name}: ${labelOf(positions[first.index], first.index)} and ${labelOf(p, i)} are both ${p.group} but ` +
          `have betas ${first.beta.toString()} and ${betaOf(p).toString()}; one symbol has one beta.`,
      );
  });
  const crossRows = positions.filter((p) => p.mode === 'CROSS');
  const { markets, marketOf } = crossRows.length > 0 ? groupMarkets(crossRows) : { markets: [], marketOf: [] };
  const cross = markets.map((group, g) => ({ group, beta: betaOf(crossRows[marketOf.indexOf(g)]) }));
  const isolated = positions.flatMap((position, i) => {
    if (position.mode !== 'ISOLATED') return [];
    const margin = position.isolatedMargin ?? null;
    if (margin === null)
      throw invalidValue(
        'isolatedMargin',
        '',
        (w) => `${w.name} (${labelOf(position, i)}) is blank; an ISOLATED position needs its margin: ${w.expected}.`,
      );
    requireNonNegative('isolatedMargin', margin);
    const { side, quantity, entryPrice, markPrice, market } = position;
    const outcome = oneWayOutcome(margin, { side, quantity, entryPrice }, market, markPrice);
    return [{ position, beta: betaOf(position), margin, label: labelOf(position, i), outcome }];
  });
  return {
    walletBalance,
    cross,
    isolated,
    paths: positions.map((p, i) => ({ beta: betaOf(p), label: labelOf(p, i) })),
  };
}

/** A price moved by `m` with this beta: `mark·(1 + β·m)`. */
function moved(mark: Dec, beta: Dec, move: Dec): Dec {
  return beta.isZero() ? mark : mark.times(ONE.plus(beta.times(move)));
}

/** The cross account's margin balance and maintenance margin after a move. */
function crossAt(prepared: Prepared, move: Dec): { readonly balance: Dec; readonly maintenance: Dec } {
  let balance = prepared.walletBalance;
  let maintenance = ZERO;
  for (const { group, beta } of prepared.cross) {
    const { contract, tiers } = group.market;
    const price = moved(group.markPrice, beta, move);
    for (const leg of group.legs) {
      balance = balance.plus(pnlAt(contract, leg.side, leg.quantity, leg.entryPrice, price));
      maintenance = maintenance.plus(tiers.maintenanceMargin(notionalAt(contract, leg.quantity, price)));
    }
  }
  return { balance, maintenance };
}

/** `f(m)`: the cross margin balance over its maintenance margin; the account is liquidated where it is ≤ 0. */
function slack(prepared: Prepared, move: Dec): Dec {
  const { balance, maintenance } = crossAt(prepared, move);
  return balance.minus(maintenance);
}

/** Refuses a move that takes some price to 0 or below. */
function requireMove(prepared: Prepared, move: Dec): void {
  if (!move.isFinite())
    throw invalidValue(
      'move',
      move.toString(),
      (w) => `${w.name}: ${move.toString()} is not valid; expected ${w.expected}.`,
    );
  for (const { beta, label } of prepared.paths) {
    if (!ONE.plus(beta.times(move)).gt(0))
      throw invalidValue(
        'move',
        move.toString(),
        (w) =>
          `${w.name}: ${move.toString()} takes the price of ${label} (beta ${beta.toString()}) to 0 or below; ` +
          `expected a move above ${ONE.div(beta).negated().toString()}.`,
      );
  }
}

/** The account after a market move of `move` (a fraction: -0.1 takes every price with beta 1 down 10 %). */
export function stressAccount(account: Account, move: Dec): StressOutcome {
  return accountUnderMoves(account)(move);
}

/**
 * The account checked once, then stressed by any number of moves: the function refuses a move that takes a price to
 * 0 or below. An account at or below maintenance at the marks (its cross part, or an isolated row) is refused here:
 * no move is needed to liquidate it, and a change measured from there would hide the loss.
 */
export function accountUnderMoves(account: Account): (move: Dec) => StressOutcome {
  const prepared = prepare(account);
  requireAboveMaintenance(prepared);
  const atMarks = equityAt(prepared, ZERO).equity;
  return (move) => {
    requireMove(prepared, move);
    const after = equityAt(prepared, move);
    return { ...after, change: after.equity.minus(atMarks) };
  };
}

/** Refuses an account whose cross part or an isolated row is already at or below maintenance at the marks. */
function requireAboveMaintenance(prepared: Prepared): void {
  if (prepared.cross.length > 0) {
    const atMarks = crossAt(prepared, ZERO);
    if (!atMarks.balance.minus(atMarks.maintenance).gt(0))
      throw invalidValue(
        'walletBalance',
        prepared.walletBalance.toString(),
        (w) =>
          `${w.name}: the cross account is already at or below its maintenance margin at the marks (margin balance ` +
          `${formatAmount(atMarks.balance)}, maintenance margin ${formatAmount(atMarks.maintenance)}); no move is ` +
          'needed to liquidate it.',
      );
  }
  for (const row of prepared.isolated) {
    if (row.outcome.kind !== 'belowMaintenance') continue;
    const { marginBalance, maintenanceMargin } = row.outcome;
    throw invalidValue(
      'isolatedMargin',
      row.margin.toString(),
      (w) =>
        `${w.name} (${row.label}): with ${formatAmount(row.margin)} the position's margin balance at its mark ` +
        `(${formatAmount(marginBalance)}) is at or below its maintenance margin ` +
        `(${formatAmount(maintenanceMargin)}); ` +
        'it is already liquidated.',
    );
  }
}

function equityAt(prepared: Prepared, move: Dec): Omit<StressOutcome, 'change'> {
  let equity = ZERO;
  let cross: StressOutcome['cross'] = 'NONE';
  let marginRatio: Dec | null = null;
  if (prepared.cross.length === 0) equity = prepared.walletBalance;
  else {
    // Concave along the path and safe at the marks (checked once): safe at the end is safe all along.
    const end = crossAt(prepared, move);
    const liquidated = !end.balance.minus(end.maintenance).gt(0);
    cross = liquidated ? 'LIQUIDATED' : 'SAFE';
    if (!liquidated) {
      equity = end.balance;
      marginRatio = end.maintenance.div(end.balance);
    }
  }
  let isolatedLiquidated = 0;
  for (const row of prepared.isolated) {
    const { side, quantity, entryPrice, markPrice, market } = row.position;
    const price = moved(markPrice, row.beta, move);
    const outcome = row.outcome;
    const liquidated = outcome.kind === 'price' && (side === 1 ? !price.gt(outcome.price) : !price.lt(outcome.price));
    if (liquidated) isolatedLiquidated++;
    else equity = equity.plus(row.margin).plus(pnlAt(market.contract, side, quantity, entryPrice, price));
  }
  return { equity, cross, isolatedLiquidated, marginRatio };
}

/**
 * The market moves that liquidate the cross account, on a fall (a fraction below 0) and on a rise, exact; `null` where
 * there is none (a fall is searched down to the move at which the first price reaches 0). An account at or below
 * maintenance at the marks is an error; an account with no cross position has neither.
 */
export function accountLiquidationMoves(account: Account): { readonly fall: Dec | null; readonly rise: Dec | null } {
  const prepared = prepare(account);
  requireAboveMaintenance(prepared);
  if (prepared.cross.length === 0) return { fall: null, rise: null };
  // Where any cross notional crosses a bracket floor: there f changes slope.
  const edges: Dec[] = [];
  for (const { group, beta } of prepared.cross) {
    if (beta.isZero()) continue;
    const brackets = group.market.tiers.brackets;
    for (const leg of group.legs) {
      const atMark = notionalAt(group.market.contract, leg.quantity, group.markPrice);
      for (let b = 1; b < brackets.length; b++) edges.push(brackets[b].floor.div(atMark).minus(1).div(beta));
    }
  }
  // The fall ends where the first price of any row reaches 0.
  let bottom: Dec | null = null;
  for (const { beta } of prepared.paths) {
    if (beta.isZero()) continue;
    const zero = ONE.div(beta).negated();
    if (bottom === null || zero.gt(bottom)) bottom = zero;
  }
  const fallPoints = edges
    .filter((e) => e.isNegative() && (bottom === null || e.gt(bottom)))
    .sort((a, b) => b.comparedTo(a));
  if (bottom !== null) fallPoints.push(bottom);
  const risePoints = edges.filter((e) => e.gt(0)).sort((a, b) => a.comparedTo(b));
  const root = firstRoot(prepared, fallPoints, null);
  // A root where a price reaches 0 is no liquidation: the margin covers the fall to zero (a long's LP ≤ 0 is NONE).
  const fall = root !== null && (bottom === null || root.gt(bottom)) ? root : null;
  const rise = firstRoot(prepared, risePoints, ONE);
  return { fall, rise };
}

/** The last digit a move is exact to (34 significant digits). */
const LAST_DIGIT = new Dec('1e-33');

/**
 * A root exact to the rounding of the margin condition's terms, moved out where that rounding left it a hair on the
 * safe side (by its last digit, then twice as far, and so on), so that the account is liquidated at the move this
 * returns and, by concavity, at none before it. The terms run into the billions, so `f` near its root is exact only
 * to about 1e-22: the move is then exact to about that over the slope.
 */
function onLiquidatedSide(prepared: Prepared, root: Dec): Dec {
  let step = Dec.max(root.abs(), ONE).times(LAST_DIGIT);
  let move = root;
  for (let k = 0; k < 64 && slack(prepared, move).gt(0); k++) {
    move = root.isNegative() ? move.minus(step) : move.plus(step);
    step = step.times(2);
  }
  return move;
}

/**
 * The first move from 0 through `points` (in order away from 0) where `f` reaches 0: `f` is linear between two
 * points, so the root on the first piece that ends at or below 0 is exact. Past the last point the piece goes on in
 * the direction `beyond` (the rise: f is linear for ever after the last edge); `null` without a root.
 */
function firstRoot(prepared: Prepared, points: readonly Dec[], beyond: Dec | null): Dec | null {
  let from = ZERO;
  let value = slack(prepared, ZERO);
  const rootOn = (to: Dec, at: Dec) =>
    onLiquidatedSide(prepared, from.plus(value.times(to.minus(from)).div(value.minus(at))));
  for (const to of points) {
    if (to.eq(from)) continue;
    const at = slack(prepared, to);
    if (!at.gt(0)) return rootOn(to, at);
    from = to;
    value = at;
  }
  if (beyond === null) return null;
  // Beyond the last edge every notional stays in its bracket: one more step gives the line's slope.
  const next = from.plus(beyond);
  const at = slack(prepared, next);
  if (!at.lt(value)) return null; // f does not fall any more: no liquidation that way
  return rootOn(next, at);
}

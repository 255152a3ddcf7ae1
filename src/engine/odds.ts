import { notionalAt, unitOf } from './contract';
import type { Market } from './market';
import { Dec, formatAmount } from './decimal';
import { fallsShortOf } from './tolerance';
import { formatPair } from './validate';
import { invalidValue } from './errors';
import { isolatedMargin } from './liquidation';
import type { Side } from './side';

// Models of chance and time. Odds are floats (a model, not money) with an accurate normal tail;
// funding counts are exact.

// Math's functions held locally: in a sandboxed global (a vm context, as the tests and the
// benchmark run the bundle) every look-up of a global is slow, and erfc runs in a hot loop.
const { abs, exp, log, log1p, sqrt, PI, SQRT2 } = Math;
const isFiniteNumber = Number.isFinite;
const SMALLEST_POSITIVE = Number.MIN_VALUE;
const SQRT_PI = sqrt(PI);

/**
 * The complementary error function, accurate to about 1e-15 relative over the whole line:
 * the Maclaurin series of erf below 2 (where erfc ≥ 0.0047, so 1 − erf loses no digits that
 * matter), and a continued fraction above, which keeps the far tail's relative accuracy
 * (erfc(10) ≈ 2.09e-45 comes out to full precision, not 0).
 */
export function erfc(x: number): number {
  if (x !== x) return NaN;
  if (x < 0) return 2 - erfc(-x);
  if (x < 2) {
    // erf(x) = 2/√π · Σ (−1)^n x^(2n+1) / (n! (2n+1))
    const x2 = x * x;
    let term = x;
    let sum = x;
    for (let n = 1; n < 100; n++) {
      term *= -x2 / n;
      const next = term / (2 * n + 1);
      sum += next;
      if (abs(next) < 1e-17 * abs(sum)) break;
    }
    return 1 - (2 / SQRT_PI) * sum;
  }
  if (x > 27) return 0; // below the smallest double
  return exp(-x * x) * scaledErfc(x);
}

/**
 * `erfc(x)·e^(x²)` for x ≥ 2, which never underflows: erfc(x) = Γ(1/2, x²)/√π, by the continued fraction of the upper
 * incomplete gamma function in its even form (modified Lentz), which converges in a few dozen steps for x ≥ 2.
 */
function scaledErfc(x: number): number {
  const tiny = 1e-300;
  const z = x * x;
  let b = z + 0.5;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 300; i++) {
    const an = -i * (i - 0.5);
    b += 2;
    d = an * d + b;
    if (abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (abs(delta - 1) < 1e-16) break;
  }
  return (x * h) / SQRT_PI;
}

/** The standard normal distribution function, from `erfc` so that the lower tail keeps its digits. */
export function normalCdf(x: number): number {
  return 0.5 * erfc(-x / SQRT2);
}

/** `ln N(x)`, finite and exact to the last digits where `N(x)` is subnormal or underflows (the far lower tail). */
function logNormalCdf(x: number): number {
  const p = normalCdf(x);
  if (p > 1e-300) return log(p);
  // N(x) = erfc(−x/√2)/2 = scaledErfc(−x/√2)·e^(−x²/2)/2.
  return log(scaledErfc(-x / SQRT2) / 2) - (x * x) / 2;
}

/** `ln(N(y) − N(x))` for x < y, with the tails in logs so that a mass far out keeps its digits (−Infinity: none). */
function logMassBetween(x: number, y: number): number {
  if (x >= 0) return logMassBetween(-y, -x); // N(y) − N(x) = N(−x) − N(−y)
  if (y > 0) return log(normalCdf(y) - normalCdf(x));
  const high = logNormalCdf(y);
  return high + log1p(-exp(logNormalCdf(x) - high));
}

export interface TouchInput {
  readonly side: Side;
  /** The price now (entry or mark). */
  readonly price: number;
  /** The liquidation price, or `null` when there is none. */
  readonly liquidationPrice: number | null;
  /** Annual volatility, such as 0.6. */
  readonly volatility: number;
  readonly horizonDays: number;
  /** Annual drift, default 0. */
  readonly drift?: number;
}

const DAYS_A_YEAR = 365;

/**
 * The chance that a price following geometric Brownian motion (`dS = μS dt + σS dW`, monitored
 * continuously) touches the liquidation price within the horizon: the first-passage
 * probability of a Brownian motion with drift `ν = μ − σ²/2` in log-price. 1 if the price is
 * already at or beyond it, 0 if there is none. A true probability too small for a double reads
 * as the smallest positive double, never 0.
 */
export function touchProbability(input: TouchInput): number {
  const { side, price, liquidationPrice, volatility, horizonDays } = input;
  requirePositiveNumber('price', price);
  const drift = requireModel(volatility, horizonDays, input.drift);
  if (liquidationPrice === null) return 0;
  requirePositiveNumber('liqPrice', liquidationPrice);
  if (side === 1 ? liquidationPrice >= price : liquidationPrice <= price) return 1;
  const t = horizonDays / DAYS_A_YEAR;
  const nu = drift - (volatility * volatility) / 2;
  const b = log(liquidationPrice) - log(price);
  const spread = volatility * sqrt(t);
  // Long (b < 0): N((b − νT)/σ√T) + e^(2νb/σ²)·N((b + νT)/σ√T); short (b > 0): the mirror image.
  const s = side === 1 ? 1 : -1;
  const first = normalCdf((s * b - s * nu * t) / spread);
  const exponent = (2 * nu * b) / (volatility * volatility);
  const second = exp(exponent + logNormalCdf((s * b + s * nu * t) / spread));
  const p = (isFiniteNumber(first) ? first : 0) + (isFiniteNumber(second) ? second : 0);
  if (!(p > 0)) return SMALLEST_POSITIVE;
  return p > 1 ? 1 : p;
}

/** Checks the model's volatility, horizon and drift (default 0), and gives the drift. */
function requireModel(volatility: number, horizonDays: number, drift = 0): number {
  requireVolatility(volatility);
  requirePositiveNumber('horizonDays', horizonDays);
  if (!isFiniteNumber(drift))
    throw invalidValue('drift', String(drift), (w) => `${w.name}: ${drift} is not valid; expected ${w.expected}.`);
  return drift;
}

export interface EitherTouchInput {
  /** The fall that liquidates, as a fraction of the start (-0.18), or `null` when none does. */
  readonly fall: number | null;
  /** The rise that liquidates (0.41), or `null`. */
  readonly rise: number | null;
  readonly volatility: number;
  readonly horizonDays: number;
  readonly drift?: number;
}

/**
 * The chance that a market following geometric Brownian motion (as in `touchProbability`, from 1) touches either
 * `1 + fall` or `1 + rise` within the horizon: one minus the chance that its log stays in the corridor
 * `(a, b) = (ln(1 + fall), ln(1 + rise))`. By the method of images the survivors' density is
 * `Σ_k e^{c·x − c²σ²T/2}·[n(x − 2kL) − n(x − 2b + 2kL)]` (`L = b − a`, `c = ν/σ²`, `n` the N(0, σ²T) density).
 * Integrated over the corridor each term is a difference of two normal distribution values, so the exit chance is
 * the two tails beyond the barriers plus the images' terms, summed until they stop adding to 1e-16 (in practice
 * three or four k), with `erfc` in the tails so a small chance keeps its digits. With one barrier this is
 * `touchProbability`. A corridor narrow against `σ√T` takes the eigenfunction series instead (`corridorSurvival`).
 */
export function eitherTouchProbability(input: EitherTouchInput): number {
  const { fall, rise, volatility, horizonDays } = input;
  const drift = requireModel(volatility, horizonDays, input.drift);
  if (fall !== null && !(fall > -1 && fall < 0))
    throw invalidValue('fallMove', String(fall), (w) => `${w.name}: ${fall} is not valid; expected ${w.expected}.`);
  if (rise !== null && !(rise > 0 && isFiniteNumber(rise)))
    throw invalidValue('riseMove', String(rise), (w) => `${w.name}: ${rise} is not valid; expected ${w.expected}.`);
  const one = { price: 1, volatility, horizonDays, drift };
  if (rise === null) return fall === null ? 0 : touchProbability({ ...one, side: 1, liquidationPrice: 1 + fall });
  if (fall === null) return touchProbability({ ...one, side: -1, liquidationPrice: 1 + rise });
  const t = horizonDays / DAYS_A_YEAR;
  const nu = drift - (volatility * volatility) / 2;
  const spread = volatility * sqrt(t);
  const c = nu / (volatility * volatility);
  const a = log1p(fall);
  const b = log1p(rise);
  const width = b - a;
  // A corridor narrow against the spread: the images converge slowly, the eigenfunctions fast.
  if (width < 2 * spread) return 1 - corridorSurvival(a, b, nu, volatility, t);
  const at = (x: number) => (x - nu * t) / spread;
  /** `e^exponent · (N(y) − N(x))`, x < y, formed in logs: a strong drift pairs a huge factor with a tiny mass. */
  const term = (exponent: number, x: number, y: number) => {
    const logMass = logMassBetween(x, y);
    return logMass === -Infinity ? 0 : exp(exponent + logMass);
  };
  const direct = (k: number) => term(2 * c * k * width, at(a - 2 * k * width), at(b - 2 * k * width));
  const image = (k: number) => term(c * (2 * b - 2 * k * width), at(a - 2 * b + 2 * k * width), at(2 * k * width - b));
  // 1 − (the k = 0 direct term) is the two tails: beyond b, and below a.
  let p = exp(logNormalCdf(-at(b))) + exp(logNormalCdf(at(a))) + image(0);
  for (let k = 1; k < 100; k++) {
    const next = image(k) + image(-k) - direct(k) - direct(-k);
    p += next;
    if (abs(next) <= 1e-16 * p) break;
  }
  if (!isFiniteNumber(p))
    throw invalidValue(
      'drift',
      String(drift),
      (w) => `${w.name}: ${drift} with this volatility and horizon is beyond what the model can compute.`,
    );
  if (!(p > 0)) return SMALLEST_POSITIVE;
  return p > 1 ? 1 : p;
}

/**
 * The chance that log-price `νt + σW_t` stays inside `(a, b)` (a < 0 < b) up to `t`, by the eigenfunction series of
 * the killed motion: with `L = b − a`, `ω_n = nπ/L`, `c = ν/σ²`, the survivors' density is
 * `(2/L)·Σ sin(ω_n·(−a))·sin(ω_n·(x − a))·e^{c·x − (σ²ω_n²/2 + ν²/(2σ²))·t}`, whose integral over the corridor is
 * `(2/L)·Σ sin(ω_n·(−a))·ω_n/(c² + ω_n²)·e^{−σ²ω_n²t/2}·(e^{c·a − ν²t/(2σ²)} − (−1)^n·e^{c·b − ν²t/(2σ²)})`. Its
 * terms fall like `e^{−n²π²σ²t/(2L²)}`: fast where the images are slow.
 */
export function corridorSurvival(a: number, b: number, nu: number, volatility: number, t: number): number {
  const width = b - a;
  const v = volatility * volatility;
  const c = nu / v;
  const shift = (nu * nu * t) / (2 * v);
  const low = exp(c * a - shift);
  const high = exp(c * b - shift);
  let survival = 0;
  for (let n = 1; n < 10000; n++) {
    const omega = (n * PI) / width;
    const size = ((2 / width) * omega * exp((-v * omega * omega * t) / 2)) / (c * c + omega * omega);
    survival += size * Math.sin(-omega * a) * (low - (n % 2 === 0 ? high : -high));
    if (size * (low + high) < 1e-18) break;
  }
  return survival < 0 ? 0 : survival;
}

/** The highest annual volatility taken as meant: above it, a percentage was typed as a number. */
const MAX_VOLATILITY = 5;

/**
 * An annual volatility as a fraction (0.6 is 60 %), above 0 and at most 5 (500 % a year): the
 * sheet and the sidebar read it the same way, and a 60 typed for 60 % is refused, not taken as
 * 6,000 %. `typed` is the value as the person wrote it, for the message.
 */
export function requireVolatility(volatility: number, typed: string = String(volatility)): number {
  if (!(volatility > 0) || !isFiniteNumber(volatility))
    throw invalidValue('volatility', typed, (w) => `${w.name}: ${typed} is not valid; expected ${w.expected}.`);
  if (volatility > MAX_VOLATILITY) {
    const percent = formatAmount(new Dec(volatility).times(100).toSignificantDigits(6));
    throw invalidValue(
      'volatility',
      typed,
      (w) =>
        `${w.name}: ${typed} is ${percent} % a year, more than any market has; expected ${w.expected}, at most ` +
        `${MAX_VOLATILITY} (500 %). Write 60 % as 0.6 or 60%.`,
    );
  }
  return volatility;
}

export interface LossInput extends TouchInput {
  /** A stop-loss price, or `null` for none. */
  readonly stopPrice: number | null;
}

/**
 * Whether a stop closes the position before its liquidation price is reached (always, with no liquidation
 * price): the rule `maxLoss` applies to decimals, here on the model's floats.
 */
function stopFiresFirst(side: Side, stopPrice: number, liquidationPrice: number | null): boolean {
  if (liquidationPrice === null) return true;
  return side === 1 ? stopPrice > liquidationPrice : stopPrice < liquidationPrice;
}

/**
 * The chance of the position's maximum loss within the horizon: that the stop is hit where it fires
 * before liquidation, else that the liquidation price is touched (`touchProbability` of whichever
 * the price reaches first). Without a stop, the chance of liquidation.
 */
export function lossProbability(input: LossInput): number {
  const { stopPrice } = input;
  if (stopPrice === null) return touchProbability(input);
  requirePositiveNumber('stopPrice', stopPrice);
  if (input.liquidationPrice !== null) requirePositiveNumber('liqPrice', input.liquidationPrice);
  if (!stopFiresFirst(input.side, stopPrice, input.liquidationPrice)) return touchProbability(input);
  return touchProbability({ ...input, liquidationPrice: stopPrice });
}

function requirePositiveNumber(
  field: 'price' | 'volatility' | 'horizonDays' | 'liqPrice' | 'stopPrice' | 'periodsPerYear',
  value: number,
): void {
  if (!(value > 0) || !isFiniteNumber(value))
    throw invalidValue(field, String(value), (w) => `${w.name}: ${value} is not valid; expected ${w.expected}.`);
}

/**
 * Annualised volatility of prices at equal intervals, oldest first: the sample standard
 * deviation of the log returns × √periods a year. At least three prices, all above 0.
 */
export function annualVolatility(prices: readonly number[], periodsPerYear = DAYS_A_YEAR): number {
  requirePositiveNumber('periodsPerYear', periodsPerYear);
  if (prices.length < 3) {
    throw invalidValue(
      'prices',
      String(prices.length),
      (w) =>
        `${w.name}: ${prices.length} price${prices.length === 1 ? '' : 's'} given; expected at least 3 (two returns).`,
    );
  }
  const returns: number[] = [];
  // ln p_i − ln p_{i−1}, not ln(p_i / p_{i−1}): the ratio of extreme prices can underflow to 0.
  for (let i = 1; i < prices.length; i++) returns.push(log(prices[i]) - log(prices[i - 1]));
  const mean = returns.reduce((sum, r) => sum + r, 0) / returns.length;
  const variance = returns.reduce((sum, r) => sum + (r - mean) * (r - mean), 0) / (returns.length - 1);
  const volatility = sqrt(variance * periodsPerYear);
  if (!isFiniteNumber(volatility)) {
    throw invalidValue(
      'prices',
      String(volatility),
      (w) => `${w.name}: the volatility they give is too large to show in a cell; check the prices' units.`,
    );
  }
  return volatility;
}

export interface FundingInput {
  readonly side: Side;
  readonly entryPrice: Dec;
  readonly quantity: Dec;
  readonly leverage: Dec;
  /** Per payment, e.g. 0.0001; positive: longs pay shorts. */
  readonly fundingRate: Dec;
  readonly addedMargin?: Dec;
  readonly market: Market;
}

/**
 * How many funding payments at a constant rate, with the price staying at the entry, take an
 * isolated position's margin down to its maintenance margin: the smallest whole `n` with
 * `margin − n·N·|rate| ≤ MM`, `N` the notional at entry (`Q·entry`; COIN-M `Q·CS/entry` coins). `null` when the
 * position receives funding or the rate is 0.
 */
export function fundingPaymentsToLiquidation(input: FundingInput): Dec | null {
  const { side, entryPrice, quantity, fundingRate, market } = input;
  const margin = isolatedMargin(input);
  if (!fundingRate.isFinite())
    throw invalidValue(
      'fundingRate',
      fundingRate.toString(),
      (w) => `${w.name}: ${fundingRate.toString()} is not valid; expected ${w.expected}.`,
    );
  const pays =
    side === 1 ? fundingRate.isPositive() && !fundingRate.isZero() : fundingRate.isNegative() && !fundingRate.isZero();
  if (!pays) return null;
  const notional = notionalAt(market.contract, quantity, entryPrice);
  const payment = notional.times(fundingRate.abs());
  const unit = unitOf(market);
  const maintenance = market.tiers.maintenanceMargin(notional);
  if (fallsShortOf(margin, maintenance)) {
    const [has, needs] = formatPair(margin, maintenance);
    throw invalidValue(
      'leverage',
      margin.toString(),
      (w) =>
        `${w.name}: the margin of ${has} ${unit} is already below the maintenance margin of ${needs} ${unit} at the ` +
        'entry price; the position would be liquidated at once.',
    );
  }
  const room = margin.minus(maintenance);
  if (!room.isPositive()) return new Dec(0);
  const n = smallestCoveringCount(room, payment);
  if (n.gt(BEYOND_ANY_HORIZON)) {
    throw invalidValue(
      'fundingRate',
      fundingRate.toString(),
      (w) =>
        `${w.name}: at ${fundingRate.toNumber()} a payment, funding alone would take ${roughCount(n)} ` +
        `payments to bring this position to its maintenance margin: more than ${formatAmount(BEYOND_ANY_HORIZON)} ` +
        '(over a century even with hourly funding), so in practice funding never liquidates it.',
    );
  }
  return n;
}

/** A large count to three digits, in exponent form past a thousand billion. */
function roughCount(n: Dec): string {
  const rough = n.toSignificantDigits(3);
  return rough.lt(1e15) ? formatAmount(rough) : rough.toExponential().replace('e+', 'e');
}

/** Exact products of a count of up to 30 digits with an amount of 34. */
const EXACT_PRODUCTS = Dec.clone({ precision: 80 });

/** More payments than any horizon a trader could mean: over 114 years at one payment an hour. */
const BEYOND_ANY_HORIZON = new Dec(1_000_000);

/**
 * The smallest whole `n` with `n·payment ≥ room` (both above 0), exact for any magnitude: the
 * quotient is taken with enough digits for its whole part, so its ceiling is off by at most one,
 * which a single multiplication settles. Bounded time whatever the inputs.
 */
function smallestCoveringCount(room: Dec, payment: Dec): Dec {
  const estimate = room.div(payment);
  const wholeDigits = Math.max(estimate.e + 1, 1);
  // Up to 30 whole digits, the 34-digit quotient leaves the ceiling off by at most one; past that, it is
  // taken again with more digits. The checks multiply with enough digits to be exact (n·payment has at
  // most n's digits plus payment's 34).
  const Wide = wholeDigits <= 30 ? EXACT_PRODUCTS : Dec.clone({ precision: wholeDigits + 40 });
  let n = wholeDigits <= 30 ? new Wide(estimate.ceil()) : new Wide(room).div(new Wide(payment)).ceil();
  if (n.gt(0) && n.minus(1).times(payment).gte(room)) n = n.minus(1);
  else if (n.times(payment).lt(room)) n = n.plus(1);
  return new Dec(n);
}

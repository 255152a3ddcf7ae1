import fc from 'fast-check';
import { eitherTouchProbability, touchProbability } from '../../src/engine';
import { corridorSurvival } from '../../src/engine/odds';
import { seeded } from './helpers';

// The account's odds: the chance that the market touches either barrier (a fall or a rise) within the horizon.

const one = (side: 1 | -1, move: number, volatility: number, horizonDays: number, drift = 0) =>
  touchProbability({ side, price: 1, liquidationPrice: 1 + move, volatility, horizonDays, drift });

/**
 * Monte Carlo of the exit chance with the Brownian bridge between steps: each step's chance of touching a barrier
 * between its two ends is exp(−2·d0·d1/(σ²·dt)), so the estimator is exact for continuous monitoring up to the
 * sampling error (returned as one standard error).
 */
function monteCarlo(fall: number, rise: number, volatility: number, days: number, drift: number, paths: number) {
  const random = seeded(20261202);
  const steps = 64;
  const dt = days / 365 / steps;
  const nu = drift - (volatility * volatility) / 2;
  const a = Math.log1p(fall);
  const b = Math.log1p(rise);
  const v = volatility * volatility * dt;
  let sum = 0;
  let squares = 0;
  for (let p = 0; p < paths; p++) {
    let x = 0;
    let survive = 1;
    for (let s = 0; s < steps && survive > 0; s++) {
      const z = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
      const next = x + nu * dt + volatility * Math.sqrt(dt) * z;
      if (next <= a || next >= b) survive = 0;
      else survive *= (1 - Math.exp((-2 * (b - x) * (b - next)) / v)) * (1 - Math.exp((-2 * (x - a) * (next - a)) / v));
      x = next;
    }
    sum += 1 - survive;
    squares += (1 - survive) ** 2;
  }
  const mean = sum / paths;
  return { mean, error: Math.sqrt((squares / paths - mean * mean) / paths) };
}

describe('eitherTouchProbability: the two-barrier first passage', () => {
  it('is the one-barrier formula when the other barrier is far, to 1e-12', () => {
    for (const [fall, volatility, days, drift] of [
      [-0.2, 0.6, 7, 0],
      [-0.05, 0.8, 30, 0.3],
      [-0.5, 0.5, 365, -0.2],
    ]) {
      const far = eitherTouchProbability({ fall, rise: 1e6, volatility, horizonDays: days, drift });
      expect(Math.abs(far - one(1, fall, volatility, days, drift))).toBeLessThan(1e-12);
      const farFall = eitherTouchProbability({ fall: -0.999999999, rise: -fall, volatility, horizonDays: days, drift });
      expect(Math.abs(farFall - one(-1, -fall, volatility, days, drift))).toBeLessThan(1e-12);
    }
  });

  it('the images and the eigenfunctions give the same chance where both converge, to 1e-12', () => {
    for (const [fall, rise, volatility, days, drift] of [
      [-0.2, 0.25, 0.6, 20, 0],
      [-0.1, 0.1, 1.5, 1, 0.8],
      [-0.3, 0.3, 0.4, 200, -0.3],
    ]) {
      // Wide enough for eitherTouchProbability to take the images.
      expect(Math.log1p(rise) - Math.log1p(fall)).toBeGreaterThan(2 * volatility * Math.sqrt(days / 365));
      const viaImages = eitherTouchProbability({ fall, rise, volatility, horizonDays: days, drift });
      const nu = drift - (volatility * volatility) / 2;
      const viaEigen = 1 - corridorSurvival(Math.log1p(fall), Math.log1p(rise), nu, volatility, days / 365);
      expect(Math.abs(viaImages - viaEigen)).toBeLessThan(1e-12);
    }
  });

  it('with NONE on one side is LIQ_PROBABILITY of the other, and 0 with none', () => {
    expect(eitherTouchProbability({ fall: -0.2, rise: null, volatility: 0.6, horizonDays: 7 })).toBe(
      one(1, -0.2, 0.6, 7),
    );
    expect(eitherTouchProbability({ fall: null, rise: 0.3, volatility: 0.6, horizonDays: 7 })).toBe(
      one(-1, 0.3, 0.6, 7),
    );
    expect(eitherTouchProbability({ fall: null, rise: null, volatility: 0.6, horizonDays: 7 })).toBe(0);
  });

  it('agrees with a Monte Carlo estimate where both barriers matter', () => {
    for (const [fall, rise, volatility, days, drift] of [
      [-0.03, 0.03, 1.2, 60, 0], // a corridor narrow against the spread: the eigenfunction series
      [-0.1, 0.1, 0.6, 14, 0],
      [-0.25, 0.15, 0.9, 60, 0.4],
      [-0.05, 0.3, 0.5, 30, -0.5],
    ]) {
      const exact = eitherTouchProbability({ fall, rise, volatility, horizonDays: days, drift });
      const { mean, error } = monteCarlo(fall, rise, volatility, days, drift, 10000);
      expect(Math.abs(exact - mean)).toBeLessThan(4 * error + 1e-3);
      // Both barriers count: more than either alone, less than their sum (paths touching both count once).
      const [down, up] = [one(1, fall, volatility, days, drift), one(-1, rise, volatility, days, drift)];
      expect(exact).toBeGreaterThan(Math.max(down, up));
      expect(exact).toBeLessThan(down + up);
    }
  });

  it('keeps the digits of a small chance, and is 1 in the limit of a long horizon', () => {
    // About 9 standard deviations each way: about 4e-20, which 1 − (the chance of staying in) would give as 0.
    const small = eitherTouchProbability({ fall: -0.1, rise: 0.1, volatility: 0.2, horizonDays: 1 });
    expect(small).toBeGreaterThan(1e-21);
    expect(small).toBeLessThan(1e-18);
    expect(small / (one(1, -0.1, 0.2, 1) + one(-1, 0.1, 0.2, 1))).toBeCloseTo(1, 10);
    expect(eitherTouchProbability({ fall: -0.1, rise: 0.1, volatility: 1, horizonDays: 3650 })).toBeCloseTo(1, 12);
  });

  it('keeps its digits under a strong drift, where a factor of e^700 meets a mass of e^-730 (regression)', () => {
    // The property's counterexample: the image terms were computed from a normal tail that underflowed to 0.
    const [fall, rise, volatility, days, drift] = [-0.01, 1.4697307079835233, 0.05, 400, 1];
    const p = eitherTouchProbability({ fall, rise, volatility, horizonDays: days, drift });
    const [down, up] = [one(1, fall, volatility, days, drift), one(-1, rise, volatility, days, drift)];
    expect(p).toBeGreaterThanOrEqual(Math.max(down, up));
    expect(p).toBeLessThanOrEqual(down + up);
  });

  it('property: between the larger one-barrier chance and the sum, and rising with the horizon', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -0.9, max: -0.01, noNaN: true }),
        fc.double({ min: 0.01, max: 2, noNaN: true }),
        fc.double({ min: 0.05, max: 3, noNaN: true }),
        fc.double({ min: 0.5, max: 400, noNaN: true }),
        fc.double({ min: -1, max: 1, noNaN: true }),
        (fall, rise, volatility, days, drift) => {
          const p = eitherTouchProbability({ fall, rise, volatility, horizonDays: days, drift });
          const [down, up] = [one(1, fall, volatility, days, drift), one(-1, rise, volatility, days, drift)];
          // Relative 1e-10: far in the tail (1e-124) an image term is e^(x) with x about −280, exact to about 1e-13.
          // Below 1e-300 the one-barrier values are subnormal, with fewer digits.
          expect(p).toBeGreaterThanOrEqual(Math.max(down, up) * (1 - 1e-10) - 1e-300);
          expect(p).toBeLessThanOrEqual((down + up) * (1 + 1e-10) + 1e-300);
          const later = eitherTouchProbability({ fall, rise, volatility, horizonDays: days * 1.5, drift });
          expect(later).toBeGreaterThanOrEqual(p - 1e-12);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('refuses a fall that is not between -1 and 0 or a rise that is not above 0, naming it', () => {
    expect(() => eitherTouchProbability({ fall: 0.1, rise: null, volatility: 0.6, horizonDays: 7 })).toThrow(
      'fall: 0.1 is not valid; expected a market move between -1 and 0, such as -0.18, or NONE.',
    );
    expect(() => eitherTouchProbability({ fall: null, rise: -0.1, volatility: 0.6, horizonDays: 7 })).toThrow(
      'rise: -0.1 is not valid; expected a market move above 0, such as 0.41, or NONE.',
    );
  });
});

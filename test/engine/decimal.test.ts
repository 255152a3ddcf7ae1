import fc from 'fast-check';
import { Dec, approxNumber, formatAmount, formatRate, toFloat } from '../../src/engine/decimal';

describe('decimal helpers', () => {
  it('toFloat is exactly toNumber', () => {
    const same = (x: Dec) => expect(Object.is(toFloat(x), x.toNumber())).toBe(true);
    for (const v of [
      '0',
      '-0',
      '1',
      '-7',
      '1e-400',
      '-1e400',
      '1e308',
      '1.7976931348623159e308',
      '4.9e-324',
      '2.4e-324',
    ])
      same(new Dec(v));
    for (const v of [NaN, Infinity, -Infinity]) same(new Dec(v));
    const decimal = fc.tuple(fc.bigInt({ min: -(10n ** 34n), max: 10n ** 34n }), fc.integer({ min: -360, max: 340 }));
    fc.assert(
      fc.property(decimal, ([digits, exponent]) => same(new Dec(`${digits}e${exponent}`))),
      { numRuns: 20000 },
    );
    fc.assert(
      fc.property(fc.double({ noNaN: true }), fc.double({ noNaN: true, min: 1e-300 }), (a, b) =>
        same(new Dec(a).div(b)),
      ),
      { numRuns: 20000 },
    );
  });

  it('approxNumber is within 1e-13 of toNumber', () => {
    const close = (x: Dec) => {
      const exact = x.toNumber();
      expect(Math.abs(approxNumber(x) - exact)).toBeLessThanOrEqual(Math.abs(exact) * 1e-13);
    };
    expect(approxNumber(new Dec(-Infinity))).toBe(-Infinity);
    for (const v of [
      '0',
      '-0',
      '1',
      '-1',
      '0.004',
      '1234567.891',
      '1e-30',
      '-9.87654321e25',
      '0.1666666666666666666666666666666667',
      '9223372036854775808',
      '1e-320',
      '1e308',
    ])
      close(new Dec(v));
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (n) => close(new Dec(n))),
      { numRuns: 20000 },
    );
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 40n), max: 10n ** 40n }), fc.integer({ min: 0, max: 60 }), (n, scale) =>
        close(new Dec(n.toString()).div(new Dec(10).pow(scale))),
      ),
      { numRuns: 5000 },
    );
  });

  it('formats amounts and rates for messages', () => {
    expect(formatAmount(new Dec('1234567.891'))).toBe('1,234,567.891');
    expect(formatAmount(new Dec('-1000'))).toBe('-1,000');
    expect(formatAmount(new Dec('0.123456789123'), 4)).toBe('0.1235');
    expect(formatRate(new Dec('0.004'))).toBe('0.4 %');
  });
});

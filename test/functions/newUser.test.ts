import { sourceAndBundle } from './runners';

// What a new user hit in the sheet functions (issue 17): each case failed before the fix. They run on
// the source and on the built dist/Code.js in a bare vm context.
const runners = sourceAndBundle();

describe.each(runners)('a new user’s formulas (%s)', (_, run) => {
  const call = (name: string, ...args: unknown[]) => run(name, args);
  const thrown = (name: string, ...args: unknown[]): string => {
    try {
      run(name, args);
    } catch (error) {
      return (error as Error).message;
    }
    throw new Error(`${name} did not throw`);
  };

  it('refuse a volatility typed as a percentage number (60 for 60 %), and say how to write it', () => {
    const message = thrown('LIQ_PROBABILITY', 'LONG', 60000, 54216.87, 60, 7);
    expect(message).toBe(
      'volatility: 60 is 6,000 % a year, more than any market has; expected an annual volatility above 0, ' +
        'such as 0.6 for 60 %, at most 5 (500 %). Write 60 % as 0.6 or 60%.',
    );
    expect(call('LIQ_PROBABILITY', 'LONG', 60000, 54216.87, '60%', 7)).toBe(
      call('LIQ_PROBABILITY', 'LONG', 60000, 54216.87, 0.6, 7),
    );
    expect(call('LIQ_PROBABILITY', 'LONG', 60000, 54216.87, 5, 7)).toBeGreaterThan(0.9);
    expect(thrown('LIQ_GRID', 'LONG', 60000, 10000 / 60000, 5000, [[10]], '', 60, 7)).toMatch(
      /^volatility: 60 is 6,000 % a year/,
    );
    expect(thrown('LOSS_PROBABILITY', 'LONG', 60000, 54216.87, 5.5, 7)).toMatch(/^volatility: 5\.5 is 550 % a year/);
  });

  it('LOSS_PROBABILITY: the stop’s chance where the stop fires first, else the chance of liquidation', () => {
    const stop = call('LIQ_PROBABILITY', 'LONG', 60000, 57000, 0.6, 7) as number;
    const liq = call('LIQ_PROBABILITY', 'LONG', 60000, 54216.87, 0.6, 7) as number;
    expect(call('LOSS_PROBABILITY', 'LONG', 60000, 54216.87, 0.6, 7, 57000)).toBe(stop);
    expect(call('LOSS_PROBABILITY', 'LONG', 60000, 54216.87, 0.6, 7, 53000)).toBe(liq);
    expect(call('LOSS_PROBABILITY', 'LONG', 60000, 54216.87, 0.6, 7)).toBe(liq);
    expect(call('LOSS_PROBABILITY', 'LONG', 60000, 'NONE', 0.6, 7, 57000)).toBe(stop);
    expect(call('LOSS_PROBABILITY', 'SHORT', 60000, 66000, 0.6, 7, 63000)).toBe(
      call('LIQ_PROBABILITY', 'SHORT', 60000, 63000, 0.6, 7),
    );
    expect(stop).toBeGreaterThan(liq);
    // The price already past the stop: the stop has fired.
    expect(call('LOSS_PROBABILITY', 'LONG', 56000, 54216.87, 0.6, 7, 57000)).toBe(1);
  });

  it('TARGET_PRICE: a loss asks for a smaller one, and a target past liquidation is refused with that price', () => {
    expect(thrown('TARGET_PRICE', 'LONG', 60000, 10, -1)).toBe(
      'target_roe: -1 at 10× needs an exit price of 54,000, at or past the liquidation price of 54,216.87 ' +
        "(isolated, BTCUSDT's first bracket): the position is liquidated first. Expected a loss smaller than " +
        '96.38 % (above -0.9639).',
    );
    expect(thrown('TARGET_PRICE', 'LONG', 60000, 10, -20)).toMatch(/^target_roe: -20 at 10× .* loss smaller than/);
    expect(thrown('TARGET_PRICE', 'SHORT', 60000, 10, -1)).toMatch(
      /^target_roe: -1 at 10× needs an exit price of 66,000, at or past the liquidation price of 65,737\.05/,
    );
    expect(call('TARGET_PRICE', 'LONG', 60000, 10, -0.96)).toBe(54240);
    // A short's gain that needs a price at or below 0 asks for a smaller return.
    expect(thrown('TARGET_PRICE', 'SHORT', 60000, 10, 10)).toMatch(/at or below 0; expected a return below 10\.$/);
    // At 1× a long is never liquidated; a 100 % loss needs a price of 0.
    expect(thrown('TARGET_PRICE', 'LONG', 60000, 1, -1)).toMatch(/expected a loss smaller than 100 % \(above -1\)\.$/);
  });

  it('one leverage rule: ROE and TARGET_PRICE refuse what the market does not allow, as MAX_OPEN does', () => {
    const highest = /^leverage: 500× is above the highest leverage BTCUSDT allows \(150×, up to 300,000 USDT\)\.$/;
    expect(thrown('ROE', 'LONG', 60000, 66000, 500)).toMatch(highest);
    expect(thrown('TARGET_PRICE', 'LONG', 60000, 500, 0.5)).toMatch(highest);
    expect(thrown('MAX_OPEN', 'LONG', 60000, 500, 1000)).toMatch(highest);
    expect(thrown('ROE', 'LONG', 60000, 66000, 100000)).toMatch(/^leverage: 100000× is above the highest/);
    expect(call('ROE', 'LONG', 60000, 66000, 150)).toBeCloseTo(15, 12);
    expect(thrown('ROE', 'LONG', 60000, 66000, 151, 'ETHUSDT')).toMatch(/^leverage: 151× .*ETHUSDT allows/);
    expect(call('ROE', 'LONG', 60000, 66000, 500, 0.004)).toBeCloseTo(50, 12); // a flat rate sets no limit
  });

  it('POSITION_SIZE refuses a size past the last bracket cap, naming it', () => {
    expect(thrown('POSITION_SIZE', 'LONG', 60000, 59999.99, 300)).toBe(
      'risk_amount: 300 USDT at a stop 0.01 from the entry needs 30,000 (a notional of 1,800,000,000 USDT), ' +
        'at or above the last bracket cap of 1,800,000,000 USDT for BTCUSDT: such a position cannot be ' +
        'opened. Expected a smaller risk or a stop further from the entry.',
    );
    expect(thrown('POSITION_SIZE', 'SHORT', 60000, 60000.001, 300)).toMatch(/^risk_amount: 300 USDT .* cap of/);
    expect(call('POSITION_SIZE', 'LONG', 60000, 57000, 300)).toBeCloseTo(0.1, 12);
  });
});

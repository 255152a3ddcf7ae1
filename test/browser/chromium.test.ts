import { findChromium } from './chromium';

describe('finding a Chromium for the browser tests', () => {
  const saved = process.env.CHROMIUM_PATH;
  afterEach(() => {
    if (saved === undefined) delete process.env.CHROMIUM_PATH;
    else process.env.CHROMIUM_PATH = saved;
  });

  it('takes CHROMIUM_PATH first, and says so when it does not exist', () => {
    process.env.CHROMIUM_PATH = '/nowhere/chromium';
    expect(() => findChromium()).toThrow('CHROMIUM_PATH is /nowhere/chromium, which does not exist.');
  });

  it("otherwise finds one at a usual path or in Playwright's cache (the global setup installed one if needed)", () => {
    delete process.env.CHROMIUM_PATH;
    expect(findChromium()).toEqual(expect.any(String));
  });
});

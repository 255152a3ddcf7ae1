import { ensureChromium } from './browser/chromium';

/**
 * Before any test: a Chromium for the browser suites, found or installed (see chromium.ts). Its
 * path reaches the test workers through the environment.
 */
export default function globalSetup(): void {
  process.env.CHROMIUM_PATH = ensureChromium();
}

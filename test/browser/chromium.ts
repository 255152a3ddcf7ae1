import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';

// Where the browser tests find a Chromium, and how they get one on a fresh machine: the tests
// need a real browser, and `npm ci && npm test` must be enough.

/** The usual places of a Chromium or Chrome, most preferred first. */
const USUAL_PATHS = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/snap/bin/chromium',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
];

/** `CHROMIUM_PATH`, a usual path, or Playwright's own download: the first that exists, or `null`. */
export function findChromium(): string | null {
  const chosen = process.env.CHROMIUM_PATH;
  if (chosen) {
    if (!existsSync(chosen)) throw new Error(`CHROMIUM_PATH is ${chosen}, which does not exist.`);
    return chosen;
  }
  for (const path of USUAL_PATHS) if (existsSync(path)) return path;
  try {
    const downloaded = chromium.executablePath();
    if (existsSync(downloaded)) return downloaded;
  } catch {
    // playwright-core knows no download for this platform
  }
  return null;
}

function isDebianLike(): boolean {
  return process.platform === 'linux' && existsSync('/etc/debian_version');
}

/** The one command that gets a Chromium here, for the message when none can be installed. */
function installCommand(): string {
  if (isDebianLike()) return 'sudo apt-get install -y chromium   (or set CHROMIUM_PATH to a Chromium or Chrome)';
  return 'npx playwright-core install chromium   (or set CHROMIUM_PATH to a Chromium or Chrome)';
}

/**
 * A Chromium for the browser tests: found, or installed the way the platform allows (Debian or
 * Ubuntu as root: the distribution's package; elsewhere: Playwright's own download). Throws with
 * the command that fixes it when neither works.
 */
export function ensureChromium(log: (line: string) => void = console.log): string {
  const found = findChromium();
  if (found) return found;
  const run = (command: string, args: string[]) =>
    execFileSync(command, args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  try {
    if (isDebianLike() && process.getuid?.() === 0) {
      log("No Chromium found: installing the distribution's chromium package (apt-get)…");
      run('apt-get', ['update', '-qq']);
      run('apt-get', ['install', '-y', '-qq', 'chromium']);
    } else {
      log("No Chromium found: downloading Playwright's Chromium (npx playwright-core install chromium)…");
      run(process.platform === 'win32' ? 'npx.cmd' : 'npx', ['playwright-core', 'install', 'chromium']);
    }
  } catch (error) {
    throw new Error(
      `No Chromium for the browser tests, and installing one failed (${(error as Error).message}). ` +
        `Run:\n  ${installCommand()}`,
    );
  }
  const installed = findChromium();
  if (!installed) throw new Error(`No Chromium for the browser tests after installing. Run:\n  ${installCommand()}`);
  return installed;
}

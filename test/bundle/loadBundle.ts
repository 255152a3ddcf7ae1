import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import vm from 'node:vm';
import { HTML_FILES } from '../../src/shared/entryPoints';

export const BUNDLE_PATH = join(__dirname, '../../dist/Code.js');
export const ADDON_FILE_PATH = join(__dirname, `../../dist/${HTML_FILES.addon}.html`);

export function bundleSource(): string {
  if (!existsSync(BUNDLE_PATH)) throw new Error('dist/Code.js is missing: run `npm run build` first (npm test does).');
  return readFileSync(BUNDLE_PATH, 'utf8');
}

/**
 * A fresh context with nothing but the JavaScript built-ins (no require, process, Buffer or
 * console), with dist/Code.js loaded as Apps Script loads it: one script, top-level functions.
 */
export function loadBundle(source = bundleSource()): vm.Context {
  const context = vm.createContext({});
  vm.runInContext(source, context, { filename: 'Code.js' });
  return context;
}

/** Calls a top-level function of the bundle as Sheets would. */
export function callIn(context: vm.Context, name: string, args: readonly unknown[]): unknown {
  const fn = context[name] as (...a: unknown[]) => unknown;
  if (typeof fn !== 'function') throw new Error(`${name} is not a top-level function of the bundle`);
  return fn(...args);
}

export function addonFileSource(): string {
  if (!existsSync(ADDON_FILE_PATH)) throw new Error(`${ADDON_FILE_PATH} is missing: run \`npm run build\` first.`);
  return readFileSync(ADDON_FILE_PATH, 'utf8');
}

interface HtmlOutputFaker {
  createHtmlOutputFromFile?: (file: string) => unknown;
}

/**
 * An HtmlService that serves the add-on file as Apps Script does (its text, from getContent), and passes
 * every other file to `others` (a test's fake for the sidebar and dialogs). `reads` lists the files opened.
 */
export function htmlServiceWithAddonFile(others: HtmlOutputFaker = {}, reads: string[] = []): HtmlOutputFaker {
  const addonSource = addonFileSource();
  return {
    ...others,
    createHtmlOutputFromFile: (file: string) => {
      reads.push(file);
      if (file === HTML_FILES.addon) return { getContent: () => addonSource };
      if (!others.createHtmlOutputFromFile) throw new Error(`this test serves no HTML file ${file}`);
      return others.createHtmlOutputFromFile(file);
    },
  };
}

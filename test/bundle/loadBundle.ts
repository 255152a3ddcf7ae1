import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import vm from 'node:vm';

export const BUNDLE_PATH = join(__dirname, '../../dist/Code.js');

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

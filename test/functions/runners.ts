import { callFunction } from '../../src/functions';
import { callIn, loadBundle } from '../bundle/loadBundle';

/**
 * The two ways a case runs: on the source, and on the built dist/Code.js loaded in a bare vm context
 * as Apps Script loads it.
 */
export function sourceAndBundle(): [string, (name: string, args: unknown[]) => unknown][] {
  const bundle = loadBundle();
  return [
    ['source', (name, args) => callFunction(name, args)],
    ['bundle', (name, args) => callIn(bundle, name, args)],
  ];
}

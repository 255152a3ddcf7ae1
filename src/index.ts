// The bundle's surface: what the top-level Apps Script functions in dist/Code.js call into.
// Logic lives in the modules; this file only gathers it.
export { callFunction } from './functions';
export { SNAPSHOT_AS_OF } from './data/symbols';
export * as addon from './addon/menu';

// Build-time entry: the registry and its renderers, for scripts/build.mjs and scripts/docs.mjs.
export { FUNCTIONS } from '../src/functions/registry';
export { callFunction } from '../src/functions';
export { exampleFormula, helpText, renderReference, renderWrappers, withReference } from '../src/functions/docs';
export { ENTRY_POINTS, HTML_FILES } from '../src/shared/entryPoints';

// The surface of dist/Code.js: what its top-level Apps Script functions call into. The sheet functions
// and the menu; the rest of the add-on's server code (src/addon/menu.ts) is bundled apart, into the
// add-on file that Code.js reads only when a menu item, the sidebar or a dialog calls it.
export { callFunction } from './functions';
export { onInstall, onOpen } from './addon/onOpen';

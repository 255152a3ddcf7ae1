// Cell reading lives in the engine so that the sidebar words its errors as the sheet functions do.
export { parseMarginMode, parseNumber, parseSide } from '../engine/input';

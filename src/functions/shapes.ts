import type { CallShape, Shape } from './spec';

// Result shapes the registry declares, as functions of the call's arguments.

/** `width` cells per element of the broadcast arguments (one value, or a row of `width`, for a single call). */
export const perElement =
  (width: number) =>
  (call: CallShape): Shape =>
    call.broadcast
      ? { rows: call.broadcast.rows, columns: call.broadcast.columns * width }
      : { rows: 1, columns: width };

/** One cell, whatever the arguments. */
export const oneCell = (): Shape => ({ rows: 1, columns: 1 });

/** A header row and one row per non-blank element, as wide as the header (when the call succeeds). */
export const headerAndRows =
  (header: (call: CallShape) => readonly string[]) =>
  (call: CallShape): Shape => {
    const rows = call.nonBlankElements();
    if (rows === 0) throw new Error('no element: the call fails');
    return { rows: 1 + rows, columns: header(call).length };
  };

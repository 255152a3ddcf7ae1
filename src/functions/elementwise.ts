import type { BracketTable } from '../engine';
import { ArgumentError, type Arg, BLANK, type Out, type OutCell, isBlank, shapeText } from './cells';
import { broadcastShape, cellAt, checkArgumentCount, parseCell, sourcesOf } from './arguments';
import { errorCell } from './results';
import type { ElementwiseSpec, ParsedArgs, ParsedValue } from './spec';

/**
 * Runs an element-wise function the way an array formula would: single values repeat, ranges of
 * one shape go element by element. With single values only it returns one value (or a row, for
 * width 2) and throws on bad input; with any range it returns a grid where a bad element shows
 * `Error: …` and a blank element (every range blank there) shows blank.
 */
export function runElementwise(spec: ElementwiseSpec, args: readonly Arg[]): Out {
  checkArgumentCount(spec, args);
  const sources = sourcesOf(spec.params, args);
  const shape = broadcastShape(spec.params, sources);
  const tables = new Map<unknown, BracketTable>();

  // Single values are parsed once for the whole call; an error in one is kept for every element.
  const fixed = spec.params.map((param, i) => {
    const source = sources[i];
    if (source.kind !== 'one') return null;
    try {
      return { value: parseCell(param, source.cell, tables, source.table) };
    } catch (error) {
      return { error };
    }
  });

  const params = spec.params;
  const gridIndexes = sources.flatMap((s, i) => (s.kind === 'grid' ? [i] : []));
  const rowCells: unknown[] = params.map(() => undefined);

  /** Reads the grid cells of one element into `rowCells`; true if they are all blank. */
  const readElement = (row: number, column: number): boolean => {
    let blank = true;
    for (const i of gridIndexes) {
      const cell = cellAt(sources[i], row, column);
      rowCells[i] = cell;
      if (blank && !isBlank(cell)) blank = false;
    }
    return blank;
  };

  // One object reused for every element: compute functions read it synchronously and keep nothing.
  const parsed: Record<string, ParsedValue> = {};
  const computeElement = (): OutCell | readonly OutCell[] => {
    for (let i = 0; i < params.length; i++) {
      const one = fixed[i];
      if (one) {
        if ('error' in one) throw one.error;
        parsed[params[i].name] = one.value;
      } else {
        parsed[params[i].name] = parseCell(params[i], rowCells[i], tables);
      }
    }
    return spec.compute(parsed as ParsedArgs);
  };

  if (shape === null) {
    const result = computeElement();
    return typeof result === 'object' ? [result.slice()] : result;
  }
  if (spec.width > 1 && shape.columns > 1) {
    throw new ArgumentError(`${spec.name} gives ${spec.width} cells per position, so its ranges must be single columns; got a ${shapeText(shape.rows, shape.columns)} range.`);
  }
  const out: OutCell[][] = [];
  for (let r = 0; r < shape.rows; r++) {
    const row: OutCell[] = [];
    for (let c = 0; c < shape.columns; c++) {
      if (readElement(r, c)) {
        for (let k = 0; k < spec.width; k++) row.push(BLANK);
        continue;
      }
      try {
        const result = computeElement();
        if (typeof result === 'object') for (let k = 0; k < result.length; k++) row.push(result[k]);
        else row.push(result);
      } catch (error) {
        row.push(errorCell(error));
        for (let k = 1; k < spec.width; k++) row.push(BLANK);
      }
    }
    out.push(row);
  }
  return out;
}

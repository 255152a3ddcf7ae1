import type { BracketTable } from '../engine';
import { ArgumentError, type Arg, BLANK, type Out, type OutCell, isBlank, shapeText } from './cells';
import { broadcastShape, cellAt, checkArgumentCount, parseCell, sourcesOf, type Source } from './arguments';
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

  const computeAt = (row: number, column: number): readonly OutCell[] => {
    const parsed: Record<string, ParsedValue> = {};
    spec.params.forEach((param, i) => {
      const one = fixed[i];
      if (one) {
        if ('error' in one) throw one.error;
        parsed[param.name] = one.value;
      } else {
        parsed[param.name] = parseCell(param, cellAt(sources[i], row, column), tables);
      }
    });
    const result = spec.compute(parsed as ParsedArgs);
    return typeof result === 'object' ? result : [result];
  };

  if (shape === null) {
    const cells = computeAt(0, 0);
    return spec.width === 1 ? cells[0] : [cells.slice()];
  }
  if (spec.width > 1 && shape.columns > 1) {
    throw new ArgumentError(`${spec.name} gives ${spec.width} cells per position, so its ranges must be single columns; got a ${shapeText(shape.rows, shape.columns)} range.`);
  }
  const grids = sources.filter((s): s is Extract<Source, { kind: 'grid' }> => s.kind === 'grid');
  const out: OutCell[][] = [];
  for (let r = 0; r < shape.rows; r++) {
    const row: OutCell[] = [];
    for (let c = 0; c < shape.columns; c++) {
      if (grids.every((g) => isBlank(cellAt(g, r, c)))) {
        for (let k = 0; k < spec.width; k++) row.push(BLANK);
        continue;
      }
      try {
        row.push(...computeAt(r, c));
      } catch (error) {
        row.push(errorCell(error));
        for (let k = 1; k < spec.width; k++) row.push(BLANK);
      }
    }
    out.push(row);
  }
  return out;
}

import { ArgumentError, BLANK, type Arg, type Out, type OutCell } from './cells';
import { Call } from './call';
import { errorCell, errorMessage } from './results';
import { headerAndRows, oneCell, perElement } from './shapes';
import type { CellFailure, Combine, Element, FunctionSpec, ParsedValue, Shape } from './spec';

/**
 * Runs a sheet function over the arguments Sheets passed: one loop over the elements of the
 * broadcast arguments for every function, combined as the registry declares. A single call
 * returns one value (or row) and throws on bad input; a range call puts `Error: …` in a bad
 * element's cells and blanks where every range is blank.
 */
export function runFunction(spec: FunctionSpec, args: readonly Arg[]): Out {
  const call = new Call(spec, args);
  const combine = spec.combine;
  switch (combine.kind) {
    case 'elementwise':
      return runElementwise(call, combine);
    case 'rows':
      return runRows(call, combine);
    case 'list':
      return runList(call, combine);
    case 'table':
      return combine.compute(call.argsAt(0, 0));
  }
}

/**
 * The rows and columns a call fills, from how the function combines its elements (only a table
 * declares its own); a call that fails fills its own cell.
 */
export function resultShape(spec: FunctionSpec, args: readonly Arg[]): Shape {
  try {
    return shapeOf(spec.combine)(new Call(spec, args));
  } catch {
    return { rows: 1, columns: 1 };
  }
}

function shapeOf(combine: Combine): (call: Call) => Shape {
  switch (combine.kind) {
    case 'elementwise':
      return perElement(combine.width);
    case 'rows':
      return rowsShape(combine);
    case 'list':
      return headerAndRows(combine.header);
    case 'table':
      return combine.shape;
  }
}

function rowsShape(combine: Extract<Combine, { kind: 'rows' }>): (call: Call) => Shape {
  switch (combine.result) {
    case 'perElement':
      return perElement(1);
    case 'one':
      return oneCell;
    case 'row':
      return () => ({ rows: 1, columns: combine.width });
    case 'perValue':
      return (call) => {
        const rows = call.nonBlankValues();
        if (rows === 0) throw new Error('no value: the call fails');
        return { rows: 1 + rows, columns: combine.header.length };
      };
  }
}

function eachElement(call: Call, visit: (row: number, column: number) => void): void {
  const shape = call.broadcast ?? { rows: 1, columns: 1 };
  for (let r = 0; r < shape.rows; r++) for (let c = 0; c < shape.columns; c++) visit(r, c);
}

function blankGrid(call: Call, width: number): OutCell[][] {
  const shape = call.broadcast!;
  return Array.from({ length: shape.rows }, () => Array<OutCell>(shape.columns * width).fill(BLANK));
}

function runElementwise(call: Call, combine: Extract<Combine, { kind: 'elementwise' }>): Out {
  if (call.single) {
    const result = combine.compute(call.argsAt(0, 0));
    return typeof result === 'object' ? [result.slice()] : result;
  }
  const width = combine.width;
  const out = blankGrid(call, width);
  eachElement(call, (r, c) => {
    if (call.isBlankAt(r, c)) return;
    const row = out[r];
    try {
      const result = combine.compute(call.argsAt(r, c));
      if (typeof result === 'object') for (let k = 0; k < width; k++) row[c * width + k] = result[k];
      else row[c] = result;
    } catch (error) {
      row[c * width] = errorCell(error, call.spec);
    }
  });
  return out;
}

function runRows(call: Call, combine: Extract<Combine, { kind: 'rows' }>): Out {
  const spec = call.spec;
  const columns = call.broadcast?.columns ?? 1;
  const elements: Element[] = [];
  const badElements: { element: Omit<Element, 'args'>; error: unknown }[] = [];
  eachElement(call, (row, column) => {
    if (!call.single && call.isBlankAt(row, column)) return;
    const where = call.single ? '' : ` (row ${row + 1}${columns > 1 ? `, column ${column + 1}` : ''})`;
    try {
      const args = { ...call.argsAt(row, column) };
      combine.check?.(args);
      elements.push({ row, column, where, args });
    } catch (error) {
      badElements.push({ element: { row, column, where }, error });
    }
  });
  const varies = (name: string) => call.varies(name);
  if (badElements.length > 0) {
    const first = badElements[0];
    if (call.single || combine.result !== 'perElement')
      throw new ArgumentError(errorMessage(first.error, spec, first.element.where));
    const out = blankGrid(call, 1);
    const blamed = errorMessage(first.error, spec, first.element.where).split(':')[0];
    for (const e of elements)
      out[e.row][e.column] =
        `Error: ${blamed} is invalid, and ${spec.name} computes its rows ` +
        `together (in cross margin every position's liquidation price depends ` +
        `on every other); fix that row first.`;
    for (const { element, error } of badElements)
      out[element.row][element.column] = errorCell(error, spec, element.where);
    return out;
  }
  if (combine.result === 'one') return combine.compute(elements, varies);
  if (combine.result === 'row') return [combine.compute(elements, varies).slice()];
  if (combine.result === 'perValue') return runPerValue(call, combine, combine.compute(elements, varies));
  if (call.single) {
    const cell = combine.compute(elements, varies)[0];
    if (typeof cell === 'object') throw cell.failure;
    return cell;
  }
  const out = blankGrid(call, 1);
  if (elements.length === 0) return out;
  let cells: readonly (OutCell | CellFailure)[];
  try {
    cells = combine.compute(elements, varies);
  } catch (error) {
    const message = errorCell(error, spec);
    for (const e of elements) out[e.row][e.column] = message;
    return out;
  }
  elements.forEach((e, i) => {
    const cell = cells[i];
    out[e.row][e.column] = typeof cell === 'object' ? errorCell(cell.failure, spec) : cell;
  });
  return out;
}

/**
 * A header row, then one row per value of `over` up to its last non-blank one: a bad value's row holds its error, a
 * blank one's is blank, the others compute.
 */
function runPerValue(
  call: Call,
  combine: Extract<Combine, { result: 'perValue' }>,
  rowOf: (value: ParsedValue) => readonly (OutCell | CellFailure)[],
): Out {
  const width = combine.header.length;
  const rows: OutCell[][] = [combine.header.slice()];
  for (const one of call.overValues()) {
    let cells: OutCell[] = [];
    try {
      if (one !== null && 'error' in one) throw one.error;
      if (one !== null)
        cells = rowOf(one.value).map((cell) => (typeof cell === 'object' ? errorCell(cell.failure, call.spec) : cell));
    } catch (error) {
      cells = [errorCell(error, call.spec)];
    }
    while (cells.length < width) cells.push(BLANK);
    rows.push(cells);
  }
  return rows;
}

function runList(call: Call, combine: Extract<Combine, { kind: 'list' }>): Out {
  call.checkFixed();
  const header = combine.header(call);
  /** A row of the table: failures worded, as wide as the header. */
  const fill = (row: readonly (OutCell | CellFailure)[]): OutCell[] => {
    const cells = row.map((cell) => {
      if (typeof cell !== 'object') return cell;
      if (call.single) throw cell.failure;
      return errorCell(cell.failure, call.spec);
    });
    while (cells.length < header.length) cells.push(BLANK);
    return cells;
  };
  if (call.single) return [header.slice(), fill(combine.compute(call.argsAt(0, 0)))];
  const rows: OutCell[][] = [header.slice()];
  eachElement(call, (r, c) => {
    if (call.isBlankAt(r, c)) return;
    try {
      rows.push(fill(combine.compute(call.argsAt(r, c))));
    } catch (error) {
      rows.push(fill([errorCell(error, call.spec)]));
    }
  });
  if (rows.length === 1) {
    const listParam = call.spec.params.find((p) => p.name === combine.list)!;
    throw new ArgumentError(`${listParam.name} is blank; expected ${listParam.expected}.`);
  }
  return rows;
}

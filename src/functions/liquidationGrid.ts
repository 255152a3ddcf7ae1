import { type BracketTable, type Dec, type Side, compareLeverage } from '../engine';
import { ArgumentError, type Arg, NONE, type Out, type OutCell, isBlank, isGrid } from './cells';
import { checkArgumentCount, parseCell, sourcesOf } from './arguments';
import { parseNumber } from './parse';
import { errorCell, outcomeCell, toCellNumber } from './results';
import type { CustomSpec } from './spec';

export const GRID_HEADER: readonly string[] = [
  'Leverage',
  'Isolated margin',
  'Isolated liq. price',
  'Isolated distance',
  'Isolated max loss',
  'Cross liq. price',
  'Cross distance',
  'Cross max loss',
];

/** LIQ_GRID: one row per leverage comparing isolated and cross for the same position. */
export function runLiquidationGrid(args: readonly Arg[], spec: CustomSpec): Out {
  checkArgumentCount(spec, args);
  const params = spec.params;
  const sources = sourcesOf(params, args.map((arg, i) => (i === 4 ? undefined : arg)));
  const tables = new Map<unknown, BracketTable>();
  const read = (i: number) => {
    const source = sources[i];
    return parseCell(params[i], source.kind === 'one' ? source.cell : undefined, tables, source.kind === 'one' ? source.table : undefined);
  };
  const side = read(0) as Side;
  const entryPrice = read(1) as Dec;
  const quantity = read(2) as Dec;
  const walletBalance = read(3) as Dec;
  const table = read(5) as BracketTable;

  const leverageArg = args[4];
  const leverageCells = (isGrid(leverageArg) ? (leverageArg as unknown[][]).flat() : [leverageArg]).filter((cell) => !isBlank(cell));
  if (leverageCells.length === 0) throw new ArgumentError(`leverages is blank; expected one or more leverages, such as {2;5;10;20}.`);

  const rows: OutCell[][] = [GRID_HEADER.slice()];
  for (const cell of leverageCells) {
    let leverage;
    try {
      leverage = parseNumber('leverages', cell, params[4].expected);
    } catch (error) {
      rows.push([errorCell(error), ...Array<OutCell>(GRID_HEADER.length - 1).fill('')]);
      continue;
    }
    try {
      const row = compareLeverage({ side, entryPrice, sizeMode: 'QUANTITY', size: quantity, walletBalance, table }, leverage);
      rows.push([
        toCellNumber(leverage, 'leverage'),
        toCellNumber(row.margin, 'margin'),
        outcomeCell(row.isolated.liquidation, 'leverage'),
        distanceCell(row.isolated.distance),
        toCellNumber(row.isolated.maxLoss, 'isolated maximum loss'),
        outcomeCell(row.cross.liquidation, 'wallet_balance'),
        distanceCell(row.cross.distance),
        toCellNumber(row.cross.maxLoss, 'cross maximum loss'),
      ]);
    } catch (error) {
      rows.push([toCellNumber(leverage, 'leverage'), errorCell(error), ...Array<OutCell>(GRID_HEADER.length - 2).fill('')]);
    }
  }
  return rows;
}

function distanceCell(distance: Dec | null): OutCell {
  return distance === null ? NONE : toCellNumber(distance, 'distance to liquidation');
}

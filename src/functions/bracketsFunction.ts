import { SNAPSHOT_AS_OF, snapshotTable } from '../data/symbols';
import { EngineError } from '../engine';
import { ArgumentError, type Arg, type Out, type OutCell, describeCell, isBlank } from './cells';
import { checkArgumentCount, sourcesOf } from './arguments';
import type { CustomSpec } from './spec';

export const BRACKET_COLUMNS: readonly string[] = ['floor', 'cap', 'maint_margin_rate', 'maint_amount', 'max_leverage'];

/** BRACKETS: a snapshot symbol's table with a title row (symbol and snapshot date) and a header row. */
export function runBracketsFunction(args: readonly Arg[], spec: CustomSpec): Out {
  checkArgumentCount(spec, args);
  const [source] = sourcesOf(spec.params, args);
  const cell = source.kind === 'one' ? source.cell : undefined;
  if (isBlank(cell)) throw new ArgumentError('symbol is blank; expected a Binance USDⓈ-M symbol such as BTCUSDT.');
  if (typeof cell !== 'string') {
    throw new ArgumentError(`symbol: ${describeCell(cell)} is not a symbol; expected a Binance USDⓈ-M symbol such as BTCUSDT.`);
  }
  let table;
  try {
    table = snapshotTable(cell, 'symbol');
  } catch (error) {
    if (error instanceof EngineError) throw new ArgumentError(error.message);
    throw error;
  }
  const title: OutCell[] = [`${table.label} leverage brackets, Binance USDⓈ-M snapshot of ${SNAPSHOT_AS_OF}`, '', '', '', ''];
  const rows = table.brackets.map((b) => [b.floor, b.cap, b.mmr, b.cum, b.maxLeverage].map((v) => (v === null ? '' : v.toNumber())));
  return [title, BRACKET_COLUMNS.slice(), ...rows];
}

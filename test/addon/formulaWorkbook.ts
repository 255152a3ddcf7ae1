import FormulaParser from 'fast-formula-parser';
import { type SheetData, type Value, type WorkbookData, key } from '../../playground/src/sheetData';
import { columnLetters } from '../../src/shared/a1';

// A formula evaluator for the tests' Sheets double: cells hold what was typed or written; a real
// formula engine (fast-formula-parser: Excel grammar, 280 built-in functions) evaluates them, with
// this add-on's sheet functions. Arrays returned by a formula spill into the empty cells
// below and to the right, as in Google Sheets.

/** What a formula produced in a cell: a value, or an error with its message (Sheets' #ERROR!). */
export type Computed = { value: Value | null } | { error: string; message: string };

export type CustomFunction = (...args: unknown[]) => unknown;

export class Workbook {
  private computed = new Map<string, Map<string, Computed>>();
  private spills = new Map<string, Map<string, Value | null>>();
  /** The spills of the pass under way, while a recalculation runs. */
  private pass: Map<string, Map<string, Value | null>> | null = null;
  private evaluating = new Set<string>();
  /** One parser per nesting depth: a parser is not re-entrant, and a formula may need another evaluated first. */
  private parsers: FormulaParser[] = [];
  private config: Record<string, unknown>;

  constructor(
    public data: WorkbookData,
    functions: Record<string, CustomFunction>,
  ) {
    const custom: Record<string, (...args: { value: unknown; omitted?: boolean }[]) => unknown> = {
      // Sheets built-ins the parser lacks: MIN and MAX over numbers (text and blanks ignored, as in Sheets), UPPER.
      MIN: (...args) => extreme(args, Math.min),
      MAX: (...args) => extreme(args, Math.max),
      UPPER: (arg) => (arg.value === null || arg.value === undefined ? '' : String(arg.value).toUpperCase()),
    };
    for (const [name, fn] of Object.entries(functions)) {
      custom[name] = (...args) => {
        try {
          return fn(...args.map((arg) => (arg.omitted ? undefined : toSheetsValue(arg.value))));
        } catch (error) {
          // An error value, not an exception: like Sheets, IF then discards an error in the branch it
          // does not take (the parser evaluates both), and a chosen one still shows as #ERROR!.
          return new FormulaParser.FormulaError('#ERROR!', error instanceof Error ? error.message : String(error));
        }
      };
    }
    this.config = {
      functions: custom,
      onCell: ({ sheet, row, col }: { sheet: string; row: number; col: number }) => this.valueAt(sheet, row, col),
      onRange: (ref: { sheet: string; from: { row: number; col: number }; to: { row: number; col: number } }) => {
        const rows: (Value | null)[][] = [];
        for (let r = ref.from.row; r <= Math.min(ref.to.row, ref.from.row + 5000); r++) {
          const row: (Value | null)[] = [];
          for (let c = ref.from.col; c <= Math.min(ref.to.col, ref.from.col + 200); c++)
            row.push(this.valueAt(ref.sheet, r, c));
          rows.push(row);
        }
        return rows;
      },
    };
    this.recalculate();
  }

  sheet(name: string): SheetData {
    const sheet = this.data.sheets.find((s) => s.name === name);
    if (!sheet) throw new Error(`no sheet named ${name}`);
    return sheet;
  }

  /** Evaluates every formula; a few passes let formulas read cells that others spill into. */
  recalculate(): void {
    let previous = '';
    for (let pass = 0; pass < 6; pass++) {
      this.computed = new Map(this.data.sheets.map((s) => [s.name, new Map()]));
      const nextSpills = new Map<string, Map<string, Value | null>>(this.data.sheets.map((s) => [s.name, new Map()]));
      // A formula first evaluated because another reads it spills into this pass's map too.
      this.pass = nextSpills;
      for (const sheet of this.data.sheets) {
        for (const [k, cell] of Object.entries(sheet.cells)) {
          if (typeof cell.input !== 'string' || !cell.input.startsWith('=')) continue;
          const [row, column] = k.split(',').map(Number);
          this.evaluate(sheet.name, row, column, nextSpills);
        }
      }
      this.spills = nextSpills;
      this.pass = null;
      const signature = JSON.stringify([...nextSpills].map(([name, m]) => [name, [...m]]));
      if (signature === previous) break;
      previous = signature;
    }
  }

  private evaluate(sheetName: string, row: number, column: number, spills = this.pass ?? this.spills): Computed {
    const k = key(row, column);
    const done = this.computed.get(sheetName)?.get(k);
    if (done) return done;
    const id = `${sheetName}!${k}`;
    if (this.evaluating.has(id)) return { error: '#REF!', message: 'Circular dependency detected.' };
    const cell = this.sheet(sheetName).cells[k];
    this.evaluating.add(id);
    let result: Computed;
    try {
      const depth = this.evaluating.size - 1;
      this.parsers[depth] ??= new FormulaParser(this.config);
      const raw = this.parsers[depth].parse(
        (cell.input as string).slice(1),
        { sheet: sheetName, row, col: column },
        true,
      );
      result = this.place(sheetName, row, column, raw, spills);
    } catch (error) {
      result = formulaError(error);
    } finally {
      this.evaluating.delete(id);
    }
    this.computed.get(sheetName)!.set(k, result);
    return result;
  }

  /** A formula's result in its cell; an array spills, unless a cell it needs holds something. */
  private place(
    sheetName: string,
    row: number,
    column: number,
    raw: unknown,
    spills: Map<string, Map<string, Value | null>>,
  ): Computed {
    if (raw instanceof FormulaParser.FormulaError) return formulaError(raw);
    if (!Array.isArray(raw)) return { value: fromFormulaValue(raw) };
    const grid = raw as unknown[][];
    const sheet = this.sheet(sheetName);
    for (let r = 0; r < grid.length; r++) {
      for (let c = 0; c < (grid[r]?.length ?? 0); c++) {
        if (
          (r > 0 || c > 0) &&
          sheet.cells[key(row + r, column + c)] &&
          sheet.cells[key(row + r, column + c)].input !== ''
        ) {
          return {
            error: '#REF!',
            message:
              `Array result was not expanded because it would overwrite data in ` +
              `${columnLetters(column + c)}${row + r}.`,
          };
        }
      }
    }
    const target = spills.get(sheetName)!;
    grid.forEach((cells, r) =>
      cells.forEach((value, c) => {
        if (r > 0 || c > 0) target.set(key(row + r, column + c), fromFormulaValue(value));
      }),
    );
    return { value: fromFormulaValue(grid[0]?.[0]) };
  }

  /** A cell's value as formulas see it: its own value, what a formula spilled into it, or null. */
  valueAt(sheetName: string, row: number, column: number): Value | null {
    const sheet = this.data.sheets.find((s) => s.name === sheetName);
    if (!sheet) return null;
    const cell = sheet.cells[key(row, column)];
    if (cell && cell.input !== '') {
      if (typeof cell.input === 'string' && cell.input.startsWith('=')) {
        const computed = this.evaluate(sheetName, row, column);
        if ('error' in computed) throw new FormulaParser.FormulaError(computed.error, computed.message);
        return computed.value;
      }
      return cell.input;
    }
    return this.spills.get(sheetName)?.get(key(row, column)) ?? null;
  }

  /** What to show in a cell. */
  display(sheetName: string, row: number, column: number): Computed {
    const cell = this.sheet(sheetName).cells[key(row, column)];
    if (cell && typeof cell.input === 'string' && cell.input.startsWith('='))
      return this.computed.get(sheetName)?.get(key(row, column)) ?? { value: null };
    if (cell && cell.input !== '') return { value: cell.input };
    return { value: this.spills.get(sheetName)?.get(key(row, column)) ?? null };
  }

  setInput(sheetName: string, row: number, column: number, input: Value): void {
    const sheet = this.sheet(sheetName);
    const k = key(row, column);
    const cell = sheet.cells[k] ?? { input: '' };
    cell.input = input;
    if (input === '' && !cell.numberFormat && !cell.background && !cell.fontWeight && !cell.note) delete sheet.cells[k];
    else sheet.cells[k] = cell;
    this.recalculate();
  }

  /** The extent of a sheet's content, spills included. */
  extent(sheetName: string): { rows: number; columns: number } {
    let rows = 0;
    let columns = 0;
    const visit = (k: string) => {
      const [r, c] = k.split(',').map(Number);
      rows = Math.max(rows, r);
      columns = Math.max(columns, c);
    };
    Object.keys(this.sheet(sheetName).cells).forEach(visit);
    this.spills.get(sheetName)?.forEach((_, k) => visit(k));
    return { rows, columns };
  }
}

function extreme(args: { value: unknown }[], pick: (...values: number[]) => number): number {
  const numbers = args
    .flatMap((arg) => (Array.isArray(arg.value) ? (arg.value as unknown[][]).flat() : [arg.value]))
    .filter((v): v is number => typeof v === 'number');
  return numbers.length === 0 ? 0 : pick(...numbers);
}

function formulaError(error: unknown): Computed {
  if (error instanceof FormulaParser.FormulaError) return { error: error.error, message: error.message || error.error };
  return { error: '#ERROR!', message: error instanceof Error ? error.message : String(error) };
}

/** Sheets passes blank cells as "" to custom functions. */
function toSheetsValue(value: unknown): unknown {
  if (Array.isArray(value))
    return value.map((row) => (Array.isArray(row) ? row.map((cell) => cell ?? '') : (row ?? '')));
  return value ?? '';
}

function fromFormulaValue(value: unknown): Value | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') return value;
  return String(value);
}

import { callArguments } from '../../src/shared/formulaText';
import {
  ArrayValueObject,
  BaseFunction,
  type BaseValueObject,
  ErrorType,
  ErrorValueObject,
  FunctionType,
  type IFunctionInfo,
  ValueObjectFactory,
} from '@univerjs/engine-formula';
import { BooleanNumber } from '@univerjs/core';

// The add-on's sheet functions (the built bundle's globals) in Univer's formula engine. Each is a
// BaseFunction, not a `registerFunction` callback: a callback receives a blank cell and an omitted
// argument as 0, while Sheets passes "" and the add-on reads "" as "not given". An exception inside
// Univer's engine stops every later calculation, so each call catches it and returns #ERROR!, as
// Sheets shows; the message is kept for the cell, for the details line to show in full.

export interface FunctionHelp {
  name: string;
  summary: string;
  returns: string;
  /** A whole example formula, as the README shows it. */
  example: string;
  params: { name: string; help: string; optional: boolean }[];
}

type SheetsValue = number | string | boolean;
type SheetsArgument = SheetsValue | SheetsValue[][] | undefined;
type CustomFunction = (...args: SheetsArgument[]) => unknown;

/** Messages of the cells whose add-on formula failed, by `sheetId!row,column` (0-based, Univer's). */
export const errorMessages = new Map<string, string>();

export const messageKey = (sheetId: string, row: number, column: number) => `${sheetId}!${row},${column}`;

/** A value object as Sheets hands it to a custom function: "" for a blank, an error as its code. */
function plain(value: BaseValueObject): SheetsValue {
  if (value.isNull()) return '';
  if (value.isError()) return (value as ErrorValueObject).getErrorType();
  const raw = value.getValue();
  return typeof raw === 'number' || typeof raw === 'boolean' ? raw : String(raw ?? '');
}

/** A single cell arrives as its value, a range or array literal as rows of values: as in Sheets. */
function argument(variant: BaseValueObject): SheetsArgument {
  if (!variant.isArray()) return plain(variant);
  const array = variant as ArrayValueObject;
  const rows = array.getRowCount();
  const columns = array.getColumnCount();
  if (rows === 1 && columns === 1) return plain(array.get(0, 0) ?? ValueObjectFactory.create(null));
  return Array.from({ length: rows }, (_, r) =>
    Array.from({ length: columns }, (_, c) => plain(array.get(r, c) ?? ValueObjectFactory.create(null))),
  );
}

function result(value: unknown): BaseValueObject {
  if (!Array.isArray(value)) return ValueObjectFactory.create(value as SheetsValue);
  const rows = (value as unknown[][]).map((row) => row.map((cell) => ValueObjectFactory.create(cell as SheetsValue)));
  return ArrayValueObject.create({
    calculateValueList: rows,
    rowCount: rows.length,
    columnCount: rows[0]?.length ?? 0,
    unitId: '',
    sheetId: '',
    row: -1,
    column: -1,
  });
}

function bridge(fn: CustomFunction) {
  return class extends BaseFunction {
    // No count check here (Univer's would answer #N/A): the add-on explains a wrong count itself.
    override minParams = -1;
    override maxParams = -1;

    override calculate(...variants: BaseValueObject[]) {
      const at = messageKey(this.subUnitId ?? '', this.row, this.column);
      errorMessages.delete(at);
      const failed = variants.find((v) => v.isError());
      if (failed) return failed;
      try {
        return result(fn(...variants.map(argument)));
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        errorMessages.set(at, message);
        return ErrorValueObject.create(ErrorType.ERROR, message);
      }
    }
  };
}

/** The bundle's functions as Univer's formula config wants them: executors and their help. */
export function addonFunctions(help: readonly FunctionHelp[], globals: Record<string, unknown>) {
  const executors = help.map((fn) => {
    const implementation = globals[fn.name];
    if (typeof implementation !== 'function') throw new Error(`the bundle has no function ${fn.name}`);
    return [bridge(implementation as CustomFunction), fn.name] as [new (name: string) => BaseFunction, string];
  });
  const descriptions: IFunctionInfo[] = help.map((fn) => ({
    functionName: fn.name,
    functionType: FunctionType.User,
    description: `${fn.summary} ${fn.returns}`,
    abstract: fn.summary,
    functionParameter: fn.params.map((p, i) => ({
      name: p.name,
      detail: p.help,
      example: callArguments(fn.example)[i] ?? '',
      require: p.optional ? BooleanNumber.FALSE : BooleanNumber.TRUE,
      repeat: BooleanNumber.FALSE,
    })),
  }));
  return { executors, descriptions };
}

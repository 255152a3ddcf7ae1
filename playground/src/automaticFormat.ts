import { CellValueType, InterceptorEffectEnum, type Univer } from '@univerjs/core';
import { INTERCEPTOR_POINT, INumfmtService, SheetInterceptorService } from '@univerjs/sheets';

// Sheets' automatic number format, which Univer's General lacks: a number in a cell without a format is
// rounded to as many digits as its column shows (54,216.867469… reads 54216.8675 in a 88-pixel
// column), not cut at the cell's edge (54216.86746); one too large for the column turns to 1.23E+14.
// Display only: the value, and what formulas and the add-on read, stay exact.

const PADDING = 6;
let measure: CanvasRenderingContext2D | null = null;

function textWidth(text: string): number {
  measure ??= document.createElement('canvas').getContext('2d');
  if (!measure) return text.length * 8;
  measure.font = '11pt Arial';
  return measure.measureText(text).width;
}

/** The number as the automatic format shows it in `width` pixels. */
export function automaticText(value: number, width: number, widthOf: (text: string) => number = textWidth): string {
  const room = width - PADDING;
  const plain = String(value);
  if (widthOf(plain) <= room) return plain;
  const wholeDigits = Math.max(1, Math.floor(Math.log10(Math.abs(value))) + 1);
  if (Math.abs(value) >= 1e-4 && wholeDigits <= 15) {
    for (let digits = 15; digits >= wholeDigits; digits--) {
      const text = String(Number(value.toPrecision(digits)));
      if (!text.includes('e') && widthOf(text) <= room) return text;
    }
  }
  for (let digits = 15; digits >= 1; digits--) {
    const text = value
      .toExponential(digits - 1)
      .replace(/\.?0+e/, 'e')
      .replace('e', 'E');
    if (widthOf(text) <= room) return text;
  }
  return value.toExponential(0).replace('e', 'E');
}

/** Registers the automatic format on the workbook's cells, for display. */
export function installAutomaticFormat(univer: Univer): void {
  const injector = univer.__getInjector();
  const numfmt = injector.get(INumfmtService);
  injector.get(SheetInterceptorService).intercept(INTERCEPTOR_POINT.CELL_CONTENT, {
    effect: InterceptorEffectEnum.Value | InterceptorEffectEnum.Style,
    // After the others (number formats, spilled values), before the sheets plugin's last one at -1, which
    // ends the chain.
    priority: -0.5,
    handler: (cell, location, next) => {
      if (!cell || typeof cell.v !== 'number' || cell.t === CellValueType.BOOLEAN) return next(cell);
      const style = cell.s && typeof cell.s === 'string' ? location.workbook.getStyles().get(cell.s) : cell.s;
      const pattern =
        (style && typeof style === 'object' ? style.n?.pattern : undefined) ??
        numfmt.getValue(location.unitId, location.subUnitId, location.row, location.col)?.pattern;
      if (pattern && pattern !== 'General') return next(cell);
      const text = automaticText(cell.v, location.worksheet.getColumnWidth(location.col));
      return next(text === String(cell.v) ? cell : { ...cell, v: text, t: CellValueType.NUMBER });
    },
  });
}

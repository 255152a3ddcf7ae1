import type { IDisposable } from '@univerjs/core';
import type { FUniver } from '@univerjs/core/facade';
import type { FWorksheet } from '@univerjs/sheets/facade';
import '@univerjs/sheets-note/facade';
import { CellAlertType } from '@univerjs/sheets-ui';
import '@univerjs/sheets-ui/facade';
import { errorMeaning } from './formulaErrors';
import { errorMessages, messageKey } from './functions';

// The line under the toolbar: what the selected cell cannot show in full. An error with its
// message (the add-on's own words, or what the spreadsheet's error code means), an `Error:` text
// inside a range result, and the cell's note.

export function cellDetails(sheet: FWorksheet, row: number, column: number): { error: string; note: string } {
  const cell = sheet.getRange(row, column);
  const value = cell.getValue();
  const code = String(value);
  const explained = errorMessages.get(messageKey(sheet.getSheetId(), row, column)) ?? errorMeaning(code);
  const error =
    code.startsWith('#') && explained !== undefined
      ? `${code} ${explained}`
      : typeof value === 'string' && value.startsWith('Error: ')
        ? value
        : '';
  return { error, note: cell.getNote()?.note ?? '' };
}

/**
 * Hovering a cell whose error the cell cannot show in full shows it beside the cell, as Sheets does
 * for #ERROR!; the popup goes when the pointer leaves the cell.
 */
export function errorsOnHover(api: FUniver): void {
  let shown: { at: string; popup: IDisposable } | null = null;
  api.addEvent(api.Event.CellHover, ({ worksheet, row, column }) => {
    const at = `${worksheet.getSheetId()}!${row},${column}`;
    if (shown?.at === at) return;
    shown?.popup.dispose();
    shown = null;
    const { error } = cellDetails(worksheet, row, column);
    if (!error) return;
    const [title, ...rest] = error.startsWith('#') ? error.split(' ') : ['Error', error.slice('Error: '.length)];
    const popup = worksheet.getRange(row, column).attachAlertPopup({
      type: CellAlertType.ERROR,
      title,
      message: rest.join(' '),
      width: 320,
      height: 140,
      key: 'liquidation-planner-error',
    });
    shown = { at, popup };
  });
}

import type { FWorksheet } from '@univerjs/sheets/facade';
import '@univerjs/sheets-note/facade';
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

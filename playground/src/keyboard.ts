import type { FUniver } from '@univerjs/core/facade';
import '@univerjs/sheets-ui/facade';

// The keyboard around the sheet: keys Sheets has and Univer 0.25.1 lacks, and moving between the
// page's regions (menu, sheet, sidebar) without a mouse.

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

/** Where the keyboard last was in the sheet, to go back there after the menu or a message, as in Sheets. */
let sheetFocus: HTMLElement | null = null;

export function returnToSheet(): void {
  // Before any click the sheet's keyboard target is Univer's hidden cell editor.
  const target = sheetFocus?.isConnected
    ? sheetFocus
    : $('workbook').querySelector<HTMLElement>('[contenteditable="true"]');
  target?.focus();
}

/** The sidebar's first field, as the keyboard reaches it (also what opening the scenario builder does). */
export function focusSidebar(): void {
  const frame = $<HTMLIFrameElement>('sidebar');
  frame.focus();
  frame.contentDocument?.querySelector<HTMLElement>('input, select, button')?.focus();
}

/**
 * F6 and Shift+F6 move the keyboard between the page's regions, the menu, the sheet and the sidebar,
 * as in a browser: inside the sheet, Tab moves between cells.
 */
function regionKeys(event: KeyboardEvent): void {
  if (event.key !== 'F6' || event.ctrlKey || event.altKey || event.metaKey) return;
  event.preventDefault();
  event.stopImmediatePropagation();
  const active = document.activeElement;
  const regions = [() => $('menu').querySelector('summary')?.focus(), returnToSheet, focusSidebar];
  const current = $('menu').contains(active)
    ? 0
    : $('workbook').contains(active)
      ? 1
      : active === $('sidebar')
        ? 2
        : -1;
  const step = event.shiftKey ? regions.length - 1 : 1;
  regions[current === -1 ? 1 : (current + step) % regions.length]();
}

/**
 * Shift+Tab moves to the cell on the left, committing an edit (Univer binds it but clears the
 * selection, and the browser then moves the focus out of the sheet); Ctrl+Home goes to A1; PageDown
 * and PageUp move the selection a screen of rows down or up, and the sheet with it.
 */
function sheetKeys(event: KeyboardEvent, container: HTMLElement, api: () => FUniver): void {
  if (!(event.target instanceof Node) || !container.contains(event.target)) return;
  const book = api().getActiveWorkbook();
  const range = book?.getActiveRange();
  if (!book || !range) return;
  const home = event.key === 'Home' && (event.ctrlKey || event.metaKey) && !event.shiftKey;
  const shiftTab = event.key === 'Tab' && event.shiftKey && !event.ctrlKey && !event.altKey && !event.metaKey;
  const page = (event.key === 'PageDown' || event.key === 'PageUp') && !event.ctrlKey && !event.altKey;
  if (!home && !shiftTab && !page) return;
  event.preventDefault();
  event.stopImmediatePropagation();
  const sheet = book.getActiveSheet();
  if (page) {
    if (book.isCellEditing()) return;
    const visible = sheet.getVisibleRange();
    if (!visible) return;
    const rows = Math.max(1, visible.endRow - visible.startRow);
    const step = event.key === 'PageDown' ? rows : -rows;
    const last = sheet.getMaxRows() - 1;
    const row = Math.min(last, Math.max(0, range.getRow() + step));
    const top = Math.min(last, Math.max(0, visible.startRow + step));
    sheet.getRange(row, range.getColumn()).activate();
    sheet.scrollToCell(top, visible.startColumn);
    return;
  }
  if (home) {
    if (!book.isCellEditing()) sheet.getRange(0, 0).activate();
    sheet.scrollToCell(0, 0);
    return;
  }
  const moveLeft = () => sheet.getRange(range.getRow(), Math.max(0, range.getColumn() - 1)).activate();
  if (!book.isCellEditing()) moveLeft();
  // Committing moves the selection down first; move once that is done.
  else void book.endEditingAsync(true).then(() => requestAnimationFrame(moveLeft));
}

/** Installs the keys; call before Univer starts, whose own key handling listens on the window too. */
export function installKeyboard(container: HTMLElement, api: () => FUniver): void {
  window.addEventListener(
    'keydown',
    (event) => (event.key === 'F6' ? regionKeys(event) : sheetKeys(event, container, api)),
    true,
  );
  container.addEventListener('focusin', (event) => (sheetFocus = event.target as HTMLElement));
  // The sidebar is a page of its own: its keys reach this page only through a listener there.
  const frame = $<HTMLIFrameElement>('sidebar');
  const listenInSidebar = () => frame.contentWindow?.addEventListener('keydown', regionKeys, true);
  listenInSidebar();
  frame.addEventListener('load', listenInSidebar);
}

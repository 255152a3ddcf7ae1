import type { FUniver } from '@univerjs/core/facade';
import type {} from '@univerjs/sheets/facade';
import type {} from '@univerjs/sheets-ui/facade';
import type { Page } from 'playwright-core';

/** Univer's facade on the page (typed here; the functions below run in the browser). */
type PageWindow = Window & { univerAPI: FUniver };

// Driving the playground's Univer workbook from a test: the mouse and keyboard do what a user
// does (clicks land on the cell's place on the canvas), and Univer's facade (window.univerAPI)
// reads back what the sheet holds and shows.

type Raw = string | number | boolean;

/**
 * Where a cell is on the page now: its rectangle on the sheet (Univer gives it as if unscrolled)
 * moved by the scroll, plus the visible part of the canvas.
 */
function cellBox(page: Page, a1: string) {
  return page.evaluate((a1) => {
    const canvas = document.querySelector('canvas[id^="univer-sheet-main-canvas"]')!.getBoundingClientRect();
    const sheet = (window as unknown as PageWindow).univerAPI.getActiveWorkbook()!.getActiveSheet();
    const scroll = sheet.getScrollState();
    const origin = sheet.getRange(0, 0).getCellRect();
    const firstShown = sheet.getRange(scroll.sheetViewStartRow, scroll.sheetViewStartColumn).getCellRect();
    const rect = sheet.getRange(a1).getCellRect();
    const x = rect.x - (firstShown.x - origin.x) - scroll.offsetX;
    const y = rect.y - (firstShown.y - origin.y) - scroll.offsetY;
    return {
      page: { x: canvas.x + x + rect.width / 2, y: canvas.y + y + rect.height / 2 },
      onScreen: x >= origin.x && y >= origin.y && x + rect.width <= canvas.width && y + rect.height <= canvas.height,
    };
  }, a1);
}

/** The page coordinates of a cell's centre. */
export async function cellPoint(page: Page, a1: string): Promise<{ x: number; y: number }> {
  const box = await cellBox(page, a1);
  if (!box.onScreen) throw new Error(`${a1} is not on screen: a user could not click it`);
  return box.page;
}

/** Whether a cell lies wholly inside the visible part of the sheet. */
export async function cellOnScreen(page: Page, a1: string): Promise<boolean> {
  return (await cellBox(page, a1)).onScreen;
}

export async function clickCell(page: Page, a1: string, modifier?: 'Shift'): Promise<void> {
  const { x, y } = await cellPoint(page, a1);
  if (modifier) await page.keyboard.down(modifier);
  await page.mouse.click(x, y);
  if (modifier) await page.keyboard.up(modifier);
}

/**
 * Clicks a cell until the sheet has selected it: a click that a busy page did not take is clicked
 * again (the wait for the selection is what separates two clicks, so they do not make a double-click).
 */
export async function selectCell(page: Page, a1: string): Promise<void> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    await clickCell(page, a1);
    const until = Date.now() + 1500;
    while (Date.now() < until) {
      if ((await activeRange(page)) === a1) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    if (Date.now() > deadline) expect(await activeRange(page)).toBe(a1);
  }
}

/**
 * Types into a cell as a user does: select it, type, and commit (Enter by default). It waits for the
 * cell to be selected before typing, and for it to hold what was typed after: on a loaded machine a
 * key pressed before the sheet has taken the click lands elsewhere.
 */
export async function typeInto(page: Page, a1: string, text: string, commit = 'Enter'): Promise<void> {
  await selectCell(page, a1);
  await page.keyboard.type(text);
  await page.keyboard.press(commit);
  await settle(page);
  await eventually(async () => {
    const [formula, value] = [await readOne(page, a1, 'formula'), await readOne(page, a1)];
    expect(formula !== '' || value !== '').toBe(true);
  });
}

/**
 * Waits for Univer to take the last input, compute, and draw. Univer starts computing a little after
 * a change (and "complete" is also true before it starts), so this alone does not prove a value is
 * current: a test reads what it asserts through `eventually`, which polls until it holds.
 */
export async function settle(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const formula = (window as unknown as PageWindow).univerAPI.getFormula();
    const frames = () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    await frames();
    await formula.whenComputingCompleteAsync(10_000);
    await frames();
  });
}

/**
 * Runs an assertion until it passes or the deadline passes (then its last failure is thrown): a
 * browser test waits for the state it asserts, never for a fixed time, on a fast or a loaded machine.
 */
export async function eventually(assertion: () => Promise<void>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await assertion();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

type Read = 'raw' | 'shown' | 'formula';

/**
 * What a range of the active sheet (or a named sheet) holds, read through the page's SpreadsheetApp
 * (the adapter the add-on's own code uses): values as Apps Script gives them, shown text, or formulas.
 */
export function read(page: Page, a1: string, what: Read = 'raw', sheet?: string): Promise<Raw[][]> {
  return page.evaluate<Raw[][], { a1: string; what: Read; sheet?: string }>(
    ({ a1, what, sheet }) => {
      const app = (window as unknown as { SpreadsheetApp: GoogleAppsScript.Spreadsheet.SpreadsheetApp }).SpreadsheetApp;
      const book = app.getActive();
      const range = (sheet ? book.getSheetByName(sheet)! : book.getActiveSheet()).getRange(a1);
      const cells =
        what === 'raw' ? range.getValues() : what === 'shown' ? range.getDisplayValues() : range.getFormulas();
      return cells as Raw[][];
    },
    { a1, what, sheet },
  );
}

export async function readOne(page: Page, a1: string, what: Read = 'raw'): Promise<Raw> {
  return (await read(page, a1, what))[0][0];
}

export function activeRange(page: Page): Promise<string | null> {
  return page.evaluate(() => {
    const api = (window as unknown as PageWindow).univerAPI;
    return api.getActiveWorkbook()!.getActiveRange()?.getA1Notation() ?? null;
  });
}

/** Opens a sheet by its tab, as a user does. */
export async function showSheet(page: Page, name: string): Promise<void> {
  await page.locator('#workbook').getByText(name, { exact: true }).click();
  await settle(page);
}

export function visibleSheets(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const api = (window as unknown as PageWindow).univerAPI;
    return api
      .getActiveWorkbook()!
      .getSheets()
      .filter((sheet) => !sheet.isSheetHidden())
      .map((sheet) => sheet.getSheetName());
  });
}

/** The used part of the active sheet as shown, for scanning every cell. */
export function shownCells(page: Page): Promise<string[][]> {
  return page.evaluate(() => {
    const api = (window as unknown as PageWindow).univerAPI;
    const sheet = api.getActiveWorkbook()!.getActiveSheet();
    return sheet.getRange(0, 0, sheet.getLastRow() + 1, sheet.getLastColumn() + 1).getDisplayValues();
  });
}

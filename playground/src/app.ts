import type { IWorkbookData } from '@univerjs/core';
import type { FUniver } from '@univerjs/core/facade';
import '@univerjs/sheets/facade';
import '@univerjs/sheets-ui/facade';
import '@univerjs/sheets-formula/facade';
import '@univerjs/sheets-numfmt/facade';
import { HTML_FILES, REFUSED_TITLE, menuEntries } from '../../src/shared/entryPoints';
import { type AlertMessage, PlaygroundSpreadsheet, type SideData, appsScriptGlobals } from './adapter';
import { placeCharts, renderCharts } from './charts';
import { exampleWorkbook } from './examples';
import { cellDetails, errorsOnHover } from './details';
import type { FunctionHelp } from './functions';
import { focusSidebar, installKeyboard, returnToSheet } from './keyboard';
import { workbookSnapshot } from './snapshot';
import { openWorkbook, startUniver } from './univer';

// The playground page: a Univer workbook whose formulas use the add-on's functions from the
// built bundle (dist/Code.js, loaded before this script as Apps Script would load it), and the
// real sidebar beside it, whose server calls run the bundle's own server code against the
// workbook. Edits are kept in this browser (localStorage).

const STORAGE_KEY = 'liquidation-planner-playground-v2';
const WORKBOOK_ID = 'playground';
const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const globals = window as unknown as Record<string, unknown>;

const RISK_PLAN_NOTE =
  'The risk-plan template, as Extensions → Liquidation Planner → Insert risk plan writes it: cross ' +
  'positions through LIQ_PRICE_PORTFOLIO, isolated ones through LIQ_PRICE_ISOLATED, a summary, rows ' +
  'that turn red near liquidation, and below them the USDT account under a market move (as set, all ' +
  'cross, all isolated) with its chart. Try the menu: freeze the values for sharing, then restore the ' +
  'live formulas.';

interface Saved {
  snapshot: IWorkbookData;
  side: SideData;
}

let api: FUniver;
let spreadsheet: PlaygroundSpreadsheet;
let side: SideData = { charts: {}, notes: {} };

function loadSaved(): Saved | null {
  try {
    const text = localStorage.getItem(STORAGE_KEY);
    if (!text) return null;
    const saved = JSON.parse(text) as Saved;
    return saved.snapshot?.sheets && saved.side?.charts ? saved : null;
  } catch {
    return null; // A damaged save falls back to the examples.
  }
}

let saveTimer: ReturnType<typeof setTimeout> | undefined;
function scheduleSave(): void {
  clearTimeout(saveTimer);
  saveTimer = setTimeout(saveNow, 250);
}
function saveNow(): void {
  clearTimeout(saveTimer);
  const book = api.getActiveWorkbook();
  if (book) localStorage.setItem(STORAGE_KEY, JSON.stringify({ snapshot: book.save(), side } satisfies Saved));
}

/**
 * Opens the examples, then the add-on's own risk-plan template inserted by the bundle's menu function.
 * The workbook is opened once (opening it again at once would dispose one Univer is still drawing).
 */
function openExamples(): void {
  const data = exampleWorkbook();
  const { snapshot, sheetIds } = workbookSnapshot(data, WORKBOOK_ID);
  side = { charts: {}, notes: Object.fromEntries(data.sheets.map((sheet, i) => [sheetIds[i], sheet.note ?? ''])) };
  const book = openWorkbook(api, snapshot);
  (globals.insertRiskPlanSheet as () => void)();
  const plan = book.getActiveSheet();
  side.notes[plan.getSheetId()] = RISK_PLAN_NOTE;
  book.setActiveSheet(sheetIds[0]);
  refresh();
}

/** Opens a saved workbook (or the examples) afresh: a new workbook has no undo history. */
function open(saved: Saved): void {
  side = saved.side;
  openWorkbook(api, saved.snapshot);
  refresh();
}

function reset(): void {
  localStorage.removeItem(STORAGE_KEY);
  openExamples();
  saveNow();
}

/** Under the toolbar: the sheet's note; under the formula bar, the selected cell's error or note in full. */
function refresh(): void {
  const book = api.getActiveWorkbook();
  if (!book) return;
  const sheet = book.getActiveSheet();
  $('note').textContent = side.notes[sheet.getSheetId()] ?? '';
  const details = $('details');
  details.replaceChildren();
  const range = book.getActiveRange();
  if (range) {
    const { error, note } = cellDetails(sheet, range.getRow(), range.getColumn());
    if (error) details.append(Object.assign(document.createElement('div'), { className: 'error', textContent: error }));
    if (note)
      details.append(
        Object.assign(document.createElement('div'), { className: 'cell-note', textContent: `Note: ${note}` }),
      );
  }
  const values = spreadsheet.sheetById(sheet.getSheetId());
  renderCharts(
    $('charts'),
    (a1) =>
      values
        .getRange(a1)
        .getValues()
        .map((row) => row[0]),
    side.charts[sheet.getSheetId()] ?? [],
  );
  positionCharts();
}

/** The sheet's drawing area (cells and headers), relative to the workbook section. */
function canvasRect(): DOMRect | null {
  const canvas = document.querySelector('canvas[id^="univer-sheet-main-canvas"]');
  if (!canvas) return null;
  const box = canvas.getBoundingClientRect();
  const book = $('charts').parentElement!.getBoundingClientRect();
  return new DOMRect(box.left - book.left, box.top - book.top, box.width, box.height);
}

/** Floats the charts at their anchor cells for the sheet's scroll now. */
function positionCharts(): void {
  const rect = canvasRect();
  const sheet = api.getActiveWorkbook()?.getActiveSheet();
  if (!rect || !sheet || $('charts').hidden) return;
  const scroll = sheet.getScrollState();
  const origin = sheet.getRange(0, 0).getCellRect();
  const first = sheet.getRange(scroll.sheetViewStartRow, scroll.sheetViewStartColumn).getCellRect();
  placeCharts($('charts'), rect, (row, column) => {
    const cell = sheet.getRange(row, column).getCellRect();
    return {
      x: cell.x - (first.x - origin.x) - scroll.offsetX,
      y: cell.y - (first.y - origin.y) - scroll.offsetY,
    };
  });
}

let refreshQueued = false;
function scheduleRefresh(): void {
  if (refreshQueued) return;
  refreshQueued = true;
  requestAnimationFrame(() => {
    refreshQueued = false;
    refresh();
  });
}

/** ui.showModalDialog: the add-on's dialog page (Import.html) in a modal frame, fresh each time it opens. */
function showDialog(file: string, title: string): void {
  const dialog = $<HTMLDialogElement>('modal');
  $('modal-title').textContent = title;
  $<HTMLIFrameElement>('modal-frame').src = `${file}.html`;
  dialog.showModal();
}

/** What ui.alert shows in Sheets: a titled message the user dismisses. A refusal is titled as one. */
function showMessage({ title, message }: AlertMessage): void {
  const dialog = $<HTMLDialogElement>('message');
  $('message-title').textContent = title;
  $('message-text').textContent = message;
  dialog.classList.toggle('refused', title === REFUSED_TITLE);
  if (!dialog.open) dialog.showModal();
}

function buildMenu(): void {
  const menu = $<HTMLDetailsElement>('menu');
  const items = menuEntries().flatMap((entry) =>
    entry.kind === 'item'
      ? [[entry.label, entry.functionName] as const]
      : entry.items.map((item) => [`${entry.label}: ${item.label}`, item.functionName] as const),
  );
  for (const [label, functionName] of items) {
    const item = document.createElement('button');
    item.type = 'button';
    item.setAttribute('role', 'menuitem');
    item.textContent = label;
    item.addEventListener('click', () => {
      menu.open = false;
      (globals[functionName] as () => void)();
      if (!$<HTMLDialogElement>('message').open) returnToSheet();
      scheduleRefresh();
    });
    $('menu-items').appendChild(item);
  }
}

function wireEvents(): void {
  const confirmReset = $<HTMLDialogElement>('confirm-reset');
  $('reset').addEventListener('click', () => confirmReset.showModal());
  confirmReset.addEventListener('close', () => {
    if (confirmReset.returnValue === 'reset') reset();
  });
  $('message-ok').addEventListener('click', () => $<HTMLDialogElement>('message').close());
  $('modal-close').addEventListener('click', () => $<HTMLDialogElement>('modal').close());
  $('modal').addEventListener('close', () => {
    $<HTMLIFrameElement>('modal-frame').src = 'about:blank';
    returnToSheet();
  });
  // google.script.host.close() inside the dialog's page.
  (window as unknown as Record<string, unknown>).playgroundCloseDialog = () => $<HTMLDialogElement>('modal').close();
  $('message').addEventListener('close', returnToSheet);
  confirmReset.addEventListener('close', returnToSheet);
  api.addEvent(api.Event.CommandExecuted, () => {
    scheduleRefresh();
    scheduleSave();
  });
  api.getFormula().calculationEnd(() => scheduleRefresh());
  api.addEvent(api.Event.Scroll, () => positionCharts());
  window.addEventListener('resize', () => positionCharts());
  errorsOnHover(api);
  window.addEventListener('beforeunload', saveNow);
}

/** Resolves once the sheet is drawn and its formulas computed. */
async function drawn(): Promise<void> {
  while (!document.querySelector('canvas[id^="univer-sheet-main-canvas"]'))
    await new Promise((resolve) => requestAnimationFrame(resolve));
  await api.getFormula().whenComputingCompleteAsync(10_000);
}

/** Starts the workbook; resolves once it is on screen and the bundle's server functions can run against it. */
export async function startPlayground(): Promise<void> {
  // The registry's help, as the build writes it beside the bundle, and the add-on file Code.js reads on use.
  const [help, addonFile] = await Promise.all([
    fetch('functions.json').then((response) => response.json() as Promise<FunctionHelp[]>),
    fetch(`${HTML_FILES.addon}.html`).then((response) => response.text()),
  ]);
  const container = $('workbook');
  installKeyboard(container, () => api);
  api = startUniver(container, help, globals);
  spreadsheet = new PlaygroundSpreadsheet(
    api,
    () => side,
    () => {
      scheduleRefresh();
      scheduleSave();
    },
  );
  const files = { [HTML_FILES.addon]: addonFile };
  Object.assign(globals, appsScriptGlobals(spreadsheet, showMessage, focusSidebar, showDialog, files));
  buildMenu();
  const saved = loadSaved();
  if (saved) open(saved);
  else openExamples();
  wireEvents();
  globals.univerAPI = api; // for the browser tests and the curious: Univer's facade
  await drawn();
  document.body.classList.add('ready');
}

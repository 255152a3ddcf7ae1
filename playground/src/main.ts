import { appsScriptGlobals, PlaygroundSpreadsheet } from './adapter';
import { renderCharts } from './charts';
import { exampleWorkbook } from './examples';
import { menuEntries } from '../../src/addon/entryPoints';
import { formatValue } from './format';
import {
  type CustomFunction,
  type RuleSpec,
  type Value,
  Workbook,
  type WorkbookData,
  columnLetters,
  inputFromText,
  key,
  parseA1,
} from './workbook';

// The playground page: a workbook whose formulas use the add-on's functions from the built
// bundle (dist/Code.js, loaded before this script as Apps Script would load it), and the real
// sidebar beside it, whose server calls run the bundle's own server code against this workbook.

interface FunctionHelp {
  name: string;
  summary: string;
  returns: string;
  params: { name: string; help: string; optional: boolean }[];
}

const STORAGE_KEY = 'liquidation-planner-playground-v1';
const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const globals = window as unknown as Record<string, unknown>;

let help: FunctionHelp[] = [];
let workbook: Workbook;
let spreadsheet: PlaygroundSpreadsheet;
let suggestionIndex = 0;

function loadData(): WorkbookData {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (saved) {
      const data = JSON.parse(saved) as WorkbookData;
      if (Array.isArray(data.sheets) && data.sheets.length > 0) return data;
    }
  } catch {
    // A damaged save falls back to the examples.
  }
  return exampleWorkbook();
}

function save(): void {
  localStorage.setItem(STORAGE_KEY, JSON.stringify(workbook.data));
}

function start(functions: FunctionHelp[]): void {
  help = functions;
  const bundle: Record<string, CustomFunction> = {};
  for (const { name } of functions) {
    const fn = globals[name];
    if (typeof fn !== 'function') throw new Error(`the bundle has no function ${name}`);
    bundle[name] = fn as CustomFunction;
  }
  workbook = new Workbook(loadData(), bundle);
  spreadsheet = new PlaygroundSpreadsheet(workbook, { sheet: workbook.data.sheets[0].name, row: 1, column: 1 }, () => {
    save();
    render();
  });
  Object.assign(globals, appsScriptGlobals(spreadsheet, showMessage));
  if (!localStorage.getItem(STORAGE_KEY)) addRiskPlan();
  wireEvents();
  render();
}

/** `google.script.run` for the sidebar iframe: calls the bundle's top-level server functions. */
function scriptRun(): unknown {
  const runner = (success?: (value: unknown) => void, failure?: (error: Error) => void): unknown =>
    new Proxy(
      {},
      {
        get: (_, name: string) => {
          if (name === 'withSuccessHandler') return (handler: (value: unknown) => void) => runner(handler, failure);
          if (name === 'withFailureHandler') return (handler: (error: Error) => void) => runner(success, handler);
          return (...args: unknown[]) => {
            setTimeout(() => {
              const fn = globals[name];
              try {
                if (typeof fn !== 'function' || name.endsWith('_'))
                  throw new Error(`Script function not found: ${name}`);
                // As google.script.run does: plain data in, plain data out.
                const result = (fn as (...a: unknown[]) => unknown)(...JSON.parse(JSON.stringify(args)));
                success?.(result === undefined ? undefined : JSON.parse(JSON.stringify(result)));
              } catch (error) {
                failure?.(new Error(error instanceof Error ? error.message : String(error)));
              }
            }, 0);
          };
        },
      },
    );
  return runner();
}

/** The risk plan of the examples is the add-on's own template, inserted by the bundle's menu function. */
function addRiskPlan(): void {
  const first = spreadsheet.selection;
  (globals.insertRiskPlanSheet as () => void)();
  const plan = workbook.data.sheets[workbook.data.sheets.length - 1];
  plan.note =
    'The risk-plan template, as Extensions → Liquidation Planner → Insert ' +
    'risk plan writes it: cross positions through LIQ_PRICE_PORTFOLIO, ' +
    'isolated ones through LIQ_PRICE_ISOLATED, a summary, and rows that ' +
    'turn red near liquidation. Try the menu: freeze the values for ' +
    'sharing, then restore the live formulas.';
  spreadsheet.selection = first;
  save();
}

/** What ui.alert shows in Sheets: a message the user dismisses. */
function showMessage(message: string): void {
  const box = $('message');
  box.hidden = false;
  $('message-text').textContent = message;
  $<HTMLButtonElement>('message-ok').focus();
}

/** The add-on's menu, as Extensions → Liquidation Planner shows it: each item calls the bundle's function. */
const MENU: [string, string][] = menuEntries().flatMap((entry) =>
  entry.kind === 'item'
    ? [[entry.label, entry.functionName] as [string, string]]
    : entry.items.map((item) => [`${entry.label}: ${item.label}`, item.functionName] as [string, string]),
);

function currentSheet() {
  return workbook.sheet(spreadsheet.selection.sheet);
}

function render(): void {
  const sel = spreadsheet.selection;
  const sheet = currentSheet();
  // Tabs.
  const tabs = $('tabs');
  tabs.replaceChildren(
    ...workbook.data.sheets
      .filter((s) => !s.hidden)
      .map((s) => {
        const tab = document.createElement('button');
        tab.type = 'button';
        tab.setAttribute('role', 'tab');
        tab.setAttribute('aria-selected', String(s.name === sel.sheet));
        tab.textContent = s.name;
        tab.addEventListener('click', () => select(s.name, 1, 1));
        return tab;
      }),
  );
  $('note').textContent = sheet.note ?? '';
  // Grid.
  const extent = workbook.extent(sel.sheet);
  const rows = Math.max(30, extent.rows + 5, sel.row + 3);
  const columns = Math.max(12, extent.columns + 2, sel.column + 2);
  const table = $('grid');
  const head = document.createElement('tr');
  head.appendChild(document.createElement('th'));
  for (let c = 1; c <= columns; c++) {
    const th = document.createElement('th');
    th.textContent = columnLetters(c);
    head.appendChild(th);
  }
  const body: HTMLTableRowElement[] = [head];
  for (let r = 1; r <= rows; r++) {
    const tr = document.createElement('tr');
    const th = document.createElement('th');
    th.textContent = String(r);
    tr.appendChild(th);
    for (let c = 1; c <= columns; c++) tr.appendChild(cellElement(sheet.name, r, c));
    body.push(tr);
  }
  table.replaceChildren(...body);
  // Formula bar and the selected cell's details.
  $('cell-name').textContent = `${columnLetters(sel.column)}${sel.row}`;
  const input = sheet.cells[key(sel.row, sel.column)]?.input;
  const formula = $<HTMLInputElement>('formula');
  if (document.activeElement !== formula) formula.value = input === undefined ? '' : String(input);
  showDetails();
  renderCharts($('charts'), workbook, sheet.name, sheet.charts);
}

function cellElement(sheetName: string, row: number, column: number): HTMLTableCellElement {
  const td = document.createElement('td');
  td.dataset.row = String(row);
  td.dataset.col = String(column);
  const cell = workbook.sheet(sheetName).cells[key(row, column)];
  const shown = workbook.display(sheetName, row, column);
  if ('error' in shown) {
    td.textContent = shown.error;
    td.title = shown.message;
    td.className = 'error';
  } else {
    td.textContent = formatValue(shown.value, cell?.numberFormat);
    if (typeof shown.value === 'number') td.className = 'number';
    if (typeof shown.value === 'string' && shown.value.startsWith('Error:')) td.className = 'error-text';
    const background =
      ruleBackground(sheetName, workbook.sheet(sheetName).rules, row, column, shown.value) ?? cell?.background;
    if (background) td.style.background = background;
  }
  if (cell?.fontWeight === 'bold') td.style.fontWeight = 'bold';
  if (cell?.note) {
    td.classList.add('has-note');
    td.title = td.title ? `${td.title}\n\n${cell.note}` : cell.note;
  }
  const sel = spreadsheet.selection;
  if (sel.row === row && sel.column === column) td.classList.add('selected');
  return td;
}

/**
 * Conditional formatting: the first rule whose range holds the cell and whose condition holds.
 * Custom formulas are understood in the shape the add-on writes: `=AND(ISNUMBER($K9), $K9<0.05)`.
 */
function ruleBackground(
  sheetName: string,
  rules: readonly RuleSpec[],
  row: number,
  column: number,
  value: Value | null,
): string | undefined {
  for (const rule of rules) {
    const area = rule.ranges
      .map((range) => {
        const [from, to] = range.split(':').map(parseA1);
        return { from, to: to ?? from };
      })
      .find(({ from, to }) => row >= from.row && row <= to.row && column >= from.column && column <= to.column);
    if (!area) continue;
    const [kind, args] = rule.condition;
    let holds = false;
    if (kind === 'formula') {
      const m = /\$([A-Z]+)(\d+)\s*<\s*([\d.]+)\)?$/.exec(String(args[0]));
      if (m) {
        const target = parseA1(`${m[1]}${Number(m[2]) + row - area.from.row}`);
        const shown = workbook.display(sheetName, target.row, target.column);
        holds = !('error' in shown) && typeof shown.value === 'number' && shown.value < Number(m[3]);
      }
    } else if (typeof value === 'number') {
      const [a, b] = args as number[];
      holds =
        kind === 'lessThan'
          ? value < a
          : kind === 'between'
            ? value >= a && value <= b
            : kind === 'atLeast'
              ? value >= a
              : false;
    }
    if (holds) return rule.background;
  }
  return undefined;
}

/** Under the formula bar: the error of the selected cell, or help for the function being typed. */
function showDetails(): void {
  const details = $('details');
  const formula = $<HTMLInputElement>('formula');
  const sel = spreadsheet.selection;
  const editing = document.activeElement === formula;
  const call = editing ? openCall(formula.value.slice(0, formula.selectionStart ?? formula.value.length)) : null;
  const fn = call ? help.find((h) => h.name === call.name) : undefined;
  if (fn && call) {
    const signature = document.createElement('div');
    signature.className = 'signature';
    signature.append(`${fn.name}(`);
    fn.params.forEach((p, i) => {
      const span = document.createElement('span');
      span.textContent = p.optional ? `[${p.name}]` : p.name;
      if (i === call.argument) span.className = 'current';
      signature.append(span, i < fn.params.length - 1 ? ', ' : '');
    });
    signature.append(')');
    const about = document.createElement('div');
    about.textContent = fn.params[call.argument]
      ? `${fn.params[call.argument].name}: ${fn.params[call.argument].help}`
      : fn.summary;
    details.replaceChildren(signature, about);
    return;
  }
  const shown = workbook.display(sel.sheet, sel.row, sel.column);
  details.replaceChildren();
  if ('error' in shown)
    details.append(
      Object.assign(document.createElement('div'), {
        className: 'error',
        textContent: `${shown.error} ${shown.message}`,
      }),
    );
  const note = workbook.sheet(sel.sheet).cells[key(sel.row, sel.column)]?.note;
  if (note)
    details.append(
      Object.assign(document.createElement('div'), { className: 'cell-note', textContent: `Note: ${note}` }),
    );
}

/** The innermost function call open before the cursor, and which argument the cursor is in. */
function openCall(text: string): { name: string; argument: number } | null {
  const stack: { name: string; argument: number }[] = [];
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') inString = !inString;
    if (inString) continue;
    if (ch === '(')
      stack.push({ name: (/([A-Za-z_][A-Za-z0-9_.]*)$/.exec(text.slice(0, i))?.[1] ?? '').toUpperCase(), argument: 0 });
    else if (ch === ')') stack.pop();
    else if ((ch === ',' || ch === ';') && stack.length > 0) stack[stack.length - 1].argument++;
  }
  return stack[stack.length - 1] ?? null;
}

function suggestions(): FunctionHelp[] {
  const formula = $<HTMLInputElement>('formula');
  const before = formula.value.slice(0, formula.selectionStart ?? formula.value.length);
  if (!before.startsWith('=')) return [];
  const token = /(?:^=|[(,;+\-*/&=<> ])([A-Za-z_][A-Za-z0-9_]*)$/.exec(before)?.[1];
  if (!token) return [];
  return help.filter((h) => h.name.startsWith(token.toUpperCase()) && h.name !== token.toUpperCase());
}

function renderSuggestions(): void {
  const list = $('suggestions');
  const found = suggestions();
  suggestionIndex = Math.min(suggestionIndex, Math.max(0, found.length - 1));
  list.replaceChildren(
    ...found.map((fn, i) => {
      const li = document.createElement('li');
      li.setAttribute('role', 'option');
      li.setAttribute('aria-selected', String(i === suggestionIndex));
      const name = document.createElement('strong');
      name.textContent = fn.name;
      const summary = document.createElement('span');
      summary.textContent = fn.summary;
      li.append(name, summary);
      li.addEventListener('mousedown', (event) => {
        event.preventDefault();
        accept(fn.name);
      });
      return li;
    }),
  );
  list.hidden = found.length === 0;
}

function accept(name: string): void {
  const formula = $<HTMLInputElement>('formula');
  const cursor = formula.selectionStart ?? formula.value.length;
  const before = formula.value.slice(0, cursor).replace(/[A-Za-z_][A-Za-z0-9_]*$/, `${name}(`);
  formula.value = before + formula.value.slice(cursor);
  formula.setSelectionRange(before.length, before.length);
  renderSuggestions();
  showDetails();
}

function select(sheet: string, row: number, column: number): void {
  spreadsheet.selection = { sheet, row: Math.max(1, row), column: Math.max(1, column) };
  render();
}

function commit(moveRows: number, moveColumns: number): void {
  const formula = $<HTMLInputElement>('formula');
  const sel = spreadsheet.selection;
  workbook.setInput(sel.sheet, sel.row, sel.column, inputFromText(formula.value));
  save();
  $('suggestions').hidden = true;
  $<HTMLTableElement>('grid').focus();
  select(sel.sheet, sel.row + moveRows, sel.column + moveColumns);
}

function wireEvents(): void {
  const grid = $<HTMLTableElement>('grid');
  const formula = $<HTMLInputElement>('formula');
  grid.addEventListener('mousedown', (event) => {
    const td = (event.target as HTMLElement).closest('td');
    if (!td) return;
    event.preventDefault();
    grid.focus();
    select(spreadsheet.selection.sheet, Number(td.dataset.row), Number(td.dataset.col));
  });
  grid.addEventListener('dblclick', () => formula.focus());
  grid.addEventListener('keydown', (event) => {
    const sel = spreadsheet.selection;
    const moves: Record<string, [number, number]> = {
      ArrowUp: [-1, 0],
      ArrowDown: [1, 0],
      ArrowLeft: [0, -1],
      ArrowRight: [0, 1],
      Tab: [0, 1],
    };
    if (moves[event.key]) {
      event.preventDefault();
      select(sel.sheet, sel.row + moves[event.key][0], sel.column + moves[event.key][1]);
    } else if (event.key === 'Enter' || event.key === 'F2') {
      event.preventDefault();
      formula.focus();
    } else if (event.key === 'Delete' || event.key === 'Backspace') {
      event.preventDefault();
      formula.value = '';
      commit(0, 0);
    } else if (event.key.length === 1 && !event.ctrlKey && !event.metaKey) {
      event.preventDefault();
      formula.value = event.key;
      formula.focus();
      renderSuggestions();
    }
  });
  formula.addEventListener('input', () => {
    suggestionIndex = 0;
    renderSuggestions();
    showDetails();
  });
  formula.addEventListener('keyup', showDetails);
  formula.addEventListener('keydown', (event) => {
    const found = $('suggestions').hidden ? [] : suggestions();
    if (found.length > 0 && (event.key === 'ArrowDown' || event.key === 'ArrowUp')) {
      event.preventDefault();
      suggestionIndex = (suggestionIndex + (event.key === 'ArrowDown' ? 1 : found.length - 1)) % found.length;
      renderSuggestions();
    } else if (found.length > 0 && (event.key === 'Tab' || event.key === 'Enter')) {
      event.preventDefault();
      accept(found[suggestionIndex].name);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      commit(1, 0);
    } else if (event.key === 'Tab') {
      event.preventDefault();
      commit(0, 1);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      $('suggestions').hidden = true;
      grid.focus();
      render();
    }
  });
  formula.addEventListener('blur', () => {
    $('suggestions').hidden = true;
  });
  $('reset').addEventListener('click', () => {
    localStorage.removeItem(STORAGE_KEY);
    workbook.data = exampleWorkbook();
    workbook.recalculate();
    spreadsheet.selection = { sheet: workbook.data.sheets[0].name, row: 1, column: 1 };
    addRiskPlan();
    render();
  });
  const menu = $('menu');
  for (const [label, fn] of MENU) {
    const item = document.createElement('button');
    item.type = 'button';
    item.setAttribute('role', 'menuitem');
    item.textContent = label;
    item.addEventListener('click', () => {
      (menu as HTMLDetailsElement).open = false;
      (globals[fn] as () => void)();
      render();
    });
    $('menu-items').appendChild(item);
  }
  $('message-ok').addEventListener('click', () => {
    $('message').hidden = true;
    grid.focus();
  });
}

globals.playgroundScriptRun = scriptRun;
fetch('functions.json')
  .then((response) => response.json() as Promise<FunctionHelp[]>)
  .then(start)
  .catch((error: unknown) => {
    $('note').textContent = `The playground could not start: ${error instanceof Error ? error.message : String(error)}`;
  });

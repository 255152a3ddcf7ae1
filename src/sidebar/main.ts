import { bundledSnapshotOf, coinSnapshotSymbols, snapshotAgeDays, snapshotSymbols } from '../data/symbols';
import { liquidationChart } from './chart';
import { byId, el, replaceChildren } from './dom';
import {
  type FieldName,
  type FormInput,
  type FormModel,
  type Units,
  convertSizeText,
  defaultLeverageText,
  readForm,
  readSizeMode,
  unitsOf,
} from './model';
import { EngineError, type Market, type SizeMode, annualVolatility, formatAmount, quoteValue } from '../engine';
import { lesson, previewTable } from './preview';
import type { ImportedBrackets, Placement, SidebarServer } from '../shared/protocol';

// The scenario builder sidebar: a live preview computed in the browser by the same engine as the
// sheet functions, and an Insert button that asks the server to write the grid into the sheet.

/** google.script.run: each server function of the protocol, called with its arguments, answering a handler. */
type ScriptRun = {
  withSuccessHandler(handler: (value: unknown) => void): ScriptRun;
  withFailureHandler(handler: (error: Error) => void): ScriptRun;
} & { [K in keyof SidebarServer]: (...args: Parameters<SidebarServer[K]>) => void };
declare const google: { script: { run: ScriptRun } };

/**
 * Calls a server function; its answer is handed on typed as the protocol says (google.script.run
 * passes plain data: the server's own code produced it, from the same protocol type).
 */
function callServer<K extends keyof SidebarServer>(
  name: K,
  args: Parameters<SidebarServer[K]>,
  onSuccess: (result: ReturnType<SidebarServer[K]>) => void,
  onFailure: (error: Error) => void,
): void {
  const run = google.script.run
    .withSuccessHandler((value) => onSuccess(value as ReturnType<SidebarServer[K]>))
    .withFailureHandler(onFailure);
  (run[name] as (...a: Parameters<SidebarServer[K]>) => void)(...args);
}

const FIELDS: readonly FieldName[] = [
  'symbol',
  'side',
  'entry',
  'sizeMode',
  'size',
  'wallet',
  'added',
  'stop',
  'volatility',
  'horizon',
  'leverages',
];
let leveragesEdited = false;
/** The size mode the size field's number is in. */
let sizeModeShown: SizeMode = 'VALUE';
let model: FormModel | null = null;

function value(id: FieldName): string {
  return byId<HTMLInputElement | HTMLSelectElement>(id).value;
}

function formInput(): FormInput {
  return Object.fromEntries(FIELDS.map((f) => [f, value(f)])) as unknown as FormInput;
}

/** The size field's label names its unit. */
function sizeLabel(mode: SizeMode, units: Units): string {
  if (mode === 'QUANTITY') return `Size (${units.quantity})`;
  return {
    VALUE: `Position value (${units.value})`,
    MARGIN: `Margin (${units.amount})`,
    RISK: `Risk at stop (${units.amount})`,
  }[mode];
}

/** The market of the last valid symbol, to see when the symbol moves to another margin asset. */
let lastMarket: Market | null = null;

/**
 * The symbol moved to a market of another margin asset (BTCUSDT → BTCUSD_PERP): amounts typed in the old asset mean
 * nothing in the new one, so they are cleared; a size is kept as a position value (a dollar is a dollar), converted
 * from a quantity where it was one. Returns what was done, for the status line; `null` when nothing changed.
 */
function onMarketChange(previous: FormModel | null, market: Market): string | null {
  const before = lastMarket;
  lastMarket = market;
  if (before === null || before.contract.marginAsset === market.contract.marginAsset) return null;
  const units = unitsOf(market);
  const cleared: string[] = [];
  for (const [id, label] of [
    ['wallet', 'account balance'],
    ['added', 'added margin'],
  ] as const) {
    if (value(id).trim() !== '') {
      byId<HTMLInputElement>(id).value = '';
      cleared.push(label);
    }
  }
  const mode = readSizeMode(value('sizeMode'));
  let size = 'the size is kept';
  if (mode === 'QUANTITY' || mode === 'MARGIN' || mode === 'RISK') {
    const scenario = previous?.scenario;
    const usd =
      scenario && mode === 'QUANTITY'
        ? quoteValue(before.contract, scenario.size, scenario.entryPrice).toDecimalPlaces(2).toFixed()
        : '';
    byId<HTMLSelectElement>('sizeMode').value = 'VALUE';
    sizeModeShown = 'VALUE';
    byId<HTMLInputElement>('size').value = usd;
    size = usd === '' ? 'the size was cleared' : `the size is now a position value of ${usd} ${units.value}`;
  }
  const what = units.inverse
    ? `${market.label} is COIN-M: amounts are in ${units.amount}, sizes in ${units.quantity}`
    : `${market.label} is margined in ${units.amount}`;
  const done = cleared.length > 0 ? `; the ${cleared.join(' and ')} (${before.contract.marginAsset}) cleared` : '';
  return `${what}${done}; ${size}.`;
}

function safeLeverageText(current: FormModel): string {
  const safe = current.safeLeverage;
  if (safe === null) return '';
  if (safe.isZero())
    return 'Your stop is beyond the isolated liquidation price at every leverage: liquidation comes first.';
  return `Your stop fires before liquidation up to ${safe.toString()}× (isolated).`;
}

/** The last valid size typed or shown in each unit, to come back to when a conversion is not possible. */
const lastSizes: Partial<Record<SizeMode, string>> = {};

/**
 * "Size as" changed: say the same position in the new unit (10,000 USDT of position value at 60,000
 * becomes 0.1666 BTC), never read the old number in the new unit. Where the form does not say enough
 * to convert (risk at a stop that is blank), the last valid size in the new unit comes back, or the
 * field is emptied rather than reinterpreted.
 */
function onSizeModeChange(): void {
  const to = readSizeMode(value('sizeMode'));
  if (to === sizeModeShown) return;
  if (model?.scenario && !model.errors.size) lastSizes[sizeModeShown] = value('size');
  const converted = model ? convertSizeText(model, sizeModeShown, to) : null;
  byId<HTMLInputElement>('size').value = converted ?? lastSizes[to] ?? '';
  sizeModeShown = to;
}

/** The spreadsheet's imported brackets by symbol, as the server answered (`null`: none, use the bundled snapshot). */
const importedBySymbol = new Map<string, ImportedBrackets | null>();

/** The imported brackets of the symbol typed, asking the server the first time (the form updates when it answers). */
function importedFor(symbol: string): ImportedBrackets | null {
  const key = symbol.trim().toUpperCase();
  if (!importedBySymbol.has(key)) {
    importedBySymbol.set(key, null);
    try {
      callServer(
        'sidebarMarketBrackets',
        [key],
        (result) => {
          // What the server sends is plain data: a table with its rows, or null.
          importedBySymbol.set(key, result !== null && Array.isArray(result?.rows) ? result : null);
          if (result !== null && value('symbol').trim().toUpperCase() === key) update();
        },
        () => undefined, // no answer: the bundled snapshot stays
      );
    } catch {
      importedBySymbol.delete(key); // the server is not reachable yet: ask again on the next update
    }
  }
  return importedBySymbol.get(key) ?? null;
}

/** The brackets line: which data the numbers use. */
function bracketsText(symbol: string, market: Market | null): string {
  const imported = importedBySymbol.get(symbol.trim().toUpperCase()) ?? null;
  if (imported !== null) return `Brackets: imported, as of ${imported.asOf} (${imported.rangeName}).`;
  const age = snapshotAgeDays(new Date(), market?.asOf ?? undefined);
  return `Brackets: ${bundledSnapshotOf(market?.symbol ?? '')}, ${age} day${age === 1 ? '' : 's'} old.`;
}

function update(): void {
  const imported = importedFor(value('symbol'));
  let current = readForm(formInput(), imported);
  const market = current.market;
  const changed = market ? onMarketChange(model, market) : null;
  if (changed !== null) {
    current = readForm(formInput(), imported);
    setStatus(changed);
  }
  const units = unitsOf(market);
  if (!leveragesEdited) {
    const defaults = defaultLeverageText(current.scenario);
    if (defaults !== value('leverages')) {
      byId<HTMLInputElement>('leverages').value = defaults;
      current = readForm(formInput(), imported);
    }
  }
  replaceChildren(byId('snapshot'), bracketsText(value('symbol'), market));
  replaceChildren(byId('entry-label'), `Entry price (${units.value})`);
  replaceChildren(byId('wallet-label'), `Account balance for cross (${units.amount})`);
  replaceChildren(byId('added-label'), `Added margin (${units.amount})`);
  model = current;
  for (const field of FIELDS) {
    const message = current.errors[field];
    const input = byId<HTMLInputElement>(field);
    const slot = document.getElementById(`${field}-error`);
    input.setAttribute('aria-invalid', message ? 'true' : 'false');
    if (slot) replaceChildren(slot, message ?? '');
  }
  const max = current.maxLeverage;
  replaceChildren(
    byId('max-leverage'),
    max
      ? `Max leverage at this size: ${max.leverage.toString()}× (bracket ` +
          `${max.bracket}: ${formatAmount(max.floor)} to ` +
          `${formatAmount(max.cap)} ${units.amount})`
      : '',
  );
  replaceChildren(byId('size-label'), sizeLabel(readSizeMode(value('sizeMode')), units));
  replaceChildren(byId('safe-leverage'), safeLeverageText(current));
  const preview = byId('preview');
  if (current.scenario && current.rows.length > 0) {
    const legend = el(
      'div',
      { class: 'legend', 'aria-hidden': 'true' },
      el('span', { class: 'key isolated' }, 'Isolated'),
      el('span', { class: 'key cross' }, 'Cross'),
      el('span', { class: 'key entry' }, 'Entry price'),
    );
    replaceChildren(
      preview,
      previewTable(current),
      liquidationChart(current.rows, current.scenario.entryPrice),
      legend,
      el('p', { class: 'lesson', id: 'lesson' }, lesson(current)),
    );
  } else {
    replaceChildren(preview, el('p', { class: 'hint' }, 'Fix the fields marked in red to see the comparison.'));
  }
  byId<HTMLButtonElement>('insert').disabled = current.request === null;
}

function setStatus(text: string, kind: 'info' | 'error' | 'ok' = 'info', ...actions: HTMLButtonElement[]): void {
  const status = byId('status');
  status.className = `status ${kind}`;
  replaceChildren(status, el('span', {}, text), ...actions);
}

function button(label: string, onClick: () => void): HTMLButtonElement {
  const b = el('button', { type: 'button', class: 'secondary' }, label);
  b.addEventListener('click', onClick);
  return b;
}

function insert(placement: Placement): void {
  const request = model?.request;
  if (!request) return;
  const insertButton = byId<HTMLButtonElement>('insert');
  insertButton.disabled = true;
  setStatus('Writing the grid…');
  callServer(
    'sidebarInsertGrid',
    [request, placement],
    (r) => {
      insertButton.disabled = model?.request === null;
      if (r.status === 'inserted') {
        setStatus(`Grid written at ${r.sheetName}!${r.a1}. Edit its inputs in the sheet and it recalculates.`, 'ok');
      } else {
        const s = r.suggestion;
        const holds = r.occupied.length === 1 ? 'holds' : 'hold';
        setStatus(
          `${r.sheetName}!${r.a1} is not free (${r.occupied.join(', ')} ${holds} data). Nothing was written.`,
          'error',
          button(`Use ${s.a1} instead`, () =>
            insert({ kind: 'at', sheetName: s.sheetName, row: s.row, column: s.column }),
          ),
          button('New sheet', () => insert({ kind: 'newSheet' })),
          button('Cancel', () => setStatus('Cancelled; nothing was written.')),
        );
      }
    },
    (error) => {
      insertButton.disabled = model?.request === null;
      setStatus(error.message || String(error), 'error');
    },
  );
}

function useSelectedCell(): void {
  setStatus('Reading the selected cell…');
  callServer(
    'sidebarSelectedCell',
    [],
    (r) => {
      if (r.value === null || r.value === '')
        return setStatus(r.a1 ? `${r.a1} is empty.` : 'No cell is selected.', 'error');
      byId<HTMLInputElement>('entry').value = String(r.value);
      setStatus(`Entry price taken from ${r.a1}.`, 'ok');
      update();
    },
    (error) => setStatus(error.message || String(error), 'error'),
  );
}

/**
 * "From cells": the annual volatility of the selected column of daily closes, oldest first
 * (blanks and text skipped), computed with the engine as VOLATILITY does.
 */
function volatilityFromCells(): void {
  setStatus('Reading the selected cells…');
  callServer(
    'sidebarSelectedValues',
    [],
    (r) => {
      if (r.a1 === null) return setStatus('No cell is selected: select a column of daily closes.', 'error');
      const closes = r.values.flat().filter((v): v is number => typeof v === 'number');
      if (closes.length === 0)
        return setStatus(`${r.a1} holds no prices: select a column of daily closes, oldest first.`, 'error');
      try {
        const volatility = annualVolatility(closes);
        const percent = `${(volatility * 100).toFixed(1)}%`;
        byId<HTMLInputElement>('volatility').value = percent;
        setStatus(`Volatility of ${r.a1} (${closes.length} daily closes): ${percent} a year.`, 'ok');
        update();
      } catch (error) {
        if (!(error instanceof EngineError)) throw error;
        setStatus(
          `${r.a1}: ${error.describe({ prices: { name: 'the selection', expected: 'prices above 0' } })}`,
          'error',
        );
      }
    },
    (error) => setStatus(error.message || String(error), 'error'),
  );
}

function start(): void {
  const list = byId('symbols');
  for (const symbol of [...snapshotSymbols(), ...coinSnapshotSymbols()])
    list.appendChild(el('option', { value: symbol }));
  sizeModeShown = readSizeMode(value('sizeMode'));
  byId('sizeMode').addEventListener('change', onSizeModeChange);
  byId('sizeMode').addEventListener('input', onSizeModeChange);
  for (const field of FIELDS) {
    const input = byId(field);
    input.addEventListener('input', () => {
      if (field === 'leverages') leveragesEdited = true;
      update();
    });
    input.addEventListener('change', update);
  }
  // Back in the sidebar after an import (the dialog is another page): ask the server again.
  window.addEventListener('focus', () => {
    importedBySymbol.clear();
    update();
  });
  byId('use-cell').addEventListener('click', useSelectedCell);
  byId('volatility-from-cells').addEventListener('click', volatilityFromCells);
  byId('insert').addEventListener('click', () => {
    const checked = document.querySelector('input[name="placement"]:checked') as HTMLInputElement | null;
    const placement: Placement = checked?.value === 'newSheet' ? { kind: 'newSheet' } : { kind: 'selection' };
    insert(placement);
  });
  update();
}

start();

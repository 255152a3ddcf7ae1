// The Import brackets dialog: a paste, a preview of what changes (against the bundled snapshot and the last import),
// a choice of markets, Import and Cancel. Everything shown goes through textContent (dom.ts).
import type { ImportServer, MarketChange } from '../shared/protocol';
import { byId, el, replaceChildren } from './dom';

declare const google: {
  script: {
    run: {
      withSuccessHandler(handler: (value: unknown) => void): typeof google.script.run;
      withFailureHandler(handler: (error: Error) => void): typeof google.script.run;
    } & Record<string, (...args: unknown[]) => void>;
    host: { close(): void };
  };
};

function callServer<K extends keyof ImportServer>(
  name: K,
  args: Parameters<ImportServer[K]>,
  onSuccess: (result: ReturnType<ImportServer[K]>) => void,
): void {
  const run = google.script.run
    .withSuccessHandler((value) => onSuccess(value as ReturnType<ImportServer[K]>))
    .withFailureHandler((error) => setStatus(`The server could not answer: ${error.message}`, 'error'));
  run[name](...args);
}

const paste = byId<HTMLTextAreaElement>('paste');
const previewButton = byId<HTMLButtonElement>('preview');
const importButton = byId<HTMLButtonElement>('import');
const status = byId('status');
const changes = byId('changes');
const all = byId<HTMLInputElement>('all');
let previewed: { text: string; markets: readonly MarketChange[] } | null = null;

function setStatus(text: string, kind: 'ok' | 'error' | 'busy' | '' = ''): void {
  status.textContent = text;
  status.className = `status ${kind}`;
}

function chosen(): string[] {
  return [...changes.querySelectorAll<HTMLInputElement>('input[type=checkbox]')]
    .filter((b) => b.checked)
    .map((b) => b.value);
}

function count(markets: readonly MarketChange[], test: (m: MarketChange) => boolean): number {
  return markets.filter(test).length;
}

function showPreview(format: string, markets: readonly MarketChange[]): void {
  const added = count(markets, (m) => m.vsBundled === 'new');
  const same = count(markets, (m) => m.vsBundled === 'same');
  const again = count(markets, (m) => m.vsLastImport !== 'first import');
  setStatus(
    `${format}: ${markets.length} market${markets.length === 1 ? '' : 's'}. Against the bundled snapshot: ${added} ` +
      `new, ${markets.length - added - same} changed, ${same} unchanged.` +
      (again > 0 ? ` ${again} replace a table of your last import.` : ''),
    'ok',
  );
  replaceChildren(
    changes,
    ...markets.map((m) =>
      el(
        'tr',
        {},
        el('td', {}, el('input', { type: 'checkbox', value: m.market, checked: '', 'aria-label': m.market })),
        el('td', {}, m.market),
        el('td', {}, m.vsBundled),
        el('td', {}, m.vsLastImport),
      ),
    ),
  );
  all.checked = true;
  importButton.disabled = markets.length === 0;
}

function preview(): void {
  const text = paste.value;
  previewed = null;
  importButton.disabled = true;
  replaceChildren(changes);
  if (text.trim() === '') return setStatus('Paste brackets above, then Preview.');
  setStatus('Reading the paste…', 'busy');
  callServer('previewBrackets', [text], (result) => {
    if (paste.value !== text) return; // edited since: a newer preview follows
    if (result.status === 'refused') return setStatus(result.message, 'error');
    previewed = { text, markets: result.markets };
    showPreview(result.format, result.markets);
  });
}

previewButton.addEventListener('click', preview);
paste.addEventListener('paste', () => setTimeout(preview, 0));
paste.addEventListener('input', () => {
  previewed = null;
  importButton.disabled = true;
});
all.addEventListener('change', () => {
  for (const box of changes.querySelectorAll<HTMLInputElement>('input[type=checkbox]')) box.checked = all.checked;
  importButton.disabled = chosen().length === 0;
});
changes.addEventListener('change', () => {
  importButton.disabled = chosen().length === 0;
});
importButton.addEventListener('click', () => {
  if (!previewed) return;
  const markets = chosen();
  const every = markets.length === previewed.markets.length;
  importButton.disabled = true;
  setStatus(`Importing ${markets.length} market${markets.length === 1 ? '' : 's'}…`, 'busy');
  callServer('importBrackets', every ? [previewed.text] : [previewed.text, markets], (result) => {
    if (result.status === 'refused') {
      importButton.disabled = false;
      return setStatus(result.message, 'error');
    }
    const first = result.markets[0]?.replace(/^BINANCE:/, '') ?? '';
    setStatus(
      `Imported ${result.markets.length} market${result.markets.length === 1 ? '' : 's'} to the sheet ` +
        `"${result.sheet}". Pass a named range such as BRACKETS_${first} as brackets; the sidebar, the grid and the ` +
        'risk plan use them.',
      'ok',
    );
  });
});
byId('cancel').addEventListener('click', () => google.script.host.close());

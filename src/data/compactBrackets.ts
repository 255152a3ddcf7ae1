// The bundled snapshot's encoding: Sheets parses the whole script at every custom-function call, so 800 symbols'
// brackets are stored as a few kilobytes of text, decoded on the first look-up. Floors (the previous cap) and
// maintenance amounts (Binance's recurrence) are implied; caps, rates and leverages are stored once each in
// dictionaries; a distinct row once; a distinct schedule once; each symbol names its schedule.
//
// Layout, sections separated by `|`:
//   caps, rates, leverages (numbers, shortest spelling such as `5e5`, `,`-separated) · row widths `c r l` digits ·
//   the rows (each a cap, a rate and a leverage index, base 64, fixed widths) · the schedules (row indexes,
//   `,`-separated) · symbol groups (`;`-separated, each `SUFFIX:` then names, each followed by its schedule's index
//   in lower-case letters).

/** A stored row: [cap, maintenance margin rate, maximum leverage]. */
export type CompactRow = readonly [cap: number, rate: number, maxLeverage: number];

const DIGITS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_';
const LETTERS = 'abcdefghijklmnopqrstuvwxyz';
/** Symbols grouped by these endings, which are then not stored with each name. */
const SUFFIXES = ['USDT', 'USDC', ''];

function widthFor(count: number, base: number): number {
  let width = 1;
  while (base ** width < count) width++;
  return width;
}

function encodeIndex(index: number, width: number, alphabet: string): string {
  let text = '';
  for (let k = 0; k < width; k++) {
    text = alphabet[index % alphabet.length] + text;
    index = Math.floor(index / alphabet.length);
  }
  return text;
}

/** A number in its shortest exact JavaScript spelling: `5e5` for 500000 (Number() reads both). */
function shortest(value: number): string {
  const plain = String(value);
  const exponent = value.toExponential().replace('e+', 'e');
  return exponent.length < plain.length && Number(exponent) === value ? exponent : plain;
}

function decodeIndex(text: string, alphabet: string): number {
  let value = 0;
  for (const char of text) value = value * alphabet.length + alphabet.indexOf(char);
  return value;
}

/** Encodes symbol → rows; a symbol holds no lower-case Latin letter (those are the indexes) and no separator. */
export function encodeSchedules(symbols: ReadonlyMap<string, readonly CompactRow[]>): string {
  const sorted = (values: Iterable<number>) => [...new Set(values)].sort((a, b) => a - b);
  const all = [...symbols.values()].flat();
  const caps = sorted(all.map((r) => r[0]));
  const rates = sorted(all.map((r) => r[1]));
  const leverages = sorted(all.map((r) => r[2]));
  const widths = [caps, rates, leverages].map((d) => widthFor(d.length, DIGITS.length));
  const rowCode = (r: CompactRow) =>
    [caps.indexOf(r[0]), rates.indexOf(r[1]), leverages.indexOf(r[2])]
      .map((index, k) => encodeIndex(index, widths[k], DIGITS))
      .join('');
  const rows = [...new Set(all.map(rowCode))].sort();
  const rowWidth = widthFor(rows.length, DIGITS.length);
  const schedules: string[] = [];
  const scheduleOf = new Map<string, number>();
  const groups = SUFFIXES.map(() => [] as string[]);
  const scheduleWidth = widthFor(new Set([...symbols.values()].map((s) => s.map(rowCode).join())).size, LETTERS.length);
  for (const symbol of [...symbols.keys()].sort()) {
    if (!/^[^a-z,;:|\s]+$/.test(symbol)) throw new Error(`${symbol}: a symbol must hold no a-z, space or , ; : |`);
    const schedule = symbols
      .get(symbol)!
      .map((r) => encodeIndex(rows.indexOf(rowCode(r)), rowWidth, DIGITS))
      .join('');
    if (!scheduleOf.has(schedule)) {
      scheduleOf.set(schedule, schedules.length);
      schedules.push(schedule);
    }
    const group = SUFFIXES.findIndex((suffix) => symbol.endsWith(suffix) && symbol.length > suffix.length);
    groups[group].push(symbol.slice(0, symbol.length - SUFFIXES[group].length));
    groups[group].push(encodeIndex(scheduleOf.get(schedule)!, scheduleWidth, LETTERS));
  }
  return [
    caps.map(shortest).join(','),
    rates.map(shortest).join(','),
    leverages.map(shortest).join(','),
    [...widths, rowWidth, scheduleWidth].join(''),
    rows.join(''),
    schedules.join(','),
    SUFFIXES.map((suffix, g) => `${suffix}:${groups[g].join('')}`).join(';'),
  ].join('|');
}

export interface DecodedSnapshot {
  /** symbol → index of its schedule */
  readonly symbols: ReadonlyMap<string, number>;
  /** The rows of a schedule (by index). */
  schedule(index: number): CompactRow[];
}

/** Decodes `encodeSchedules`'s text; the schedules' rows are expanded when asked for. */
export function decodeSchedules(text: string): DecodedSnapshot {
  const [capText, rateText, leverageText, widthText, rowText, scheduleText, groupText] = text.split('|');
  const dictionaries = [capText, rateText, leverageText].map((d) => d.split(',').map(Number));
  const [capWidth, rateWidth, leverageWidth, rowWidth, scheduleWidth] = [...widthText].map(Number);
  const rowSize = capWidth + rateWidth + leverageWidth;
  const rowAt = (index: number): CompactRow => {
    const code = rowText.slice(index * rowSize, (index + 1) * rowSize);
    return [
      dictionaries[0][decodeIndex(code.slice(0, capWidth), DIGITS)],
      dictionaries[1][decodeIndex(code.slice(capWidth, capWidth + rateWidth), DIGITS)],
      dictionaries[2][decodeIndex(code.slice(capWidth + rateWidth), DIGITS)],
    ];
  };
  const schedules = scheduleText.split(',');
  const symbols = new Map<string, number>();
  // A name (no a-z) and its schedule's index in a-z: one regular-expression match per symbol, at the first look-up.
  const entry = new RegExp(`([^a-z]+)([a-z]{${scheduleWidth}})`, 'g');
  for (const group of groupText.split(';')) {
    const colon = group.indexOf(':');
    const suffix = group.slice(0, colon);
    const body = group.slice(colon + 1);
    entry.lastIndex = 0;
    for (let match = entry.exec(body); match !== null; match = entry.exec(body))
      symbols.set(match[1] + suffix, decodeIndex(match[2], LETTERS));
  }
  return {
    symbols,
    schedule: (index) => {
      const codes = schedules[index];
      const rows: CompactRow[] = [];
      for (let i = 0; i < codes.length; i += rowWidth)
        rows.push(rowAt(decodeIndex(codes.slice(i, i + rowWidth), DIGITS)));
      return rows;
    },
  };
}

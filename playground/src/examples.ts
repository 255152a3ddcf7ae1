import { FORMAT } from '../../src/shared/formats';
import { BRACKET_COLUMNS } from '../../src/shared/columns';
import { type CellRecord, type SheetData, type Value, type WorkbookData, key } from './sheetData';

// The preloaded workbook: each sheet shows one thing the add-on answers, with a note.

type Row = (Value | null | { input: Value; numberFormat?: string; fontWeight?: string })[];

function sheet(
  name: string,
  note: string,
  rows: Row[],
  formats: Record<string, string> = {},
  columnWidths?: number[],
): SheetData {
  const cells: Record<string, CellRecord> = {};
  rows.forEach((row, r) =>
    row.forEach((value, c) => {
      if (value === null || value === '') return;
      const cell: CellRecord = typeof value === 'object' ? { ...value } : { input: value };
      if (r === 0 && typeof cell.input === 'string' && !cell.input.startsWith('=')) cell.fontWeight = 'bold';
      cells[key(r + 1, c + 1)] = cell;
    }),
  );
  for (const [at, numberFormat] of Object.entries(formats)) {
    const cell = cells[at] ?? { input: '' };
    cell.numberFormat = numberFormat;
    cells[at] = cell;
  }
  return { name, note, cells, columnWidths };
}

const { price: PRICE, percent: PCT, whole: WHOLE, leverage: LEVERAGE } = FORMAT;

/** One number format for each column of a block of rows (1-based), for results that spill there. */
function columnFormats(fromRow: number, toRow: number, firstColumn: number, formats: string[]): Record<string, string> {
  const cells: Record<string, string> = {};
  for (let row = fromRow; row <= toRow; row++)
    formats.forEach((format, i) => (cells[key(row, firstColumn + i)] = format));
  return cells;
}
const BRACKET_FORMATS = [WHOLE, WHOLE, PCT, WHOLE, LEVERAGE];
const bold = (input: string) => ({ input, fontWeight: 'bold' });

export function exampleWorkbook(): WorkbookData {
  return {
    sheets: [
      sheet(
        'Cross vs isolated',
        'A 5,000 USDT account opens a 10,000 USDT BTC long at 60,000. Cross ' +
          'puts the whole balance behind the position: it survives a much larger ' +
          'fall, but can lose all 5,000. Isolated at 10× risks only its 1,000 ' +
          'margin, and is liquidated after a fall of under 10 %. Edit the inputs ' +
          'in column B.',
        [
          ['Input', 'Value', '', 'Result', 'Cross', 'Isolated'],
          [
            'Side',
            'LONG',
            '',
            'Liquidation price',
            '=LIQ_PRICE_CROSS(B2, B3, B4, B5, 0, 0, B7)',
            '=LIQ_PRICE_ISOLATED(B2, B3, B4, B6, 0, B7)',
          ],
          ['Entry price', 60000, '', 'Distance to it', '=LIQ_DISTANCE(B2, B3, E2)', '=LIQ_DISTANCE(B2, B3, F2)'],
          [
            'Quantity (BTC)',
            '=10000/60000',
            '',
            'Margin at risk',
            '=MAX_LOSS("CROSS", B2, B3, B4, B6, B5, 0, "", B7)',
            '=MAX_LOSS("ISOLATED", B2, B3, B4, B6, B5, 0, "", B7)',
          ],
          ['Wallet balance', 5000, '', 'Isolated margin', '', '=ISOLATED_MARGIN(B3, B4, B6, 0, B7)'],
          ['Leverage (isolated)', 10],
          [
            'Brackets',
            'BTCUSDT',
            '',
            'Flat 0.4 % rate',
            '=LIQ_PRICE_CROSS(B2, B3, B4, B5, 0, 0, 0.004)',
            '=LIQ_PRICE_ISOLATED(B2, B3, B4, B6, 0, 0.004)',
          ],
        ],
        {
          [key(2, 5)]: PRICE,
          [key(2, 6)]: PRICE,
          [key(3, 5)]: PCT,
          [key(3, 6)]: PCT,
          [key(4, 5)]: PRICE,
          [key(4, 6)]: PRICE,
          [key(5, 6)]: PRICE,
          [key(7, 5)]: PRICE,
          [key(7, 6)]: PRICE,
        },
      ),
      sheet(
        'Binance cross example',
        "Binance's official two-position cross example, with the brackets it " +
          'used (tables in H:L and H:L below). Published liquidation prices: ETH ' +
          '1,153.26, BTC 26,316.89; each alone with the whole wallet: 1,114.78 ' +
          'and 18,778.73.',
        [
          [
            'Position',
            'Side',
            'Entry',
            'Quantity',
            'Other maint. margin',
            'Other unrealized PnL',
            'Liquidation price',
            'ETHUSDT brackets (2021)',
          ],
          [
            'ETHUSDT',
            'LONG',
            1456.84,
            3683.979,
            71200.81144,
            -56354.57,
            '=LIQ_PRICE_CROSS(B2, C2, D2, $C$6, E2, F2, H3:L9)',
            ...BRACKET_COLUMNS,
          ],
          [
            'BTCUSDT',
            'LONG',
            32481.98,
            109.488,
            356512.508,
            -448192.89,
            '=LIQ_PRICE_CROSS(B3, C3, D3, $C$6, E3, F3, H12:L16)',
            0,
            10000,
            0.005,
            0,
            100,
          ],
          [
            'ETH alone',
            'LONG',
            1456.84,
            3683.979,
            0,
            0,
            '=LIQ_PRICE_CROSS(B4, C4, D4, $C$6, E4, F4, H3:L9)',
            10000,
            100000,
            0.0065,
            15,
            75,
          ],
          [
            'BTC alone',
            'LONG',
            32481.98,
            109.488,
            0,
            0,
            '=LIQ_PRICE_CROSS(B5, C5, D5, $C$6, E5, F5, H12:L16)',
            100000,
            500000,
            0.01,
            365,
            50,
          ],
          ['Wallet balance', '', 1535443.01, '', '', '', '', 500000, 1000000, 0.02, 5365, 25],
          ['', '', '', '', '', '', '', 1000000, 2000000, 0.05, 35365, 10],
          ['', '', '', '', '', '', '', 2000000, 5000000, 0.1, 135365, 5],
          ['', '', '', '', '', '', '', 5000000, 10000000, 0.125, 260365, 4],
          ['', '', '', '', '', '', '', ''],
          ['', '', '', '', '', '', '', bold('BTCUSDT brackets (2021)')],
          ['', '', '', '', '', '', '', 0, 50000, 0.004, 0, 125],
          ['', '', '', '', '', '', '', 50000, 250000, 0.005, 50, 100],
          ['', '', '', '', '', '', '', 250000, 1000000, 0.01, 1300, 50],
          ['', '', '', '', '', '', '', 1000000, 5000000, 0.025, 16300, 20],
          ['', '', '', '', '', '', '', 5000000, 20000000, 0.05, 141300, 10],
        ],
        {
          [key(2, 7)]: PRICE,
          [key(3, 7)]: PRICE,
          [key(4, 7)]: PRICE,
          [key(5, 7)]: PRICE,
          [key(6, 3)]: PRICE,
          ...columnFormats(3, 9, 8, BRACKET_FORMATS),
          ...columnFormats(12, 16, 8, BRACKET_FORMATS),
        },
      ),
      sheet(
        'Hedge mode',
        'Hedge mode: a LONG and a SHORT on one symbol share the cross wallet, ' +
          'so the account can be liquidated by a fall and by a rise. Equal sizes ' +
          'at one entry only fail on a rise (maintenance margin grows with ' +
          'price); a bigger long fails on a fall.',
        [
          ['Long qty', 'Long entry', 'Short qty', 'Short entry', 'Wallet', 'Falls to', 'Rises to'],
          [1, 60000, 1, 60000, 1000, '=LIQ_PRICE_HEDGE(A2, B2, C2, D2, E2)'],
          [1, 60000, 1, 62000, 500, '=LIQ_PRICE_HEDGE(A3, B3, C3, D3, E3)'],
          [2, 60000, 1, 60000, 5000, '=LIQ_PRICE_HEDGE(A4, B4, C4, D4, E4)'],
          [0.5, 60000, 0, 60000, 3000, '=LIQ_PRICE_HEDGE(A5, B5, C5, D5, E5)'],
        ],
        columnFormats(2, 5, 6, [PRICE, PRICE]),
      ),
      sheet(
        'Leverage grid',
        'LIQ_GRID compares isolated and cross across leverages in one call: ' +
          'the same 10,000 USDT BTC long with a 5,000 USDT account. The 150× row ' +
          'shows how a bad leverage is explained without stopping the others.',
        [
          ['Side', 'LONG', '', 'Leverages'],
          ['Entry price', 60000, '', 2],
          ['Quantity', '=10000/60000', '', 5],
          ['Wallet', 5000, '', 10],
          ['', '', '', 20],
          ['', '', '', 50],
          ['', '', '', 150],
          [],
          ['=LIQ_GRID(B1, B2, B3, B4, D2:D7)'],
        ],
        columnFormats(10, 15, 1, [LEVERAGE, PRICE, PRICE, PCT, PRICE, PRICE, PCT, PRICE]),
        [95, 110, 125, 120, 120, 110, 110, 110],
      ),
      sheet(
        'Brackets',
        'The dated Binance bracket snapshot behind every number: copy a table, ' +
          'edit it, and pass the range as the brackets argument of any function.',
        [['=BRACKETS("BTCUSDT")']],
        columnFormats(3, 30, 1, BRACKET_FORMATS),
        [120, 120, 140, 120, 100],
      ),
    ],
  };
}

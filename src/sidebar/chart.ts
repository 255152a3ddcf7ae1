import type { Dec } from '../engine';
import { svg } from './dom';
import { formatPlain, formatUsd } from './format';
import type { PreviewRow } from './model';

const WIDTH = 272;
const HEIGHT = 170;
const PAD = { left: 52, right: 14, top: 10, bottom: 34 };

/**
 * Axis ticks at round numbers between `min` and `max`: multiples of 1, 2, 2.5 or 5 × 10^k, the
 * step chosen so that three to five ticks fit (30,000 / 40,000 / 50,000 / 60,000, not 31,196 …).
 */
export function roundTicks(min: number, max: number): number[] {
  const span = max - min;
  if (!(span > 0) || !Number.isFinite(span)) return [min];
  const rough = span / 4;
  const power = Math.pow(10, Math.floor(Math.log10(rough)));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * power).find((candidate) => span / candidate <= 5) ?? 10 * power;
  const ticks: number[] = [];
  for (let tick = Math.ceil(min / step) * step; tick <= max + step * 1e-9; tick += step)
    ticks.push(Number(tick.toPrecision(12)));
  return ticks;
}

/**
 * Liquidation price against leverage for both modes, with the entry price as a dashed line.
 * Leverages are spaced evenly (they are categories a trader picks, not a continuous axis).
 */
export function liquidationChart(rows: readonly PreviewRow[], entryPrice: Dec): SVGElement {
  const points = rows.map((row) => ({
    leverage: row.leverage.toNumber(),
    isolated:
      'error' in row || row.isolated.liquidation.kind !== 'price' ? null : row.isolated.liquidation.price.toNumber(),
    cross: 'error' in row || row.cross.liquidation.kind !== 'price' ? null : row.cross.liquidation.price.toNumber(),
  }));
  const entry = entryPrice.toNumber();
  const prices = [entry, ...points.flatMap((p) => [p.isolated, p.cross]).filter((v): v is number => v !== null)];
  const low = Math.min(...prices);
  const high = Math.max(...prices);
  const span = high - low || Math.abs(high) * 0.1 || 1;
  const yMin = low - span * 0.08;
  const yMax = high + span * 0.08;
  const x = (i: number) =>
    PAD.left +
    (points.length === 1
      ? (WIDTH - PAD.left - PAD.right) / 2
      : (i * (WIDTH - PAD.left - PAD.right)) / (points.length - 1));
  const y = (price: number) => PAD.top + ((yMax - price) * (HEIGHT - PAD.top - PAD.bottom)) / (yMax - yMin);

  const chart = svg('svg', {
    viewBox: `0 0 ${WIDTH} ${HEIGHT}`,
    width: WIDTH,
    height: HEIGHT,
    role: 'img',
    'aria-label': 'Liquidation price by leverage, isolated and cross, with the entry price',
  });
  // Axes and labels.
  chart.appendChild(svg('line', { x1: PAD.left, y1: PAD.top, x2: PAD.left, y2: HEIGHT - PAD.bottom, class: 'axis' }));
  chart.appendChild(
    svg('line', {
      x1: PAD.left,
      y1: HEIGHT - PAD.bottom,
      x2: WIDTH - PAD.right,
      y2: HEIGHT - PAD.bottom,
      class: 'axis',
    }),
  );
  for (const price of roundTicks(yMin, yMax)) {
    chart.appendChild(
      svg(
        'text',
        { x: PAD.left - 4, y: y(price) + 3, class: 'tick', 'text-anchor': 'end' },
        formatUsd(price).replace(/\.\d\d$/, ''),
      ),
    );
  }
  points.forEach((p, i) =>
    chart.appendChild(
      svg(
        'text',
        { x: x(i), y: HEIGHT - PAD.bottom + 12, class: 'tick', 'text-anchor': 'middle' },
        `${formatPlain(p.leverage)}×`,
      ),
    ),
  );
  chart.appendChild(
    svg('text', { x: (PAD.left + WIDTH) / 2, y: HEIGHT - 4, class: 'tick', 'text-anchor': 'middle' }, 'leverage'),
  );
  // Entry price.
  chart.appendChild(svg('line', { x1: PAD.left, y1: y(entry), x2: WIDTH - PAD.right, y2: y(entry), class: 'entry' }));
  // One polyline per mode, broken where a leverage has no price.
  for (const mode of ['isolated', 'cross'] as const) {
    let segment: string[] = [];
    const flush = () => {
      if (segment.length > 0) chart.appendChild(svg('polyline', { points: segment.join(' '), class: `line ${mode}` }));
      segment = [];
    };
    points.forEach((p, i) => {
      const price = p[mode];
      if (price === null) return flush();
      segment.push(`${x(i).toFixed(1)},${y(price).toFixed(1)}`);
      chart.appendChild(svg('circle', { cx: x(i).toFixed(1), cy: y(price).toFixed(1), r: 2.5, class: `dot ${mode}` }));
    });
    flush();
  }
  return chart;
}

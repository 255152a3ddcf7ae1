import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { ChartSpec } from './adapter';

const COLORS = ['#1a73e8', '#e8710a', '#5f6368', '#188038'];

/** Where a cell's top-left corner is now, in pixels from the sheet canvas's top-left (0-based row and column). */
export type CellOrigin = (row: number, column: number) => { x: number; y: number };

/**
 * Places the drawn charts over the sheet at their anchor cells, as Sheets floats a chart over the cells
 * the add-on left free for it (never over the grid it wrote), moving with the scroll; `canvas` is the
 * sheet's drawing area within the container's parent, which clips them.
 */
export function placeCharts(container: HTMLElement, canvas: DOMRect, origin: CellOrigin): void {
  Object.assign(container.style, {
    left: `${canvas.left}px`,
    top: `${canvas.top}px`,
    width: `${canvas.width}px`,
    height: `${canvas.height}px`,
  });
  for (const figure of container.querySelectorAll<HTMLElement>('figure.chart')) {
    const { row, column, offsetX, offsetY } = figure.dataset;
    const at = origin(Number(row) - 1, Number(column) - 1);
    figure.style.left = `${at.x + Number(offsetX)}px`;
    figure.style.top = `${at.y + Number(offsetY)}px`;
  }
}

/** A column of the sheet's values, as the add-on reads them (spilled results included). */
export type ColumnReader = (a1: string) => unknown[];

/** What the container shows now: the charts and their data, to redraw only when one of them changes. */
const drawn = new WeakMap<HTMLElement, string>();

/**
 * Draws a sheet's line charts (as the grid writer specifies them) with uPlot, from the cells' values.
 * Called on every change in the workbook (a selection move too): it redraws only when a chart or
 * its data differs from what is on screen.
 */
export function renderCharts(container: HTMLElement, read: ColumnReader, charts: readonly ChartSpec[]): void {
  const cells = charts.map((chart) => chart.ranges.map(read));
  const signature = JSON.stringify([charts, cells]);
  if (drawn.get(container) === signature) return;
  drawn.set(container, signature);
  container.replaceChildren();
  container.hidden = charts.length === 0;
  for (const [k, chart] of charts.entries()) {
    const figure = document.createElement('figure');
    figure.className = 'chart';
    // Anchored like a Sheets chart: its top-left corner at a cell (1-based row and column) plus an offset.
    const [row = 1, column = 1, offsetX = 0, offsetY = 0] = chart.position;
    Object.assign(figure.dataset, { row, column, offsetX, offsetY });
    const caption = document.createElement('figcaption');
    caption.textContent = String(chart.options.title ?? 'Chart');
    figure.appendChild(caption);
    container.appendChild(figure);
    const { options, data } = chartOf(chart, cells[k]);
    new uPlot(options, data, figure);
  }
}

/** A move as the axis shows it: 0.05 is 5%. */
const percentText = (move: number) => `${Number((move * 100).toFixed(2))}%`;

interface AxisOption {
  title?: string;
  format?: string;
}

/**
 * A chart as uPlot draws it: a domain of leverages evenly spaced (labelled 10×), or (an axis format `percent`) of
 * market moves placed at their values, rows sorted by them; a series whose option has `lineWidth: 0` is drawn as
 * points alone (the marks), the others as lines.
 */
function chartOf(chart: ChartSpec, columns: unknown[][]): { options: uPlot.Options; data: uPlot.AlignedData } {
  const headers = Number(chart.options.numHeaders ?? 0);
  const names = columns.map((c, i) => (headers > 0 ? String(c[0] ?? `Series ${i}`) : `Series ${i}`));
  const axis = (chart.options.hAxis ?? {}) as AxisOption;
  const seriesOption = (i: number) =>
    (chart.options.series as Record<string, { lineWidth?: number; color?: string }> | undefined)?.[i] ?? {};
  const pointsOnly = (i: number) => seriesOption(i).lineWidth === 0;
  const color = (i: number) => seriesOption(i).color ?? COLORS[i % COLORS.length];
  const numbers = (c: unknown[]) => c.slice(headers).map((v) => (typeof v === 'number' ? v : null));
  const percent = axis.format === 'percent';
  let x: number[];
  let series: (number | null)[][];
  let label: (i: number) => string;
  if (percent) {
    const rows = numbers(columns[0])
      .map((move, i) => ({ move, values: columns.slice(1).map((c) => numbers(c)[i]) }))
      .filter((r): r is { move: number; values: (number | null)[] } => r.move !== null)
      .sort((a, b) => a.move - b.move);
    x = rows.map((r) => r.move);
    series = columns.slice(1).map((_, s) => rows.map((r) => r.values[s]));
    label = (i) => (x[i] === undefined ? '' : percentText(x[i]));
  } else {
    const labels = columns[0].slice(headers).map(String);
    x = labels.map((_, i) => i);
    series = columns.slice(1).map(numbers);
    label = (i) => (labels[i] === undefined ? '' : `${labels[i]}×`);
  }
  const last = x.length - 1;
  const options: uPlot.Options = {
    width: 460,
    height: 230,
    scales: { x: { time: false } },
    axes: [
      {
        values: (_u, ticks) =>
          ticks.map((t) => (percent ? percentText(t) : Number.isInteger(t) && t <= last ? label(t) : '')),
      },
      { size: 70 },
    ],
    series: [
      // uPlot passes the x value: an index into the leverages, or a move.
      { label: axis.title ?? 'Leverage', value: (_u, v) => (v === null ? '' : percent ? percentText(v) : label(v)) },
      ...names.slice(1).map((name, i) => ({
        label: name,
        stroke: color(i),
        width: 2,
        // Between the moves a mark sits at, a line goes on; a leverage without a value is a gap.
        spanGaps: percent,
        ...(pointsOnly(i) ? { paths: () => null, points: { show: true, size: 9, fill: color(i) } } : {}),
        value: (_u: uPlot, v: number | null) =>
          v === null ? 'none' : v.toLocaleString('en-US', { maximumFractionDigits: 2 }),
      })),
    ],
    // Without a pointer over the chart, the legend shows the last row's values (uPlot shows "--").
    hooks: {
      ready: [(u) => u.setLegend({ idx: last })],
      setCursor: [(u) => u.cursor.idx == null && u.setLegend({ idx: last })],
    },
  };
  return { options, data: [x, ...series] };
}

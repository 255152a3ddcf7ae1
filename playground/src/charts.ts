import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { type ChartSpec, type Workbook, parseA1 } from './workbook';

const COLORS = ['#1a73e8', '#e8710a', '#5f6368', '#188038'];

/** Draws a sheet's line charts (as the grid writer specifies them) with uPlot. */
export function renderCharts(
  container: HTMLElement,
  workbook: Workbook,
  sheetName: string,
  charts: readonly ChartSpec[],
): void {
  while (container.firstChild) container.removeChild(container.firstChild);
  for (const chart of charts) {
    const columns = chart.ranges.map((range) => {
      const [from, to] = range.split(':').map(parseA1);
      const values: (number | string | null)[] = [];
      for (let row = from.row; row <= (to ?? from).row; row++) {
        const shown = workbook.display(sheetName, row, from.column);
        values.push('error' in shown ? null : (shown.value as number | string | null));
      }
      return values;
    });
    const headers = Number(chart.options.numHeaders ?? 0);
    const labels = columns[0].slice(headers).map(String);
    const names = columns.map((c, i) => (headers > 0 ? String(c[0] ?? `Series ${i}`) : `Series ${i}`));
    const data: uPlot.AlignedData = [
      labels.map((_, i) => i),
      ...columns.slice(1).map((c) => c.slice(headers).map((v) => (typeof v === 'number' ? v : null))),
    ];
    const figure = document.createElement('figure');
    figure.className = 'chart';
    const caption = document.createElement('figcaption');
    caption.textContent = String(chart.options.title ?? 'Chart');
    figure.appendChild(caption);
    container.appendChild(figure);
    new uPlot(
      {
        width: 480,
        height: 280,
        scales: { x: { time: false } },
        axes: [
          {
            values: (_u, ticks) =>
              ticks.map((t) => (Number.isInteger(t) && labels[t] !== undefined ? `${labels[t]}×` : '')),
          },
          { size: 70 },
        ],
        series: [
          { label: names[0] },
          ...names
            .slice(1)
            .map((name, i) => ({ label: name, stroke: COLORS[i % COLORS.length], width: 2, spanGaps: false })),
        ],
      },
      data,
      figure,
    );
  }
}

import { distanceBand } from '../shared/risk';
import { type Dec, type LeverageComparison, type ModeOutcome, formatAmount } from '../engine';
import { el } from './dom';
import { formatChance, formatMoney, formatPercent, formatPlain, formatUsd } from './format';
import { type FormModel, type ModeChance, chanceOf, unitsOf } from './model';

/** An amount in a table cell: dollars as prices are (the column is in them), a coin with its name. */
function cellAmount(value: Dec, unit: string): string {
  return unit.startsWith('USD') ? formatUsd(value) : formatMoney(value, unit);
}

/** One row per leverage: isolated and cross side by side, each with price, distance and max loss. */
export function previewTable(model: FormModel): HTMLTableElement {
  const { rows, safeLeverage } = model;
  const unit = unitsOf(model.scenario?.market ?? null).amount;
  const late = (leverage: Dec) => safeLeverage !== null && leverage.gt(safeLeverage);
  return el(
    'table',
    { class: 'preview', id: 'preview-table' },
    el(
      'thead',
      {},
      el(
        'tr',
        {},
        el('th', { scope: 'col' }, 'Lev.'),
        el('th', { scope: 'col' }, 'Isolated'),
        el('th', { scope: 'col' }, 'Cross'),
      ),
    ),
    el(
      'tbody',
      {},
      ...rows.map((row) =>
        'error' in row
          ? el(
              'tr',
              { class: 'row-error' },
              el('th', { scope: 'row' }, `${formatPlain(row.leverage)}×`),
              el('td', { colspan: '2' }, row.error),
            )
          : el(
              'tr',
              late(row.leverage)
                ? { 'data-leverage': row.leverage.toString(), class: 'unsafe' }
                : { 'data-leverage': row.leverage.toString() },
              el(
                'th',
                { scope: 'row' },
                `${formatPlain(row.leverage)}×`,
                el('div', { class: 'sub' }, `margin ${cellAmount(row.margin, unit)}`),
              ),
              modeCell(model, row.isolated, 'isolated', late(row.leverage)),
              modeCell(model, row.cross, 'cross'),
            ),
      ),
    ),
  );
}

function modeCell(model: FormModel, outcome: ModeOutcome, mode: string, stopLate = false): HTMLTableCellElement {
  const chance = chanceOf(model, outcome);
  const liquidation = outcome.liquidation;
  const price = liquidation.kind === 'price' ? formatUsd(liquidation.price) : 'NONE';
  const distance = outcome.distance === null ? 'cannot be liquidated' : `${formatPercent(outcome.distance)} away`;
  const risk = outcome.distance === null ? '' : distanceBand(outcome.distance.toNumber());
  return el(
    'td',
    { class: `mode ${mode} ${risk}` },
    el('div', { class: 'price', 'data-field': 'liq' }, price),
    el('div', { class: 'sub', 'data-field': 'distance' }, distance),
    el(
      'div',
      { class: 'sub', 'data-field': 'loss' },
      `max loss ${cellAmount(outcome.maxLoss, unitsOf(model.scenario?.market ?? null).amount)}`,
    ),
    ...(chance === null || !model.odds
      ? []
      : [
          el(
            'div',
            {
              class: 'sub chance',
              'data-field': 'chance',
              'data-chance': String(chance.chance),
              'data-event': chance.event,
            },
            `${chance.event === 'stop' ? 'stop hit: ' : ''}${formatChance(chance.chance)} chance in ` +
              `${formatPlain(model.odds.horizonDays)} d`,
          ),
        ]),
    ...(stopLate ? [el('div', { class: 'stop-late', 'data-field': 'stop' }, 'liquidated before the stop')] : []),
  );
}

/**
 * The lesson in numbers, for one leverage of the comparison: cross survives a
 * larger move but can lose the whole balance; isolated loses at most its margin.
 */
export function lesson(model: FormModel): string {
  const rows = model.rows.filter((row): row is LeverageComparison => !('error' in row));
  if (rows.length === 0 || !model.scenario) return '';
  // The classic 10× if it is there, else the middle of the list.
  const row = rows.find((r) => r.leverage.eq(10)) ?? rows[Math.floor((rows.length - 1) / 2)];
  const unit = unitsOf(model.scenario.market).amount;
  const money = (value: Dec) => formatMoney(value, unit);
  if (model.odds) {
    const days = formatPlain(model.odds.horizonDays);
    const within = `within ${days} day${days === '1' ? '' : 's'}`;
    const isolated = chanceOf(model, row.isolated)!;
    const cross = chanceOf(model, row.cross)!;
    const stop = model.scenario.stopPrice ? formatUsd(model.scenario.stopPrice) : '';
    const loss = (o: ModeOutcome) =>
      unit.startsWith('USD') ? `${formatAmount(o.maxLoss, 2)} ${unit}` : formatMoney(o.maxLoss, unit);
    if (isolated.event === 'liquidation' && cross.event === 'liquidation') {
      return (
        `At ${formatPlain(row.leverage)}×, isolated: ${formatChance(isolated.chance)} chance of liquidation ` +
        `${within}, losing at most ${loss(row.isolated)}; cross: ${formatChance(cross.chance)}, but up to ` +
        `${loss(row.cross)}.`
      );
    }
    // A stop that fires first closes the position there: its chance, and the loss at the stop.
    const says = (o: ModeOutcome, c: ModeChance) =>
      c.event === 'stop'
        ? `${formatChance(c.chance)} chance that the stop at ${stop} is hit ${within}, losing ${loss(o)}`
        : `the stop comes too late: ${formatChance(c.chance)} chance of liquidation ${within}, losing ` + `${loss(o)}`;
    const lever = formatPlain(row.leverage);
    return `At ${lever}×, isolated: ${says(row.isolated, isolated)}; cross: ${says(row.cross, cross)}.`;
  }
  const fall = model.scenario.side === 1 ? 'fall' : 'rise';
  const survives = (o: ModeOutcome) =>
    o.distance === null ? `is never liquidated by a ${fall}` : `survives a ${formatPercent(o.distance)} ${fall}`;
  return (
    `At ${formatPlain(row.leverage)}×, isolated ${survives(row.isolated)} ` +
    `and loses at most ${money(row.isolated.maxLoss)}; cross ` +
    `${survives(row.cross)} but can lose ${money(row.cross.maxLoss)}` +
    `${row.cross.maxLossCause === 'liquidation' ? ', the whole balance' : ''}.`
  );
}

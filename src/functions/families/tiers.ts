import { type Market, invalidValue } from '../../engine';
import { type OutCell } from '../cells';
import { BRACKET_COLUMNS } from '../../shared/columns';
import { BRACKET_ROWS_TEXT, P } from '../params';
import { toCellNumber } from '../results';
import { defineFunction } from '../spec';
import { titleFactsOf, titleRow } from '../../data/marketTitle';

export const MAINT_MARGIN = defineFunction({
  name: 'MAINT_MARGIN',
  summary: 'Maintenance margin of a position of that notional: notional × rate − maintenance amount of its bracket.',
  returns: 'An amount in the margin asset (USDT; the coin for COIN-M).',
  params: [P.notional, P.brackets],
  example: [100000, 'BTCUSDT'],
  combine: {
    kind: 'elementwise',
    width: 1,
    compute: (a) => {
      return toCellNumber(a.market.tiers.maintenanceMargin(a.notional), 'maintenance margin', 'notional');
    },
  },
});

export const MARGIN_ASSET = defineFunction({
  name: 'MARGIN_ASSET',
  summary: "The asset a market's margin, PnL and losses are counted in: USDT, USDC, or the coin of a COIN-M market.",
  returns: 'The asset, such as USDT or BTC (a COIN-M market also counts its quantities in contracts).',
  params: [P.contract],
  example: ['BTCUSD_PERP'],
  combine: { kind: 'elementwise', width: 1, compute: (a) => a.market.contract.marginAsset },
});

export const MAX_LEVERAGE = defineFunction({
  name: 'MAX_LEVERAGE',
  summary: 'The highest leverage allowed for a position of that notional (its bracket maximum).',
  returns: 'A leverage, such as 125.',
  params: [P.notional, P.brackets],
  example: [1000000, 'BTCUSDT'],
  combine: {
    kind: 'elementwise',
    width: 1,
    compute: (a) => {
      const market = a.market;
      const maximum = market.tiers.maxLeverageAt(a.notional, 'notional');
      if (maximum === null)
        throw invalidValue(
          'market',
          market.label,
          (w) => `${w.name}: ${market.label} sets no leverage limit; pass a symbol or a bracket table to get one.`,
        );
      return toCellNumber(maximum, 'maximum leverage', 'market');
    },
  },
});

export const BRACKETS = defineFunction({
  name: 'BRACKETS',
  summary:
    'The leverage brackets of a market from the bundled dated snapshot, to see and copy; given bracket rows, checks ' +
    'and shows them.',
  returns:
    'A title row (the market, free text, the contract size, the date the brackets are as of, their source), a ' +
    'header row and one row per bracket: pass it back as brackets, or copy it.',
  params: [
    {
      name: 'symbol',
      field: 'market',
      type: 'brackets',
      single: true,
      expected: 'a symbol such as BTCUSDT, or a range of bracket rows to check',
      help:
        `A market such as BTCUSDT (bundled snapshot), a BRACKETS_<market> range, or ${BRACKET_ROWS_TEXT}) ` +
        `of your own, to check.`,
    },
  ],
  example: ['BTCUSDT'],
  combine: {
    kind: 'table',
    shape: (call) => ({
      rows: (call.value('symbol') as Market).tiers.brackets.length + 2,
      columns: BRACKET_COLUMNS.length,
    }),
    compute: (a) => {
      const market = a.market;
      const brackets = market.tiers.brackets;
      if (brackets[0].maxLeverage === null) {
        throw invalidValue(
          'market',
          market.label,
          (w) => `${w.name}: ${market.label} has no brackets to show; expected ${w.expected}.`,
        );
      }
      const title: OutCell[] =
        market.symbol !== null
          ? titleRow(titleFactsOf(market), market.source ?? '')
          : [`${market.label}: ${brackets.length} brackets, checked`, '', '', '', ''];
      const rows = brackets.map((b) =>
        [b.floor, b.cap, b.mmr, b.cum, b.maxLeverage!].map(
          (v) => toCellNumber(v, 'bracket value', 'market') as OutCell,
        ),
      );
      return [title, BRACKET_COLUMNS.slice(), ...rows];
    },
  },
});

// Benchmarks the built bundle the way Sheets runs it: dist/Code.js in a bare node:vm context.
// Prints the sizes and start-up times of Code.js and of the add-on file, one 10,000-row call per function, a
// plain-number loop of the same liquidation formula as a floor, and decimal.js alone doing what each short formula
// cannot skip (the yardstick: an exact call within 2× of it). Usage: npm run bench (builds first).
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import vm from 'node:vm';
import { createRequire } from 'node:module';
import { root } from './load-meta.mjs';

const codePath = join(root, 'dist', 'Code.js');
const code = readFileSync(codePath, 'utf8');
const ROWS = 10_000;
const Q = 10000 / 60000;

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};
const ms = (value) => `${value.toFixed(2)} ms`;

function time(fn, runs) {
  fn(); // warm-up
  const samples = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    fn();
    samples.push(performance.now() - start);
  }
  return median(samples);
}

// --- size and cold start --------------------------------------------------------------------
const size = statSync(codePath).size;
console.log(`bundle: dist/Code.js ${(size / 1024).toFixed(1)} KB (target ≤ 150 KB)`);

const coldSamples = [];
for (let i = 0; i < 15; i++) {
  const start = performance.now();
  const context = vm.createContext({});
  new vm.Script(code, { filename: `Code-${i}.js` }).runInContext(context);
  context.LIQ_PRICE_ISOLATED('LONG', 60000, Q, 10, 0, 'BTCUSDT');
  coldSamples.push(performance.now() - start);
}
console.log(
  `cold start (new context + load + first LIQ_PRICE_ISOLATED on ` +
    `BTCUSDT), median of 15: ${ms(median(coldSamples))} (target ≤ 15 ms)`,
);

// The menu's, sidebar's and dialogs' server code: not loaded by sheet functions, read and compiled on use.
const addonPath = join(root, 'dist', 'Addon.html');
const addonFile = readFileSync(addonPath, 'utf8');
const addonSamples = [];
for (let i = 0; i < 15; i++) {
  const HtmlService = { createHtmlOutputFromFile: () => ({ getContent: () => addonFile }) };
  const start = performance.now();
  const context = vm.createContext({ HtmlService });
  new vm.Script(code, { filename: `Code-addon-${i}.js` }).runInContext(context);
  context.addon_();
  addonSamples.push(performance.now() - start);
}
console.log(
  `add-on file: dist/Addon.html ${(statSync(addonPath).size / 1024).toFixed(1)} KB; a menu or sidebar ` +
    `call's start (new context + Code.js + compiling the add-on file), median of 15: ${ms(median(addonSamples))}`,
);

// --- 10,000-row calls -------------------------------------------------------------------------
const context = vm.createContext({});
vm.runInContext(code, context);
// Deterministic inputs: entry prices 20,000–100,000, sizes 1,000–2,000,000 USDT, leverage 1–20.
let seed = 42;
const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
const column = (make) => Array.from({ length: ROWS }, (_, i) => [make(i)]);
const entries = column(() => Math.round(20000 + random() * 80000));
const quantities = column((i) => (1000 + random() * 1999000) / entries[i][0]);
const sides = column(() => (random() < 0.5 ? 'LONG' : 'SHORT'));
const leverages = column(() => 1 + Math.floor(random() * 20));
const wallets = column((i) => entries[i][0] * quantities[i][0] * (0.05 + random() * 0.5));
const marks = column((i) => entries[i][0] * (0.97 + random() * 0.06));
const notionals = column((i) => entries[i][0] * quantities[i][0]);
const targets = column((i) => (sides[i][0] === 'LONG' ? entries[i][0] * 0.5 : entries[i][0] * 1.5));

const calls = {
  LIQ_PRICE_ISOLATED: [sides, entries, quantities, leverages],
  LIQ_PRICE_CROSS: [sides, entries, quantities, wallets],
  LIQ_PRICE_PORTFOLIO: [sides, entries, quantities, marks, 1e9],
  LIQ_PRICE_HEDGE: [quantities, entries, column((i) => quantities[i][0] / 2), marks, wallets],
  MAX_LOSS: ['ISOLATED', sides, entries, quantities, leverages, column((i) => wallets[i][0] * 10), '', ''],
  MARGIN_TO_ADD: [sides, entries, quantities, leverages, targets],
  MAINT_MARGIN: [notionals],
  MAX_LEVERAGE: [notionals],
  LIQ_GRID: ['LONG', 60000, Q, 5000, column((i) => 1 + (i % 125))],
  ISOLATED_MARGIN: [entries, quantities, leverages],
  LIQ_DISTANCE: [sides, entries, targets],
  MARGIN_RATIO: [
    sides,
    entries,
    quantities,
    marks,
    column((i) => (entries[i][0] * quantities[i][0]) / leverages[i][0]),
  ],
  CROSS_MARGIN_RATIO: [sides, entries, quantities, marks, 1e9],
  PNL: [sides, entries, marks, quantities],
  ROE: [sides, entries, marks, leverages],
  TARGET_PRICE: [sides, entries, leverages, 0.5],
  AVG_ENTRY_PRICE: [quantities, entries],
  COST_TO_OPEN: [sides, entries, quantities, leverages, marks],
  MAX_OPEN: [sides, entries, leverages, wallets, marks],
  POSITION_SIZE: [sides, entries, targets, 300],
  LIQ_PROBABILITY: [sides, entries, targets, 0.6, 7],
  LOSS_PROBABILITY: [
    sides,
    entries,
    targets,
    0.6,
    7,
    column((i) => (sides[i][0] === 'LONG' ? entries[i][0] * 0.9 : entries[i][0] * 1.1)),
  ],
  VOLATILITY: [entries],
  FUNDING_TO_LIQUIDATION: [sides, entries, quantities, leverages, 0.0001],
  MAX_SAFE_LEVERAGE: [
    sides,
    entries,
    quantities,
    column((i) => (sides[i][0] === 'LONG' ? entries[i][0] * 0.9 : entries[i][0] * 1.1)),
  ],
};
// The same rows on a COIN-M market (BTCUSD_PERP): the USD sizes as 100-USD contracts, amounts in BTC.
const COIN = 'BTCUSD_PERP';
const contracts = column((i) => Math.max(1, Math.round((entries[i][0] * quantities[i][0]) / 100)));
const coinNotionals = column((i) => (contracts[i][0] * 100) / entries[i][0]);
const coinWallets = column((i) => coinNotionals[i][0] * (0.05 + random() * 0.5));
const coinCalls = {
  LIQ_PRICE_ISOLATED: [sides, entries, contracts, leverages, '', COIN],
  LIQ_PRICE_CROSS: [sides, entries, contracts, coinWallets, '', '', COIN],
  MAX_LOSS: ['ISOLATED', sides, entries, contracts, leverages, column((i) => coinWallets[i][0] * 10), '', '', COIN],
  PNL: [sides, entries, marks, contracts, COIN],
  MAINT_MARGIN: [coinNotionals, COIN],
};

const results = {};
const prepared = {};
for (const [name, outerArgs] of Object.entries(calls)) {
  // Sheets hands the script arrays of its own realm: build the arguments inside the context.
  const args = vm.runInContext(`JSON.parse(${JSON.stringify(JSON.stringify(outerArgs))})`, context);
  prepared[name] = args;
  const out = context[name](...args);
  const errors = (Array.isArray(out) ? out.flat() : [out]).filter(
    (cell) => typeof cell === 'string' && cell.startsWith('Error:'),
  ).length;
  results[name] = { ms: time(() => context[name](...args), 7), errors };
}
const coinResults = {};
for (const [name, outerArgs] of Object.entries(coinCalls)) {
  const args = vm.runInContext(`JSON.parse(${JSON.stringify(JSON.stringify(outerArgs))})`, context);
  const out = context[name](...args);
  const errors = out.flat().filter((cell) => typeof cell === 'string' && cell.startsWith('Error:')).length;
  coinResults[name] = { ms: time(() => context[name](...args), 7), errors };
}

// --- the whole account: 50 positions of 25 symbols under 21 market moves --------------------------
// Each symbol has two rows (a split entry, or a hedge pair), one mode and one beta; one in four symbols is isolated.
const ACCOUNT_SYMBOLS = [
  'BTCUSDT',
  'ETHUSDT',
  'SOLUSDT',
  'XRPUSDT',
  'DOGEUSDT',
  'ADAUSDT',
  'LINKUSDT',
  'AVAXUSDT',
  'DOTUSDT',
  'LTCUSDT',
  'BCHUSDT',
  'TRXUSDT',
  'ATOMUSDT',
  'UNIUSDT',
  'ETCUSDT',
  'FILUSDT',
  'NEARUSDT',
  'APTUSDT',
  'ARBUSDT',
  'OPUSDT',
  'SUIUSDT',
  'INJUSDT',
  'AAVEUSDT',
  'BNBUSDT',
  'XLMUSDT',
];
const accountRows = ACCOUNT_SYMBOLS.flatMap((symbol, s) => {
  const mark = 10 ** (1 + (s % 4)) * (1 + random());
  const isolated = s % 4 === 3;
  return [0, 1].map((k) => {
    const side = k === 1 && s % 3 === 0 ? 'SHORT' : 'LONG';
    const quantity = (5000 + random() * 45000) / mark;
    const entry = mark * (0.95 + random() * 0.1);
    return { symbol, side, quantity, entry, mark, isolated, margin: (entry * quantity) / 10, beta: 0.8 + (s % 8) / 10 };
  });
});
const accountColumns = (pick) => accountRows.map((r) => [pick(r)]);
const accountArgs = [
  accountColumns((r) => r.side),
  accountColumns((r) => r.entry),
  accountColumns((r) => r.quantity),
  accountColumns((r) => r.mark),
  300000,
];
const accountRest = [
  accountColumns((r) => (r.isolated ? 'ISOLATED' : 'CROSS')),
  accountColumns((r) => (r.isolated ? r.margin : '')),
  accountColumns((r) => r.beta),
  accountColumns((r) => r.symbol),
];
const accountMoves = Array.from({ length: 21 }, (_, k) => [(k - 10) / 20]);
const accountCalls = {
  ACCOUNT_STRESS: [...accountArgs, accountMoves, ...accountRest],
  ACCOUNT_LIQ_MOVE: [...accountArgs, ...accountRest],
};
const accountResults = {};
for (const [name, outerArgs] of Object.entries(accountCalls)) {
  const args = vm.runInContext(`JSON.parse(${JSON.stringify(JSON.stringify(outerArgs))})`, context);
  const out = context[name](...args);
  const errors = out.flat().filter((cell) => typeof cell === 'string' && cell.startsWith('Error:')).length;
  if (errors > 0)
    throw new Error(`${name} gave ${errors} errors: ${out.flat().find((c) => String(c).startsWith('Error:'))}`);
  accountResults[name] = { ms: time(() => context[name](...args), 15), out };
}
const liquidation = accountResults.ACCOUNT_LIQ_MOVE.out[0];
const oddsArgs = vm.runInContext(
  `JSON.parse(${JSON.stringify(
    JSON.stringify([column((i) => -0.05 - (i % 50) / 100), column((i) => 0.05 + (i % 70) / 100), 0.6, 30]),
  )})`,
  context,
);
const oddsMs = time(() => context.ACCOUNT_LIQ_PROBABILITY(...oddsArgs), 7);

// --- the float floor: the same one-way liquidation formula in plain numbers ------------------
// It runs inside the same vm context, on the same in-context arguments as the exact call, and
// builds the same 2-D result, so that only the arithmetic differs (a vm context makes global
// look-ups slower than Apps Script's runtime, for both sides alike). Its types stay the same on every
// row (a price, or -1 for none; margins a plain array of numbers) and it is warmed before it is
// timed, so that V8 keeps it optimised: its time is a floor, not a guess.
const bracketsCall = time(() => context.BRACKETS('ETHUSDT'), 15);
vm.runInContext(
  `var floatFloor_ = function (sides, entries, quantities, margins, brackets) {
    var out = new Array(entries.length);
    for (var i = 0; i < entries.length; i++) {
      var side = sides[i][0] === 'LONG' ? 1 : -1, entry = entries[i][0], quantity = quantities[i][0];
      var constant = margins[i];
      var result = -1;
      for (var b = 0; b < brackets.length; b++) {
        var row = brackets[b];
        var price = (constant + row[3] - side * quantity * entry) / (quantity * row[2] - side * quantity);
        var notional = quantity * price;
        if (notional >= row[0] && notional <= row[1]) { result = price > 0 ? price : -1; break; }
      }
      out[i] = [result];
    }
    return out;
  };`,
  context,
);
const btc = context.BRACKETS('BTCUSDT').slice(2);
const [crossSides, crossEntries, crossQuantities, crossWallets] = prepared.LIQ_PRICE_CROSS;
const [isoSides, isoEntries, isoQuantities, isoLeverages] = prepared.LIQ_PRICE_ISOLATED;
const crossMargins = crossWallets.map(([wallet]) => wallet);
const isoMargins = isoEntries.map(([entry], i) => (entry * isoQuantities[i][0]) / isoLeverages[i][0]);
const crossFloor = () => context.floatFloor_(crossSides, crossEntries, crossQuantities, crossMargins, btc);
const isolatedFloor = () => context.floatFloor_(isoSides, isoEntries, isoQuantities, isoMargins, btc);

// The floor must compute what the function does (away from bracket edges, to float precision).
const exactCross = context.LIQ_PRICE_CROSS(...prepared.LIQ_PRICE_CROSS);
const floatCross = crossFloor();
const worst = exactCross.reduce(
  (max, [v], i) =>
    typeof v === 'number' && floatCross[i][0] > 0 ? Math.max(max, Math.abs(v - floatCross[i][0]) / v) : max,
  0,
);
const agreement =
  `float floor agrees with LIQ_PRICE_CROSS to a relative ` +
  `${worst.toExponential(1)} over ${ROWS.toLocaleString('en')} rows`;

// The machine is shared and noisy: measure each exact call and its floor in alternation, and
// compare medians of the pairs.
function ratioTo(name, floorFn) {
  const exact = [];
  const floor = [];
  const run = () => context[name](...prepared[name]);
  run();
  for (let i = 0; i < 30; i++) floorFn();
  for (let i = 0; i < 9; i++) {
    exact.push(time(run, 1));
    floor.push(time(floorFn, 9));
  }
  return { exact: median(exact), floor: median(floor) };
}
const crossRatio = ratioTo('LIQ_PRICE_CROSS', crossFloor);

// For scale: decimal.js alone, doing only what an exact answer cannot skip for these rows (parse
// the three inputs, entry notional, numerator, denominator, one 34-digit division, back to a
// number), with the bracket already known. No validation, broadcasting or errors.
const Decimal = createRequire(import.meta.url)('decimal.js').clone({ precision: 34 });
const slopes = btc.map(([, , mmr]) => [new Decimal(1).minus(mmr), new Decimal(1).plus(mmr)]);
const cums = btc.map(([, , , cum]) => new Decimal(cum));
const bracketOfNotional = (notional) => {
  const b = btc.findIndex(([floor, cap]) => notional >= floor && notional < cap);
  return b < 0 ? btc.length - 1 : b;
};
const bracketOf = crossQuantities.map(([q], i) => bracketOfNotional(q * Math.max(floatCross[i][0], 0)));
/** Each bound's answers, row by row, to check that it computes what the function does. */
const sink = new Array(ROWS);
const crossBound = () => {
  for (let i = 0; i < ROWS; i++) {
    const long = crossSides[i][0] === 'LONG';
    const quantity = new Decimal(crossQuantities[i][0]);
    const notional = quantity.times(new Decimal(crossEntries[i][0]));
    const wallet = new Decimal(crossWallets[i][0]);
    const b = bracketOf[i];
    const numerator = (long ? wallet.minus(notional) : wallet.plus(notional)).plus(cums[b]);
    const slope = quantity.times(slopes[b][long ? 0 : 1]);
    sink[i] = numerator.div(long ? slope.negated() : slope).toNumber();
  }
};
const decimalOnly = time(crossBound, 9);
const isolatedRatio = ratioTo('LIQ_PRICE_ISOLATED', isolatedFloor);

// --- the decimal.js lower bound of each function with a short formula -------------------------------------------
// decimal.js alone on the same rows, doing only what an exact answer cannot skip: read each input into a decimal,
// the formula's products, sums and quotients, and the result back to a number. The bracket is already known (from the
// exact answer), and nothing is checked. The yardstick is an exact call within 2× of its bound.
const D = (value) => new Decimal(value);
const rates = btc.map(([, , mmr]) => D(mmr));
const exactIsolated = context.LIQ_PRICE_ISOLATED(...prepared.LIQ_PRICE_ISOLATED);
const isolatedBracket = isoQuantities.map(([q], i) => bracketOfNotional(q * (exactIsolated[i][0] || 0)));
const isolatedBound = (answer) => () => {
  // Isolated margin M = q·E/L; a long is liquidated at (q·E − M − cum) / (q·(1 − mmr)), a short at
  // (q·E + M + cum) / (q·(1 + mmr)).
  for (let i = 0; i < ROWS; i++) {
    const long = isoSides[i][0] === 'LONG';
    const b = isolatedBracket[i];
    const quantity = D(isoQuantities[i][0]);
    const notional = quantity.times(D(isoEntries[i][0]));
    const margin = notional.div(D(isoLeverages[i][0]));
    const numerator = long ? notional.minus(margin).minus(cums[b]) : notional.plus(margin).plus(cums[b]);
    const price = numerator.div(quantity.times(slopes[b][long ? 0 : 1]));
    sink[i] = (answer === 'price' ? price : margin).toNumber();
  }
};
const [maintNotionals] = prepared.MAINT_MARGIN;
const maintBracket = maintNotionals.map(([n]) => bracketOfNotional(n));
const [pnlSides, pnlEntries, pnlExits, pnlQuantities] = prepared.PNL;
const [marginEntries, marginQuantities, marginLeverages] = prepared.ISOLATED_MARGIN;
const decimalBounds = {
  LIQ_PRICE_CROSS: crossBound,
  LIQ_PRICE_ISOLATED: isolatedBound('price'),
  // The loss is the isolated margin, once the liquidation price says the position opens and is liquidated.
  MAX_LOSS: isolatedBound('margin'),
  MAINT_MARGIN: () => {
    for (let i = 0; i < ROWS; i++)
      sink[i] = D(maintNotionals[i][0]).times(rates[maintBracket[i]]).minus(cums[maintBracket[i]]).toNumber();
  },
  ISOLATED_MARGIN: () => {
    for (let i = 0; i < ROWS; i++)
      sink[i] = D(marginQuantities[i][0]).times(D(marginEntries[i][0])).div(D(marginLeverages[i][0])).toNumber();
  },
  PNL: () => {
    for (let i = 0; i < ROWS; i++) {
      const move = D(pnlExits[i][0]).minus(D(pnlEntries[i][0])).times(D(pnlQuantities[i][0]));
      sink[i] = (pnlSides[i][0] === 'LONG' ? move : move.negated()).toNumber();
    }
  },
};
// A bound that computed something else would be no bound: each must give the function's numbers (where it gives one).
for (const [name, bound] of Object.entries(decimalBounds)) {
  bound();
  const exact = context[name](...prepared[name]);
  const off = exact.filter(([v], i) => typeof v === 'number' && Math.abs(v - sink[i]) > Math.abs(v) * 1e-12).length;
  if (off > 0) throw new Error(`the decimal.js bound of ${name} differs from it on ${off} rows`);
}
const boundRatios = Object.entries(decimalBounds).map(([name, bound]) => [name, ratioTo(name, bound)]);

console.log(`\none call over ${ROWS.toLocaleString('en')} rows (median of 7):`);
for (const [name, { ms: t, errors }] of Object.entries(results)) {
  console.log(
    `  ${name.padEnd(20)} ${ms(t).padStart(10)}  ` +
      `${((t * 1000) / ROWS).toFixed(1).padStart(5)} ` +
      `µs/row${errors ? `  (${errors} rows give an error by design)` : ''}`,
  );
}
console.log(`  ${'BRACKETS'.padEnd(20)} ${ms(bracketsCall).padStart(10)}  (one symbol's table, median of 15)`);
console.log(`\nthe same rows on a COIN-M market (${COIN}: contracts, amounts in BTC), and the ratio to USDS-M:`);
for (const [name, { ms: t, errors }] of Object.entries(coinResults)) {
  console.log(
    `  ${name.padEnd(20)} ${ms(t).padStart(10)}  ${(t / results[name].ms).toFixed(2)}× the USDS-M call` +
      `${errors ? `  (${errors} rows give an error by design)` : ''}`,
  );
}
console.log(
  `\nthe whole account: ${accountRows.length} positions of ${ACCOUNT_SYMBOLS.length} symbols, ` +
    `${accountMoves.length} moves (median of 15):`,
);
console.log(`  ${'ACCOUNT_STRESS'.padEnd(24)} ${ms(accountResults.ACCOUNT_STRESS.ms).padStart(10)}  (one table)`);
console.log(
  `  ${'ACCOUNT_LIQ_MOVE'.padEnd(24)} ${ms(accountResults.ACCOUNT_LIQ_MOVE.ms).padStart(10)}  ` +
    `(fall ${liquidation[0]}, rise ${liquidation[1]})`,
);
console.log(
  `  ${'ACCOUNT_LIQ_PROBABILITY'.padEnd(24)} ${ms(oddsMs).padStart(10)}  ` +
    `(${ROWS.toLocaleString('en')} rows of two barriers, median of 7)`,
);
console.log('\nagainst a plain-number loop of the same formula (float floor), measured in alternation:');
console.log(`  (${agreement})`);
for (const [name, r] of [
  ['LIQ_PRICE_CROSS', crossRatio],
  ['LIQ_PRICE_ISOLATED', isolatedRatio],
]) {
  console.log(`  ${name.padEnd(20)} ${ms(r.exact)} vs float floor ${ms(r.floor)} = ${(r.exact / r.floor).toFixed(1)}×`);
}
console.log(
  `  decimal.js alone, the operations an exact LIQ_PRICE_CROSS cannot ` +
    `skip: ${ms(decimalOnly)} = ` +
    `${(decimalOnly / crossRatio.floor).toFixed(1)}× the float floor`,
);
console.log(
  '\nagainst decimal.js alone on the same rows (what an exact answer cannot skip, the bracket known; yardstick 2×),' +
    ' measured in alternation:',
);
for (const [name, r] of boundRatios) {
  console.log(
    `  ${name.padEnd(20)} ${ms(r.exact)} vs decimal.js bound ${ms(r.floor)} = ${(r.exact / r.floor).toFixed(2)}×`,
  );
}
// The float floor is for scale only: decimal.js alone is some 30× it, so the yardstick is the decimal.js bound.
const within = boundRatios.filter(([, r]) => r.exact <= 2 * r.floor).map(([name]) => name);
const beyond = boundRatios.filter(([, r]) => r.exact > 2 * r.floor).map(([name]) => name);
console.log(
  `yardstick, an exact call within 2× of its decimal.js bound: ${within.length} of ${boundRatios.length} within` +
    (beyond.length > 0 ? ` (beyond: ${beyond.join(', ')})` : ''),
);

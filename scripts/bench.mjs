// Benchmarks the built bundle the way Sheets runs it: dist/Code.js in a bare node:vm context.
// Prints bundle size, cold start, one 10,000-row call per function, and a plain-number loop of
// the same liquidation formula as a floor. Usage: npm run bench (builds first).
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import vm from 'node:vm';
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
console.log(`cold start (new context + load + first LIQ_PRICE_ISOLATED on BTCUSDT), median of 15: ${ms(median(coldSamples))} (target ≤ 15 ms)`);

// --- 10,000-row calls -------------------------------------------------------------------------
const context = vm.createContext({});
vm.runInContext(code, context);
// Deterministic inputs: entry prices 20,000–100,000, sizes 1,000–2,000,000 USDT, leverage 1–20.
let seed = 42;
const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
const column = (make) => Array.from({ length: ROWS }, (_, i) => [make(i)]);
const entries = column(() => Math.round(20000 + random() * 80000));
const quantities = column((i) => (1000 + random() * 1999000) / entries[i][0]);
const sides = column(() => (random() < 0.5 ? 'LONG' : 'SHORT'));
const leverages = column(() => 1 + Math.floor(random() * 20));
const wallets = column((i) => (entries[i][0] * quantities[i][0]) * (0.05 + random() * 0.5));
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
  MARGIN_RATIO: [sides, entries, quantities, marks, column((i) => (entries[i][0] * quantities[i][0]) / leverages[i][0])],
  CROSS_MARGIN_RATIO: [sides, entries, quantities, marks, 1e9],
};
const results = {};
const prepared = {};
for (const [name, outerArgs] of Object.entries(calls)) {
  // Sheets hands the script arrays of its own realm: build the arguments inside the context.
  const args = vm.runInContext(`JSON.parse(${JSON.stringify(JSON.stringify(outerArgs))})`, context);
  prepared[name] = args;
  const out = context[name](...args);
  const errors = (Array.isArray(out) ? out.flat() : [out]).filter((cell) => typeof cell === 'string' && cell.startsWith('Error:')).length;
  results[name] = { ms: time(() => context[name](...args), 7), errors };
}

// --- the float floor: the same one-way liquidation formula in plain numbers ------------------
const btc = context.BRACKETS('BTCUSDT').slice(2);
function floatLiquidation(side, entry, quantity, constant) {
  for (const [floor, cap, mmr, cum] of btc) {
    const price = (constant + cum - side * quantity * entry) / (quantity * mmr - side * quantity);
    const notional = quantity * price;
    if (notional >= floor && notional <= cap) return price > 0 ? price : 'NONE';
  }
  return 'NONE';
}
const bracketsCall = time(() => context.BRACKETS('ETHUSDT'), 15);

const floorOut = new Array(ROWS);
const floorLoop = (margin) => () => {
  for (let i = 0; i < ROWS; i++) floorOut[i] = [floatLiquidation(sides[i][0] === 'LONG' ? 1 : -1, entries[i][0], quantities[i][0], margin(i))];
};
const crossFloor = floorLoop((i) => wallets[i][0]);
const isolatedFloor = floorLoop((i) => (entries[i][0] * quantities[i][0]) / leverages[i][0]);

// The machine is shared and noisy: measure each exact call and its floor in alternation, and
// compare medians of the pairs.
function ratioTo(name, floorFn) {
  const exact = [];
  const floor = [];
  const run = () => context[name](...prepared[name]);
  run();
  floorFn();
  for (let i = 0; i < 9; i++) {
    exact.push(time(run, 1));
    floor.push(time(floorFn, 9));
  }
  return { exact: median(exact), floor: median(floor) };
}
const crossRatio = ratioTo('LIQ_PRICE_CROSS', crossFloor);
const isolatedRatio = ratioTo('LIQ_PRICE_ISOLATED', isolatedFloor);

console.log(`\none call over ${ROWS.toLocaleString('en')} rows (median of 7):`);
for (const [name, { ms: t, errors }] of Object.entries(results)) {
  console.log(`  ${name.padEnd(20)} ${ms(t).padStart(10)}  ${((t * 1000) / ROWS).toFixed(1).padStart(5)} µs/row${errors ? `  (${errors} rows give an error by design)` : ''}`);
}
console.log(`  ${'BRACKETS'.padEnd(20)} ${ms(bracketsCall).padStart(10)}  (one symbol's table, median of 15)`);
console.log('\nagainst a plain-number loop of the same formula (float floor), measured in alternation:');
for (const [name, r] of [['LIQ_PRICE_CROSS', crossRatio], ['LIQ_PRICE_ISOLATED', isolatedRatio]]) {
  console.log(`  ${name.padEnd(20)} ${ms(r.exact)} vs float floor ${ms(r.floor)} = ${(r.exact / r.floor).toFixed(1)}×`);
}
console.log(`LIQ_PRICE_CROSS target: within 40× the float floor (aim 15×): ${(crossRatio.exact / crossRatio.floor).toFixed(1)}×`);

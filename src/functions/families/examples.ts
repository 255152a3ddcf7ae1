// The example arguments the function help and the README show (each example's result comes from the engine).

/** The example position's quantity: a 10,000 USDT position at 60,000. */
export const Q = { expr: '10000/60000', value: 10000 / 60000 };

/** An example account: a BTCUSDT long and an ETHUSDT short, 20,000 USDT of wallet. */
export const ACCOUNT_EXAMPLE = [
  [['LONG'], ['SHORT']],
  [[60000], [3000]],
  [[1], [10]],
  [[61000], [2900]],
  20000,
  [['BTCUSDT'], ['ETHUSDT']],
];

/**
 * An example account with a mode per row: a cross BTCUSDT long, an isolated ETHUSDT long with 3,000 USDT of margin
 * that moves 1.2 times the market, and a cross SOLUSDT short; 10,000 USDT of cross wallet.
 */
export const ACCOUNT_MOVE_EXAMPLE = [
  [['LONG'], ['LONG'], ['SHORT']],
  [[60000], [3000], [150]],
  [[1], [10], [100]],
  [[61000], [2900], [140]],
  10000,
  [['CROSS'], ['ISOLATED'], ['CROSS']],
  [[''], [3000], ['']],
  [[1], [1.2], [1]],
  [['BTCUSDT'], ['ETHUSDT'], ['SOLUSDT']],
];

/** Market moves of the example: a fall of 20 %, of 10 %, and a rise of 10 %. */
export const MOVES_EXAMPLE = [[-0.2], [-0.1], [0.1]];

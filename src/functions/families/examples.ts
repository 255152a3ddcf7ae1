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

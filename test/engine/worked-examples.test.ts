import {
  BracketTable,
  crossLiquidationPrice,
  isolatedLiquidationPrice,
  portfolioLiquidationPrices,
  binanceUsdsMarket,
} from '../../src/engine';
import { snapshotMarket } from '../../src/data/symbols';
import { BTC_2021, ETH_2021, d, expectPrice } from './helpers';

// The worked examples of shared/reference/margin-math.md, exact.
describe('cross vs isolated: 5,000 USDT account, BTC long at 60,000, 10,000 USDT position', () => {
  const btc = snapshotMarket('BTCUSDT');
  const quantity = d(1).div(6);
  const entryPrice = d(60000);

  it('cross with the whole 5,000 balance liquidates at 5,000·6/0.996', () => {
    const outcome = crossLiquidationPrice({ side: 1, entryPrice, quantity, walletBalance: d(5000), market: btc });
    expectPrice(outcome, '30120.48192771084337349397590361445783');
  });

  it('isolated with 1,000 margin (10×) liquidates at 9,000·6/0.996', () => {
    const outcome = isolatedLiquidationPrice({ side: 1, entryPrice, quantity, leverage: d(10), market: btc });
    expectPrice(outcome, '54216.86746987951807228915662650602410');
  });

  it('with a flat 0.5 % rate', () => {
    const flat = binanceUsdsMarket(BracketTable.flatRate(0.005));
    expectPrice(
      crossLiquidationPrice({ side: 1, entryPrice, quantity, walletBalance: d(5000), market: flat }),
      '30150.75376884422110552763819095477387',
    );
    expectPrice(
      isolatedLiquidationPrice({ side: 1, entryPrice, quantity, leverage: d(10), market: flat }),
      '54271.35678391959798994974874371859296',
    );
  });

  it('the sheet form of the quantity (10000/60000 as a JS number) gives the same price to 1e-9', () => {
    const outcome = crossLiquidationPrice({
      side: 1,
      entryPrice,
      quantity: d(10000 / 60000),
      walletBalance: d(5000),
      market: btc,
    });
    expectPrice(outcome, '30120.48192771084337', '1e-9');
  });
});

describe("Binance's official two-position cross example", () => {
  const walletBalance = d('1535443.01');
  const eth = { side: 1 as const, quantity: d('3683.979'), entryPrice: d('1456.84'), market: ETH_2021 };
  const btc = { side: 1 as const, quantity: d('109.488'), entryPrice: d('32481.98'), market: BTC_2021 };

  it('ETHUSDT with the BTC position as TMM1/UPNL1: 1,153.26', () => {
    const outcome = crossLiquidationPrice({
      ...eth,
      walletBalance,
      otherMaintenanceMargin: d('71200.81144'),
      otherUnrealizedPnl: d('-56354.57'),
    });
    expectPrice(outcome, '1153.256464696339353605315219102920', '1e-25');
  });

  it('BTCUSDT with the ETH position as TMM1/UPNL1: 26,316.89', () => {
    const outcome = crossLiquidationPrice({
      ...btc,
      walletBalance,
      otherMaintenanceMargin: d('356512.508'),
      otherUnrealizedPnl: d('-448192.89'),
    });
    expectPrice(outcome, '26316.89330890260307182709637773206', '1e-25');
  });

  it('each alone with the whole wallet: 1,114.78 and 18,778.73', () => {
    expectPrice(crossLiquidationPrice({ ...eth, walletBalance }), '1114.784963745872480694258994298164', '1e-25');
    expectPrice(crossLiquidationPrice({ ...btc, walletBalance }), '18778.72593217100012365246911498556', '1e-25');
  });

  it(
    'as a portfolio with mark prices 1,335.18 and 31,967.27 (the marks ' +
      'behind TMM1/UPNL1): the published prices to the cent',
    () => {
      const [ethOutcome, btcOutcome] = portfolioLiquidationPrices(
        [
          { ...eth, markPrice: d('1335.18') },
          { ...btc, markPrice: d('31967.27') },
        ],
        walletBalance,
      );
      expectPrice(ethOutcome, '1153.26', '0.005');
      expectPrice(btcOutcome, '26316.89', '0.005');
    },
  );
});

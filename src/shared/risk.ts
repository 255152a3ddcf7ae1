// How near liquidation a position is, in the bands every view colours the same way: the sidebar's
// preview, the inserted grid and the risk plan.

/** Distance to liquidation, as a fraction of the price: under `near` is red, under `close` amber, else green. */
export const DISTANCE_BANDS = { near: 0.05, close: 0.15 } as const;

/** Red close to liquidation, amber nearer than 15 %, green further. */
export const RISK_COLOURS = { near: '#f4c7c3', close: '#fce8b2', far: '#b7e1cd' } as const;

/** The band of a distance to liquidation. */
export function distanceBand(distance: number): keyof typeof RISK_COLOURS {
  return distance < DISTANCE_BANDS.near ? 'near' : distance < DISTANCE_BANDS.close ? 'close' : 'far';
}

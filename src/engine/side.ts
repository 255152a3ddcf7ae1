/** +1 for a long position, −1 for a short one: the sign of the PnL of a price rise. */
export type Side = 1 | -1;

export function sideName(side: Side): 'LONG' | 'SHORT' {
  return side === 1 ? 'LONG' : 'SHORT';
}

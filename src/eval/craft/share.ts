/** A count out of a total: how many of `of` cases showed the thing measured. Shares pool across pieces. */
export interface Share {
  count: number;
  of: number;
}

/** The share as a fraction 0–1; NaN when there was nothing to count. */
export function ratio(s: Share): number {
  return s.of > 0 ? s.count / s.of : Number.NaN;
}

/** Shares added up: the pooled count out of the pooled total. */
export function pool(shares: readonly Share[]): Share {
  return shares.reduce((a, s) => ({ count: a.count + s.count, of: a.of + s.of }), { count: 0, of: 0 });
}

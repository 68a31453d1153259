export interface BenchSection {
  name: string;
  /** Prints its own table; returns its keys for the final JSON line. */
  run(): Promise<Record<string, number | string>>;
}

/** p-th percentile (0..100) of a list of timings. */
export function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
}

export const round = (x: number, digits = 2): number => Number(x.toFixed(digits));

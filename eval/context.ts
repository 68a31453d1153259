import type { Catalog } from '../src/features/catalog/core/catalog.ts';

export interface EvalContext {
  /** Every random choice in a section derives from this. */
  seed: number;
  /** The real catalog, or null when the dataset is absent. */
  catalog: Catalog | null;
  /** The Last.fm 2K folder, or null when absent. */
  lastfmDir: string | null;
  /** Prints a readable table. */
  table(title: string, rows: Record<string, unknown>[] | Record<string, unknown>): void;
}

export interface EvalSection {
  name: string;
  needs: ('spotify' | 'lastfm')[];
  /** Returns the section's keys for the final JSON line. */
  run(ctx: EvalContext): Promise<Record<string, number | string>>;
}

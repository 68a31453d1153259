// The top bar's artist search. The index is stored beside the catalog, and
// the query worker reads it as soon as the box appears, before this page has
// read the catalog itself; for a catalog stored without one, the worker builds
// it (a second or two on the real catalog) and the box says so meanwhile.
import { Latest } from '../../platform/latest.svelte.ts';
import { queryWorker } from '../../workers/index.ts';
import type { ArtistHit } from './artists.ts';

class SearchState {
  results = new Latest<ArtistHit[]>();
  /** The query the shown results answer ('' before any). */
  answered = $state('');
  /** The catalog whose index is built, or being built. */
  private indexFor: string | null = null;
  /** True while the index for the current catalog is being built. */
  building = $state(false);
  /** The stored catalog's fingerprint, as the worker read it with its index (null until then, or with none). */
  stored = $state<string | null>(null);
  private warmed: Promise<void> | null = null;

  /** Has the worker read the stored index, once, at start; settles when it has. */
  warm(): Promise<void> {
    return (this.warmed ??= queryWorker
      .call((api) => api.prepareSearch())
      .then((fp) => void (this.stored = fp))
      .catch(() => undefined));
  }

  /** Builds the index ahead of the first query. */
  prepare(fingerprint: string): void {
    if (this.indexFor === fingerprint) return;
    this.indexFor = fingerprint;
    this.building = true;
    void queryWorker
      .call((api) => api.searchArtists(fingerprint, 'a', 1))
      .catch(() => undefined)
      .finally(() => {
        if (this.indexFor === fingerprint) this.building = false;
      });
  }

  find(fingerprint: string, query: string): void {
    const q = query.trim();
    if (!q) {
      this.results.reset();
      this.answered = '';
      return;
    }
    this.results.run(async () => {
      const hits = await queryWorker.call((api) => api.searchArtists(fingerprint, q, 8));
      this.answered = q;
      return hits;
    });
  }
}

export const search = new SearchState();

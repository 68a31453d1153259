// The top bar's artist search. The query worker builds its index on the first
// search after a catalog arrives (a second or two on the real catalog), so the
// box asks for it as soon as it appears and says so while it is built.
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

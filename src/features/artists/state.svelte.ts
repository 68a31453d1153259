// An artist page's answers: similar artists (query worker) and the genres the
// classifier hears in their tracks (models worker). Each new artist clears the
// previous one's answers at once, so a page never shows another artist's list.
import { Latest } from '../../platform/latest.svelte.ts';
import { on } from '../../platform/events.ts';
import { modelsWorker, queryWorker } from '../../workers/index.ts';
import type { QueryWorkerApi } from '../../workers/query.worker.ts';
import type { HeardGenres } from '../models/genre/heard.ts';

type Similar = Awaited<ReturnType<QueryWorkerApi['similarArtists']>>;

class ArtistState {
  similar = new Latest<Similar>();
  heard = new Latest<HeardGenres | null>();
  private shown: { fingerprint: string; artist: number; tracks: number[] } | null = null;

  constructor() {
    // A new artist model changes the neighbours (and a genre model what is heard).
    on('models', () => void queryWorker.call((api) => api.modelChanged()).finally(() => this.ask(false)));
  }

  /** Asks for this artist's answers; the same artist again keeps what is shown. */
  show(fingerprint: string, artist: number, tracks: number[]): void {
    const same = this.shown?.fingerprint === fingerprint && this.shown.artist === artist;
    this.shown = { fingerprint, artist, tracks };
    if (!same) this.ask(true);
  }

  private ask(fresh: boolean): void {
    const s = this.shown;
    if (!s) return;
    if (fresh) {
      this.similar.reset();
      this.heard.reset();
    }
    this.similar.run(() => queryWorker.call((api) => api.similarArtists(s.fingerprint, s.artist, 12)));
    this.heard.run(() => modelsWorker.call((api) => api.hearGenres(s.fingerprint, s.tracks)));
  }
}

export const artistState = new ArtistState();

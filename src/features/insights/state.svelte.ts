// The Insights page's answers from the query worker: the catalog overview,
// trending tracks (optionally in one genre) and audio profiles by genre.
import { Latest } from '../../platform/latest.svelte.ts';
import { queryWorker } from '../../workers/index.ts';
import type { QueryWorkerApi } from '../../workers/query.worker.ts';

type Answer<K extends keyof QueryWorkerApi> = Awaited<ReturnType<QueryWorkerApi[K]>>;

class InsightsState {
  overview = new Latest<Answer<'insights'>>();
  trending = new Latest<Answer<'trending'>>();
  profiles = new Latest<Answer<'genreProfiles'>>();

  showOverview(fingerprint: string): void {
    this.overview.run(() => queryWorker.call((api) => api.insights(fingerprint)));
  }

  showTrending(fingerprint: string, genre: string): void {
    this.trending.run(() => queryWorker.call((api) => api.trending(fingerprint, genre)));
  }

  showProfiles(fingerprint: string, genres: string[]): void {
    this.profiles.run(() => queryWorker.call((api) => api.genreProfiles(fingerprint, genres)));
  }
}

export const insights = new InsightsState();

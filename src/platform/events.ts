// The one way news travels between the app's state classes (which never import
// each other) and between this app's open tabs. A state says what happened;
// whoever cares listens. Catalog and models news also go to the other tabs
// (they are megabytes, too big to re-read on every write; seeds, feedback and
// plays follow through Dexie's liveQuery, see app/tab-sync.svelte.ts).
type News =
  /** The stored catalog changed (imported, genres filled in, deleted). */
  | 'catalog'
  /** The stored models changed (trained, restored from a backup, deleted). */
  | 'models'
  /** Listening history was imported or deleted. */
  | 'plays'
  /** Feedback or plays changed: the next ranking must use the new taste. */
  | 'taste'
  /** The user's own tables were replaced at once (backup restored, all deleted). */
  | 'user-data';

const CROSS_TAB: ReadonlySet<News> = new Set(['catalog', 'models']);

type Handler = (from: object | undefined) => void;
const handlers = new Map<News, Set<Handler>>();
// A BroadcastChannel never delivers to its sender, so the other tabs hear it once.
const channel = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel('neural-beats');

function deliver(news: News, from: object | undefined): void {
  for (const h of handlers.get(news) ?? []) h(from);
}

channel?.addEventListener('message', (e: MessageEvent) => {
  if (CROSS_TAB.has(e.data)) deliver(e.data as News, undefined);
});

/** Tells this tab's listeners (and, for catalog and models, the other tabs').
 *  `from`: the sender, so it can skip its own news; undefined from another tab. */
export function emit(news: News, from?: object): void {
  if (CROSS_TAB.has(news)) channel?.postMessage(news);
  deliver(news, from);
}

/** Listens for news; returns the function that stops listening. */
export function on(news: News, handler: Handler): () => void {
  let set = handlers.get(news);
  if (!set) handlers.set(news, (set = new Set()));
  set.add(handler);
  return () => set.delete(handler);
}

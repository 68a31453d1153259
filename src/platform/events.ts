// News for this app's other open tabs: the catalog or the models changed, so
// they reload them instead of working on stale copies. (Seeds, feedback and
// plays follow through Dexie's liveQuery, see storage.svelte.ts; the catalog
// and models are megabytes, too big to re-read on every write, so the tab that
// wrote them says so.) A BroadcastChannel never delivers to its sender.
type TabNews = 'catalog' | 'models';

const channel = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel('neural-beats');

export function tellOtherTabs(news: TabNews): void {
  channel?.postMessage(news);
}

export function onTabNews(handler: (news: TabNews) => void): () => void {
  const listen = (e: MessageEvent) => {
    if (e.data === 'catalog' || e.data === 'models') handler(e.data);
  };
  channel?.addEventListener('message', listen);
  return () => channel?.removeEventListener('message', listen);
}

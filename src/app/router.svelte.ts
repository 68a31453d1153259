// Hash routes (#/insights, #/artist/123): a static host needs no rewrites,
// and the service worker serves one index.html for all of them.
type Route =
  | { page: 'discover' }
  | { page: 'path' }
  | { page: 'catalog' }
  | { page: 'insights' }
  | { page: 'models' }
  | { page: 'history' }
  | { page: 'data' }
  | { page: 'map' }
  | { page: 'artist'; artist: number };

function parseRoute(hash: string): Route {
  const [, page = '', arg = ''] = hash.replace(/^#/, '').split('/');
  switch (page) {
    case 'catalog':
    case 'path':
    case 'insights':
    case 'models':
    case 'history':
    case 'data':
    case 'map':
      return { page };
    case 'artist':
      return Number.isInteger(Number(arg)) && arg !== '' ? { page: 'artist', artist: Number(arg) } : { page: 'discover' };
    default:
      return { page: 'discover' };
  }
}

class Router {
  route = $state<Route>(parseRoute(location.hash));
  constructor() {
    addEventListener('hashchange', () => {
      this.route = parseRoute(location.hash);
    });
  }
}

export const router = new Router();
export const artistHref = (artist: number): string => `#/artist/${artist}`;

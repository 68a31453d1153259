// Imported by the service worker (vite.config.ts, workbox.importScripts): every
// same-origin response it serves gains COOP/COEP, so the page is cross-origin
// isolated on any static host (tfjs-wasm then runs its kernels on threads).
// Workbox's generated worker takes no plugins for its precache, so this wraps
// respondWith instead; the server's own headers, where it sends them, are kept.
const respondWith = FetchEvent.prototype.respondWith;
FetchEvent.prototype.respondWith = function (response) {
  return respondWith.call(this, Promise.resolve(response).then(isolated));
};

function isolated(response) {
  // Opaque and error responses cannot be rebuilt (and carry no document or script of ours).
  if (!response || response.type === 'opaque' || response.type === 'opaqueredirect' || response.status === 0) return response;
  const headers = new Headers(response.headers);
  if (!headers.has('Cross-Origin-Opener-Policy')) headers.set('Cross-Origin-Opener-Policy', 'same-origin');
  if (!headers.has('Cross-Origin-Embedder-Policy')) headers.set('Cross-Origin-Embedder-Policy', 'require-corp');
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}

import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { VitePWA } from 'vite-plugin-pwa';
import type { Plugin } from 'vite';

// Cross-origin isolation (SharedArrayBuffer, so tfjs-wasm can use threads). The
// service worker adds the same headers to what it serves (public/coi.js), for
// static hosts that send none.
const isolation = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' };

// tfjs-wasm starts each of its threads from the source text of its threaded
// module's factory (Function.toString into a Blob), so that factory must not
// lean on its enclosing closure, whose one variable the minifier renames (the
// threads then die on "e is not defined"). Without it, the factory reads the
// same name as an undefined global, which it already guards against.
const wasmThreadsFactory: Plugin = {
  name: 'tfjs-wasm-threads-factory',
  transform(code, id) {
    if (!id.endsWith('tfjs-backend-wasm-threaded-simd.js')) return null;
    const out = code.replace(/ {2}var _scriptDir = [^\n]*\n {2}if \(typeof __filename[^\n]*\n/, '');
    if (out === code) this.error('tfjs-backend-wasm-threaded-simd.js changed: its factory closure was not found');
    return { code: out, map: null };
  },
};

// A static site: `vite build` writes dist/, which any static host can serve.
export default defineConfig({
  plugins: [
    svelte(),
    wasmThreadsFactory,
    VitePWA({
      // The user decides when a new version takes over (workbox-window prompt),
      // so an update never reloads a page in the middle of their work.
      registerType: 'prompt',
      injectRegister: false,
      includeAssets: ['icon.svg', 'icon-192.png', 'icon-512.png'],
      manifest: {
        name: 'Neural Beats',
        short_name: 'Neural Beats',
        description: 'Private music discovery that learns your taste on your own device.',
        theme_color: '#12121a',
        background_color: '#12121a',
        display: 'standalone',
        start_url: '.',
        icons: [
          { src: 'icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: 'icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: 'icon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' },
        ],
      },
      workbox: {
        // The app shell, workers, and tfjs's .wasm kernels: everything to run offline.
        globPatterns: ['**/*.{js,css,html,wasm,svg,png,webmanifest}'],
        maximumFileSizeToCacheInBytes: 16 * 1024 * 1024,
        navigateFallback: 'index.html',
        cleanupOutdatedCaches: true,
        importScripts: ['coi.js'],
      },
    }),
  ],
  // The models worker is what bundles tfjs-wasm.
  worker: { format: 'es', plugins: () => [wasmThreadsFactory] },
  build: { target: 'es2022', chunkSizeWarningLimit: 4096 },
  server: { port: 5173, headers: isolation },
  preview: { port: 4173, headers: isolation },
});

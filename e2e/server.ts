// Serves the built app on localhost (a secure context, so IndexedDB, service
// workers and WebGPU behave as on a real site) for the whole e2e run.
import { preview } from 'vite';
import type { TestProject } from 'vitest/node';

export default async function setup(project: TestProject) {
  const server = await preview({ preview: { port: 0, host: '127.0.0.1', strictPort: false }, logLevel: 'warn' });
  const address = server.httpServer.address();
  if (!address || typeof address === 'string') throw new Error('preview server has no port');
  project.provide('baseUrl', `http://127.0.0.1:${address.port}/`);
  return async () => {
    await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

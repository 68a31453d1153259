// The import as the catalog worker runs it, in Node: stream → stored record,
// progress, a quota failure that keeps the previous catalog, download errors.
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { download, importCatalog, type ImportProgress } from './store.ts';
import { fromArrowIPC } from './core/arrow.ts';
import { ingestCsvText } from './core/ingest.ts';
import { NeuralBeatsDB } from '../../platform/db.ts';
import { injectQuotaErrors } from '../../../test/test-quota.ts';

const basic = readFileSync(new URL('../../../data/fixtures/basic.csv', import.meta.url));

/** The bytes as a stream of small chunks, as a File or a response body gives them. */
function streamOf(bytes: Uint8Array, chunk = 97): ReadableStream<Uint8Array> {
  let at = 0;
  return new ReadableStream({
    pull(c) {
      if (at >= bytes.length) return c.close();
      c.enqueue(bytes.slice(at, (at += chunk)));
    },
  });
}

const dbs: NeuralBeatsDB[] = [];
afterEach(async () => {
  for (const d of dbs.splice(0)) await d.delete();
});
const open = (name: string) => {
  const d = new NeuralBeatsDB(name);
  dbs.push(d);
  return d;
};

describe('importCatalog', () => {
  it('stores the parsed catalog and returns what it stored', async () => {
    const d = open('store-import');
    const phases: ImportProgress['phase'][] = [];
    const got = await importCatalog(streamOf(basic), { kind: 'file', name: 'basic.csv', bytes: basic.length }, basic.length, (p) => phases.push(p.phase), d);
    const expected = ingestCsvText(basic.toString('utf8'));
    expect(got.summary).toEqual(expected.summary);
    expect(fromArrowIPC(got.ipc).trackId).toEqual(expected.columns.trackId);
    expect(got.source).toEqual({ kind: 'file', name: 'basic.csv', bytes: basic.length });
    expect(phases.slice(-2)).toEqual(['building', 'saving']);
    const stored = (await d.catalog.get('current'))!;
    expect(stored.fingerprint).toBe(got.fingerprint);
    expect(stored.ipc).toEqual(got.ipc);
  });

  it('a full disk: the quota message, and the previous catalog stays', async () => {
    const d = open('store-quota');
    const sw = injectQuotaErrors(d);
    const first = await importCatalog(streamOf(basic), { kind: 'file', name: 'a.csv', bytes: 0 }, null, () => {}, d);
    sw.failing.add('catalog');
    const other = Buffer.from(basic.toString('utf8').split('\n').slice(0, 4).join('\n') + '\n');
    await expect(importCatalog(streamOf(other), { kind: 'file', name: 'b.csv', bytes: 0 }, null, () => {}, d)).rejects.toThrow(
      'The browser has no room left to store this catalog (storage quota reached). Your previous catalog is unchanged. Free some space or allow persistent storage, then try again.',
    );
    sw.failing.clear();
    expect((await d.catalog.get('current'))!.fingerprint).toBe(first.fingerprint);
  });

  it('refuses a file over the size limit before reading it', async () => {
    await expect(importCatalog(streamOf(basic), { kind: 'file', name: 'huge.csv', bytes: 0 }, 2 ** 31, () => {}, open('store-huge'))).rejects.toThrow(
      /largest catalog Neural Beats reads is 1024 MB/,
    );
  });
});

describe('download', () => {
  it('says when the network fails and when the server refuses', async () => {
    await expect(download('https://x.test/a.csv', () => Promise.reject(new TypeError('offline')))).rejects.toThrow(/network is unreachable/);
    const notFound = async () => new Response('no', { status: 404, statusText: 'Not Found' });
    await expect(download('https://x.test/a.csv', notFound)).rejects.toThrow('the server answered 404 Not Found');
  });
  it('gives the body and the length the server announced', async () => {
    const ok = async () => new Response(basic, { headers: { 'content-length': String(basic.length) } });
    const { body, length } = await download('https://x.test/a.csv', ok);
    expect(length).toBe(basic.length);
    expect(new Uint8Array(await new Response(body).arrayBuffer())).toEqual(new Uint8Array(basic));
  });
});

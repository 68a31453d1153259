// Listening-history import, off the UI thread: read the files, run the right
// importer, match the plays to the catalog, and store the new plays with an
// import record in ONE transaction (a failure half-way stores nothing). Play
// ids are stable, so importing the same file again adds nothing.
import * as Comlink from 'comlink';
import { db, isQuotaError, type ImportRecord, type PlayRecord } from '../../platform/db.ts';
import { storedCatalog } from '../catalog/store.ts';
import { detectHistoryFormat } from './core/detect.ts';
import { lastfmCsvImporter, type StreamingImporter } from './core/lastfm.ts';
import { importSpotifyFiles, importSpotifyZip, type NamedFile } from './core/spotify.ts';
import { mappedCsvImporter, previewCsv, type ColumnMapping, type CsvPreview } from './core/mapped-csv.ts';
import { ImportError, type ImportResult, type Play } from './core/play.ts';
import { buildMatcher, matchPlays, type MatchReport } from './core/match.ts';

export interface HistoryProgress {
  file: string;
  bytes: number;
  totalBytes: number;
  phase: 'reading' | 'matching' | 'saving';
}

/** What the import saw (the importers' counts, summed over its files) and stored. */
export type HistoryImportReport = Pick<ImportResult, 'read' | 'listens' | 'skips' | 'dropped' | 'droppedByReason' | 'droppedSamples'> & {
  importId: string;
  files: string[];
  /** Plays new to this device (the rest were already stored). */
  added: number;
  alreadyStored: number;
  match: MatchReport | null;
};

/** The largest history file read (Spotify's extended history is ~50 MB a year). */
const MAX_FILE_BYTES = 512 * 1024 * 1024;
const CHUNK = 4 * 1024 * 1024;

async function streamInto(file: File, importer: StreamingImporter, onProgress: (p: HistoryProgress) => void): Promise<ImportResult> {
  const reader = file.stream().getReader();
  let bytes = 0;
  let last = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    importer.push(value);
    bytes += value.byteLength;
    if (performance.now() - last > 100) {
      last = performance.now();
      onProgress({ file: file.name, bytes, totalBytes: file.size, phase: 'reading' });
    }
  }
  return importer.end();
}

/** A generic CSV the importers cannot place: the UI asks for a column mapping. */
export interface NeedsMapping {
  needsMapping: true;
  file: string;
  preview: CsvPreview;
}

async function readAll(files: File[], mapping: ColumnMapping | null, onProgress: (p: HistoryProgress) => void): Promise<ImportResult[] | NeedsMapping> {
  const results: ImportResult[] = [];
  const spotifyJson: NamedFile[] = [];
  for (const file of files) {
    if (file.size > MAX_FILE_BYTES) throw new ImportError('archive-too-large', `the file is ${Math.round(file.size / 2 ** 20)} MB; the largest history file read is ${MAX_FILE_BYTES / 2 ** 20} MB`, file.name);
    const head = new Uint8Array(await file.slice(0, 64 * 1024).arrayBuffer());
    const format = detectHistoryFormat(file.name, head);
    onProgress({ file: file.name, bytes: 0, totalBytes: file.size, phase: 'reading' });
    if (format === 'spotify-zip') results.push(importSpotifyZip(new Uint8Array(await file.arrayBuffer()), { file: file.name }));
    else if (format === 'spotify-json') spotifyJson.push({ name: file.name, data: new Uint8Array(await file.arrayBuffer()) });
    else if (format === 'lastfm-csv') results.push(await streamInto(file, lastfmCsvImporter({ file: file.name }), onProgress));
    else if (mapping) results.push(await streamInto(file, mappedCsvImporter(mapping, { file: file.name }), onProgress));
    else return { needsMapping: true, file: file.name, preview: previewCsv(head, 10, file.name) };
  }
  if (spotifyJson.length) results.push(importSpotifyFiles(spotifyJson));
  return results;
}

const api = {
  /** The start of a CSV with a guessed column mapping, for the mapping step. */
  async preview(file: File): Promise<CsvPreview> {
    return previewCsv(new Uint8Array(await file.slice(0, 64 * 1024).arrayBuffer()), 10, file.name);
  },

  async importHistory(
    files: File[],
    opts: { fingerprint: string | null; mapping: ColumnMapping | null },
    onProgress: (p: HistoryProgress) => void,
  ): Promise<HistoryImportReport | NeedsMapping> {
    const results = await readAll(files, opts.mapping, onProgress);
    if (!Array.isArray(results)) return results;
    const plays: Play[] = results.flatMap((r) => r.plays);
    // The same play can appear twice within one import (overlapping files).
    const unique = [...new Map(plays.map((p) => [p.id, p])).values()];
    onProgress({ file: '', bytes: 0, totalBytes: 0, phase: 'matching' });
    const match = opts.fingerprint ? matchPlays(buildMatcher(await storedCatalog(opts.fingerprint)), unique).report : null;
    const totals = { read: 0, listens: 0, skips: 0, dropped: 0, droppedByReason: {} as Record<string, number> };
    for (const r of results) {
      totals.read += r.read;
      totals.listens += r.listens;
      totals.skips += r.skips;
      totals.dropped += r.dropped;
      for (const [k, v] of Object.entries(r.droppedByReason)) totals.droppedByReason[k] = (totals.droppedByReason[k] ?? 0) + v;
    }
    const importId = crypto.randomUUID();
    onProgress({ file: '', bytes: 0, totalBytes: 0, phase: 'saving' });
    let added = 0;
    try {
      await db().transaction('rw', db().plays, db().imports, async () => {
        const existing = await db().plays.bulkGet(unique.map((p) => p.id));
        const fresh: PlayRecord[] = unique.filter((_, i) => !existing[i]).map((p) => ({ ...p, importId }));
        added = fresh.length;
        if (fresh.length) await db().plays.bulkAdd(fresh);
        const record: ImportRecord = {
          id: importId,
          at: Date.now(),
          source: [...new Set(results.map((r) => r.source))].join(', '),
          fileNames: files.map((f) => f.name),
          added,
          report: { match, dropped: totals.dropped },
        };
        if (added) await db().imports.add(record);
      });
    } catch (e) {
      if (isQuotaError(e)) throw new Error('The browser has no room left to store this history (storage quota reached). Nothing from this import was stored; your earlier history is unchanged.');
      throw e;
    }
    return {
      importId,
      files: files.map((f) => f.name),
      ...totals,
      droppedSamples: results.flatMap((r) => r.droppedSamples).slice(0, 20),
      added,
      alreadyStored: unique.length - added,
      match,
    };
  },
};

export type HistoryWorkerApi = typeof api;
Comlink.expose(api);

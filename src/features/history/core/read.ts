// Reading dropped files into import results, the same in the worker (File)
// and in Node (fs): detect each file's format, stream it through its
// importer, and say when the user has to choose (a column mapping for a CSV
// we do not know, likes or seeds for a playlist).
import { unzipSync } from 'fflate';
import { detectFormat, type HistoryFormat } from './detect.ts';
import { lastfmCsvImporter } from './lastfm.ts';
import { mappedCsvImporter, previewCsv, previewJsonLines, type ColumnMapping, type CsvPreview } from './mapped-csv.ts';
import { ImportError, type ImportResult } from './play.ts';
import {
  importListenbrainzZip,
  librefmImporter,
  listenbrainzJsonImporter,
  listenbrainzJsonlImporter,
  malojaImporter,
  panoscrobblerImporter,
  scrobblerLogImporter,
} from './scrobblers.ts';
import { appleActivityImporter, appleDailyImporter, exportifyImporter, lastfmJsonImporter, youtubeMusicImporter } from './services.ts';
import { importSpotifyZip, spotifyFileKind, spotifyImport, spotifyKindOfHead } from './spotify.ts';
import type { ImporterOptions, StreamingImporter } from './stream.ts';

/** A file as both the worker and Node can hand it over. */
export interface HistorySource {
  name: string;
  size: number;
  /** The first bytes (for detection). */
  head(n: number): Promise<Uint8Array>;
  /** The bytes in chunks, in order. */
  chunks(): AsyncIterable<Uint8Array>;
  /** All bytes at once (archives). */
  bytes(): Promise<Uint8Array>;
}

export type PlaylistUse = 'likes' | 'seeds';

export interface ReadChoices {
  /** The column mapping for files detection was not sure of. */
  mapping?: ColumnMapping | null;
  /** What an Exportify playlist becomes. */
  playlistAs?: PlaylistUse | null;
}

export type NeedsChoice =
  | { needs: 'mapping'; file: string; preview: CsvPreview; note?: string }
  | { needs: 'playlist'; file: string };

export interface ReadFile {
  file: string;
  format: HistoryFormat;
  result: ImportResult;
  /** Set for playlists read as a seed list: their likes are seeds, not feedback. */
  asSeeds?: boolean;
}

/** The largest history file read (Spotify's extended history is ~50 MB a year). */
const MAX_FILE_BYTES = 512 * 1024 * 1024;

const STREAMING: Partial<Record<HistoryFormat, (o: ImporterOptions) => StreamingImporter>> = {
  'lastfm-csv': lastfmCsvImporter,
  'lastfm-json': lastfmJsonImporter,
  'exportify-liked': exportifyImporter,
  'exportify-playlist': exportifyImporter,
  'listenbrainz-json': listenbrainzJsonImporter,
  'listenbrainz-jsonl': listenbrainzJsonlImporter,
  'librefm-csv': librefmImporter,
  'maloja-json': malojaImporter,
  'panoscrobbler-jsonl': panoscrobblerImporter,
  'scrobbler-log': scrobblerLogImporter,
  'apple-daily-csv': appleDailyImporter,
  'apple-activity-csv': appleActivityImporter,
  'youtube-music-json': youtubeMusicImporter,
};

type Progress = (file: string, bytes: number, total: number) => void;

async function stream(src: HistorySource, imp: StreamingImporter, onProgress?: Progress): Promise<ImportResult> {
  let bytes = 0;
  for await (const chunk of src.chunks()) {
    imp.push(chunk);
    bytes += chunk.byteLength;
    onProgress?.(src.name, bytes, src.size);
  }
  return imp.end();
}

/** What kind of export a zip is, from its entry names (nothing inflated). */
function zipKind(zip: Uint8Array, name: string): 'spotify' | 'listenbrainz' {
  const names: string[] = [];
  try {
    unzipSync(zip, { filter: (f) => (names.push(f.name), false) });
  } catch (e) {
    throw new ImportError('bad-archive', `the zip archive is damaged (${(e as Error).message})`, name);
  }
  if (names.some((n) => /(^|\/)listens(\/|[^/]*\.jsonl?$)/i.test(n))) return 'listenbrainz';
  return 'spotify';
}

/** Reads every file; returns what the user must choose first, if anything (nothing is stored before). */
export async function readSources(sources: HistorySource[], choices: ReadChoices = {}, onProgress?: Progress): Promise<ReadFile[] | NeedsChoice> {
  const out: ReadFile[] = [];
  const spotifyJson: { src: HistorySource; kind: ReturnType<typeof spotifyKindOfHead> }[] = [];
  for (const src of sources) {
    if (src.size > MAX_FILE_BYTES)
      throw new ImportError('archive-too-large', `the file is ${Math.round(src.size / 2 ** 20)} MB; the largest history file read is ${MAX_FILE_BYTES / 2 ** 20} MB`, src.name);
    const head = await src.head(64 * 1024);
    const { format, sure } = detectFormat(src.name, head);
    const opts = { file: src.name };
    if (format === 'zip') {
      const zip = await src.bytes();
      const kind = zipKind(zip, src.name);
      out.push({ file: src.name, format, result: kind === 'listenbrainz' ? importListenbrainzZip(zip, opts) : importSpotifyZip(zip, opts) });
    } else if (format === 'spotify-json') {
      spotifyJson.push({ src, kind: spotifyFileKind(src.name) ?? spotifyKindOfHead(head) });
    } else if (format === 'exportify-playlist' && !choices.playlistAs) {
      return { needs: 'playlist', file: src.name };
    } else if (!sure) {
      if (!choices.mapping) return { needs: 'mapping', file: src.name, preview: format === 'jsonl' ? previewJsonLines(head, 10, src.name) : previewCsv(head, 10, src.name) };
      out.push({ file: src.name, format, result: await stream(src, mappedCsvImporter(choices.mapping, opts), onProgress) });
    } else {
      const make = STREAMING[format] as (o: ImporterOptions) => StreamingImporter;
      try {
        const result = await stream(src, make(opts), onProgress);
        out.push({ file: src.name, format, result, ...(format === 'exportify-playlist' && choices.playlistAs === 'seeds' ? { asSeeds: true } : {}) });
      } catch (e) {
        // A CSV that looked like a known export but is not: offer the mapping rather than a dead end.
        if (e instanceof ImportError && e.code === 'wrong-columns' && /csv/.test(format) && !choices.mapping)
          return { needs: 'mapping', file: src.name, preview: previewCsv(head, 10, src.name), note: e.message };
        throw e;
      }
    }
  }
  if (spotifyJson.length) {
    // Read together: one import, account-data copies skipped when the extended history is there.
    const run = spotifyImport(spotifyJson.map((f) => ({ name: f.src.name, kind: f.kind })));
    for (const [i, f] of spotifyJson.entries()) {
      const imp = run.importers[i];
      if (imp) await stream(f.src, imp, onProgress);
    }
    out.push({ file: spotifyJson.map((f) => f.src.name).join(', '), format: 'spotify-json', result: run.finish() });
  }
  return out;
}


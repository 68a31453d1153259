// Which importer a dropped file needs, from its name and first bytes, so the UI
// can route it (or ask for a column mapping).
import { parseUtcTime } from './time.ts';
import { assertText, ImportError } from './play.ts';
import { spotifyFileKind } from './spotify.ts';

export type HistoryFormat = 'spotify-zip' | 'spotify-json' | 'lastfm-csv' | 'csv';

export function detectHistoryFormat(name: string, head: Uint8Array): HistoryFormat {
  if (head.length === 0) throw new ImportError('empty', 'the file is empty', name);
  if (head[0] === 0x50 && head[1] === 0x4b) return 'spotify-zip';
  assertText(head, name);
  const text = new TextDecoder().decode(head.subarray(0, 4096)).replace(/^\uFEFF/, '').trimStart();
  if (!text) throw new ImportError('empty', 'the file is empty', name);
  if (spotifyFileKind(name) || text[0] === '[' || text[0] === '{') return 'spotify-json';
  // A scrobble export: 4+ fields with a readable time in the 4th, or a header naming artist/track/date.
  const first = text.split(/\r?\n/)[0].toLowerCase();
  const cells = first.split(',').map((c) => c.replace(/^"|"$/g, '').trim());
  if (cells.length >= 4 && parseUtcTime(cells[3]) !== null) return 'lastfm-csv';
  if (/\bartist\b/.test(first) && /\b(track|title)\b/.test(first) && /\b(date|uts|utc_time|timestamp)\b/.test(first))
    return 'lastfm-csv';
  return 'csv';
}

// Playlist export of a track list: JSPF (JSON XSPF, as ListenBrainz reads it),
// M3U with Spotify track URLs, and CSV. Pure: returns the file's text; the UI
// turns it into a download.
//
// Every name comes from a file the user imported, so it is untrusted: JSON is
// written by JSON.stringify; M3U lines cannot be broken by a name (line breaks
// and other control characters become spaces); CSV fields are quoted when they
// hold a comma, quote or line break, and a field a spreadsheet would run as a
// formula (starting with = + - @, tab or CR) gets a leading apostrophe.
import type { Catalog } from '../../catalog/core/catalog.ts';
import { artistsOf, spotifyTrackUrl } from '../../catalog/core/catalog.ts';

export interface ExportTrack {
  title: string;
  artists: string[];
  album: string;
  durationMs: number;
  /** Spotify track id. */
  trackId: string;
}

interface PlaylistMeta {
  title: string;
  creator?: string;
  annotation?: string;
  /** Default: now. */
  date?: Date;
}

/** The catalog's facts for these track indices, in order. */
export function exportTracks(c: Catalog, tracks: ArrayLike<number>): ExportTrack[] {
  return Array.from(tracks, (t) => ({
    title: c.trackName[t],
    artists: Array.from(artistsOf(c, t), (a) => c.artists[a]),
    album: c.albumName[t],
    durationMs: c.durationMs[t],
    trackId: c.trackId[t],
  }));
}

type JspfTrack = {
  title: string;
  creator: string;
  album: string;
  /** URIs naming the track (JSPF: an array). */
  identifier: string[];
  /** Milliseconds (XSPF's unit), a non-negative integer. */
  duration: number;
};

export interface Jspf {
  playlist: {
    title: string;
    creator?: string;
    annotation?: string;
    /** ISO 8601 (XSPF: xsd:dateTime). */
    date: string;
    track: JspfTrack[];
  };
}

/** JSPF (https://wiki.xiph.org/JSPF_Draft; the format ListenBrainz imports and
 *  exports): XSPF in JSON, a track's identifier an array of URIs. */
export function toJspf(tracks: ExportTrack[], meta: PlaylistMeta): string {
  const doc: Jspf = {
    playlist: {
      title: meta.title,
      ...(meta.creator ? { creator: meta.creator } : {}),
      ...(meta.annotation ? { annotation: meta.annotation } : {}),
      date: (meta.date ?? new Date()).toISOString(),
      track: tracks.map((t) => ({
        title: t.title,
        creator: t.artists.join(', '),
        album: t.album,
        identifier: [spotifyTrackUrl(t.trackId)],
        duration: Math.max(0, Math.round(t.durationMs)),
      })),
    },
  };
  return JSON.stringify(doc, null, 2) + '\n';
}

/** Extended M3U: a #EXTINF line (seconds, "Artist - Title") before each URL. */
export function toM3u(tracks: ExportTrack[], meta?: PlaylistMeta): string {
  const lines = ['#EXTM3U'];
  if (meta?.title) lines.push(`#PLAYLIST:${oneLine(meta.title)}`);
  for (const t of tracks) {
    const seconds = t.durationMs > 0 ? Math.round(t.durationMs / 1000) : -1;
    lines.push(`#EXTINF:${seconds},${oneLine(t.artists.join(', '))} - ${oneLine(t.title)}`);
    lines.push(spotifyTrackUrl(t.trackId));
  }
  return lines.join('\n') + '\n';
}

export const CSV_HEADER = ['title', 'artists', 'album', 'duration_ms', 'spotify_id', 'spotify_url'] as const;

/** RFC 4180 CSV with a header; artists joined by "; " as in the source data. */
export function toCsv(tracks: ExportTrack[]): string {
  const rows = [CSV_HEADER.join(',')];
  for (const t of tracks) {
    rows.push(
      [t.title, t.artists.join('; '), t.album, String(t.durationMs), t.trackId, spotifyTrackUrl(t.trackId)]
        .map(csvField)
        .join(','),
    );
  }
  return rows.join('\r\n') + '\r\n';
}

/** One CSV field: formula-looking text defused, then quoted when needed. */
export function csvField(s: string): string {
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[",\r\n]/.test(safe) || safe !== safe.trim() ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Line breaks and other control characters → spaces, so a name stays on its line. */
function oneLine(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ');
}

/** A safe file name for a download: no path or reserved characters. */
export function playlistFileName(title: string, ext: 'jspf' | 'm3u' | 'csv'): string {
  // eslint-disable-next-line no-control-regex
  const base =
    title
      .replace(/[\u0000-\u001f\u007f<>:"/\\|?*]+|\.{2,}/g, ' ')
      .replace(/\s+/g, ' ')
      .trim()
      .replace(/^\.+/, '')
      .slice(0, 100)
      .trim() || 'playlist';
  return `${base}.${ext}`;
}

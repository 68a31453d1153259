// Generated listening histories, one per import format, for the history bench:
// N plays of tracks drawn from a catalog (popular ones more often), a share of
// them by artists the catalog does not have, so matching does its real work.
import { zipSync } from 'fflate';
import { artistsOf, type Catalog } from '../src/features/catalog/core/catalog.ts';
import { rng } from '../src/platform/random.ts';

export interface GenPlay {
  ts: number;
  artist: string;
  /** The credited artists (several for some tracks). */
  artists: string[];
  track: string;
  album: string;
  trackId: string | null;
  ms: number;
}

export function genPlays(c: Catalog, n: number, seed: number): GenPlay[] {
  const rand = rng(seed);
  const t0 = Date.UTC(2019, 0, 1);
  return Array.from({ length: n }, (_, i) => {
    const ts = t0 + i * 180_000 + Math.floor(rand() * 60) * 1000;
    const ms = 20_000 + Math.floor(rand() * 280_000);
    if (rand() < 0.15) return { ts, artist: `Unknown Artist ${Math.floor(rand() * 3000)}`, artists: [], track: `Song ${Math.floor(rand() * 9999)}`, album: '', trackId: null, ms };
    const t = Math.floor(rand() ** 2 * c.size);
    const artists = Array.from(artistsOf(c, t), (a) => c.artists[a]);
    return { ts, artist: artists[0], artists, track: c.trackName[t], album: c.albumName[t], trackId: c.trackId[t], ms };
  });
}

const q = (s: string): string => (/[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
const iso = (ts: number): string => new Date(ts).toISOString();
const minute = (ts: number): string => iso(ts).slice(0, 16).replace('T', ' ');
const lastfmDate = (ts: number): string => {
  const d = new Date(ts);
  return `${d.getUTCDate()} ${d.toUTCString().slice(8, 11)} ${d.getUTCFullYear()} ${iso(ts).slice(11, 16)}`;
};
const lines = (xs: string[]): string => xs.join('\n') + '\n';

/** File name and bytes of the plays in each format. */
export const FORMATS: Record<string, (p: GenPlay[]) => { name: string; text: string | Uint8Array }> = {
  'lastfm-csv': (p) => ({ name: 'scrobbles.csv', text: lines(p.map((x) => [x.artist, x.album, x.track, lastfmDate(x.ts)].map(q).join(','))) }),
  'lastfm-json': (p) => ({
    name: 'recenttracks.json',
    text: JSON.stringify(
      Array.from({ length: Math.ceil(p.length / 1000) }, (_, i) => ({
        recenttracks: { track: p.slice(i * 1000, i * 1000 + 1000).map((x) => ({ artist: { mbid: '', '#text': x.artist }, album: { '#text': x.album }, name: x.track, date: { uts: String(Math.floor(x.ts / 1000)), '#text': lastfmDate(x.ts) } })) },
      })),
    ),
  }),
  'spotify-account': (p) => ({ name: 'StreamingHistory_music_0.json', text: JSON.stringify(p.map((x) => ({ endTime: minute(x.ts + x.ms), artistName: x.artists.join(', ') || x.artist, trackName: x.track, msPlayed: x.ms }))) }),
  'spotify-extended': (p) => ({ name: 'Streaming_History_Audio_2019_0.json', text: extended(p) }),
  'spotify-zip': (p) => ({ name: 'my_spotify_data.zip', text: zipSync({ 'Spotify Extended Streaming History/Streaming_History_Audio_2019_0.json': new TextEncoder().encode(extended(p)) }, { level: 6 }) }),
  exportify: (p) => ({
    name: 'Liked_Songs.csv',
    text: lines([
      '"Track URI","Track Name","Artist URI(s)","Album Name","Artist Name(s)","Release Date","Duration (ms)","Popularity","Added By","Added At"',
      ...p.map((x) => [x.trackId ? `spotify:track:${x.trackId}` : '', x.track, '', x.album, (x.artists.length ? x.artists : [x.artist]).join(','), '2020-01-01', '200000', '50', '', iso(x.ts)].map((s) => `"${s.replace(/"/g, '""')}"`).join(',')),
    ]),
  }),
  'listenbrainz-jsonl': (p) => ({ name: 'listens.jsonl', text: lb(p) }),
  'listenbrainz-zip': (p) => ({ name: 'listenbrainz_export.zip', text: zipSync({ 'user.json': new TextEncoder().encode('{}'), 'listens/2019/1.jsonl': new TextEncoder().encode(lb(p)) }, { level: 6 }) }),
  'librefm-csv': (p) => ({ name: 'librefm.csv', text: lines(['#', '# Libre.fm', '#', 'time,artist,track,album', ...p.map((x) => [String(Math.floor(x.ts / 1000)), x.artist, x.track, x.album].map(q).join(','))]) }),
  'maloja-json': (p) => ({ name: 'maloja_export.json', text: JSON.stringify({ maloja: {}, scrobbles: p.map((x) => ({ time: Math.floor(x.ts / 1000), track: { artists: x.artists.length ? x.artists : [x.artist], title: x.track, album: { albumtitle: x.album }, length: 300 }, duration: Math.round(x.ms / 1000) })) }) }),
  'panoscrobbler-jsonl': (p) => ({ name: 'pano.jsonl', text: lines(p.map((x) => JSON.stringify({ timeMs: x.ts, artist: x.artist, track: x.track, album: x.album, albumArtist: x.artist, durationMs: 300000 }))) }),
  'scrobbler-log': (p) => ({ name: '.scrobbler.log', text: lines(['#AUDIOSCROBBLER/1.1', '#TZ/UTC', '#CLIENT/Rockbox', ...p.map((x) => [x.artist, x.album, x.track, '1', '300', x.ms < 30_000 ? 'S' : 'L', String(Math.floor(x.ts / 1000)), ''].join('\t'))]) }),
  'apple-daily-csv': (p) => ({
    name: 'Apple Music - Play History Daily Tracks.csv',
    text: lines(['Country or Region,Track Identifier,Media type,Date Played,Hours,Play Duration Milliseconds,Source Type,Play Count,Skip Count,Ignore For Recommendations,Track Reference,Track Description', ...p.map((x, i) => ['NL', String(i), 'AUDIO', iso(x.ts).slice(0, 10).replace(/-/g, ''), iso(x.ts).slice(11, 13), String(x.ms), 'ORIGINATING_DEVICE', '1', '0', '', String(i), `${x.artist} - ${x.track}`].map(q).join(','))]),
  }),
  'apple-activity-csv': (p) => ({
    name: 'Apple Music Play Activity.csv',
    text: lines(['Album Name,Artist Name,Song Name,Event Start Timestamp,Play Duration Milliseconds,Media Duration In Milliseconds,End Reason Type', ...p.map((x) => [x.album, x.artist, x.track, iso(x.ts), String(x.ms), '300000', 'NATURAL_END_OF_TRACK'].map(q).join(','))]),
  }),
  'youtube-music-json': (p) => ({ name: 'watch-history.json', text: JSON.stringify(p.map((x) => ({ header: 'YouTube Music', title: `Watched ${x.track}`, titleUrl: 'https://music.youtube.com/watch?v=x', subtitles: [{ name: `${x.artist} - Topic`, url: 'https://www.youtube.com/channel/x' }], time: iso(x.ts), products: ['YouTube'] }))) }),
  'mapped-csv': (p) => ({ name: 'player.csv', text: lines(['when;who;what;uri;secs', ...p.map((x) => [iso(x.ts), x.artists.join('|') || x.artist, x.track, x.trackId ? `spotify:track:${x.trackId}` : '', String(Math.round(x.ms / 1000))].map((s) => (s.includes(';') ? `"${s}"` : s)).join(';'))]) }),
};

function extended(p: GenPlay[]): string {
  return JSON.stringify(
    p.map((x) => ({
      ts: iso(x.ts + x.ms).replace('.000', ''),
      platform: 'android',
      ms_played: x.ms,
      conn_country: 'NL',
      master_metadata_track_name: x.track,
      master_metadata_album_artist_name: x.artist,
      master_metadata_album_album_name: x.album,
      spotify_track_uri: x.trackId ? `spotify:track:${x.trackId}` : null,
      episode_name: null,
      reason_start: 'trackdone',
      reason_end: 'trackdone',
      shuffle: false,
      skipped: false,
      offline: false,
      incognito_mode: false,
    })),
  );
}

function lb(p: GenPlay[]): string {
  return lines(p.map((x) => JSON.stringify({ listened_at: Math.floor(x.ts / 1000), track_metadata: { artist_name: x.artists.join(', ') || x.artist, track_name: x.track, release_name: x.album, additional_info: { ...(x.trackId ? { spotify_id: `https://open.spotify.com/track/${x.trackId}` } : {}), ...(x.artists.length > 1 ? { artist_names: x.artists } : {}) } } })));
}

import { describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import { indexCatalog } from '../../catalog/core/catalog.ts';
import { CSV_HEADER, csvField, exportTracks, playlistFileName, toCsv, toJspf, toM3u, type ExportTrack, type Jspf } from './export.ts';

// Names as hostile as an imported file can make them.
const TRACKS: ExportTrack[] = [
  { title: 'Plain Song', artists: ['Solo'], album: 'Album', durationMs: 183_456, trackId: '5SuOikwiRyPMVoIQDJUgSV' },
  {
    title: 'Say "Hi", Then\nLeave',
    artists: ['Tyler, The Creator', 'Ørjan "Ø" Ås'],
    album: 'Line\r\nBreak, "Quoted"',
    durationMs: 0,
    trackId: '4qPNDBW1i3p13qLCt0Ki3A',
  },
  { title: '=HYPERLINK("http://evil")', artists: ['@mention', '-minus'], album: ' padded ', durationMs: 59_500, trackId: 'abc' },
  { title: '#EXTINF:1,Fake', artists: ['</script><b>'], album: '', durationMs: 1000, trackId: 'x/y?z' },
];
const DATE = new Date('2025-01-02T03:04:05Z');

describe('toJspf', () => {
  it('writes JSPF that parses back to the same tracks', () => {
    const text = toJspf(TRACKS, { title: 'Mix "1"', creator: 'Neural Beats', date: DATE });
    const doc = JSON.parse(text) as Jspf;
    expect(doc.playlist.title).toBe('Mix "1"');
    expect(doc.playlist.creator).toBe('Neural Beats');
    expect(doc.playlist.date).toBe('2025-01-02T03:04:05.000Z');
    expect(doc.playlist.track).toHaveLength(TRACKS.length);
    doc.playlist.track.forEach((t, i) => {
      expect(t.title).toBe(TRACKS[i].title);
      expect(t.creator).toBe(TRACKS[i].artists.join(', '));
      expect(t.album).toBe(TRACKS[i].album);
      expect(Number.isInteger(t.duration) && t.duration >= 0).toBe(true);
      expect(t.identifier).toEqual([`https://open.spotify.com/track/${encodeURIComponent(TRACKS[i].trackId)}`]);
    });
    expect(doc.playlist.track[0].duration).toBe(183_456);
    expect(doc.playlist.track[3].identifier[0]).toBe('https://open.spotify.com/track/x%2Fy%3Fz');
  });
});

describe('toM3u', () => {
  it('writes one #EXTINF line and one URL per track, whatever the names hold', () => {
    const text = toM3u(TRACKS, { title: 'My\nMix' });
    const lines = text.trimEnd().split('\n');
    expect(lines[0]).toBe('#EXTM3U');
    expect(lines[1]).toBe('#PLAYLIST:My Mix');
    expect(lines).toHaveLength(2 + 2 * TRACKS.length);
    TRACKS.forEach((t, i) => {
      expect(lines[2 + 2 * i]).toMatch(/^#EXTINF:-?\d+,/);
      expect(lines[3 + 2 * i]).toBe(`https://open.spotify.com/track/${encodeURIComponent(t.trackId)}`);
    });
    expect(lines[2]).toBe('#EXTINF:183,Solo - Plain Song');
    expect(lines[4]).toBe('#EXTINF:-1,Tyler, The Creator, Ørjan "Ø" Ås - Say "Hi", Then Leave');
    // A title that looks like a directive stays inside its own #EXTINF line.
    expect(lines.filter((l) => l.startsWith('#EXTINF:'))).toHaveLength(TRACKS.length);
    expect(text).not.toMatch(/\r/);
  });
});

describe('toCsv', () => {
  it('quotes commas, quotes and line breaks so a CSV parser reads the fields back', () => {
    const text = toCsv(TRACKS);
    const parsed = Papa.parse<string[]>(text.trimEnd(), { newline: '\r\n' });
    expect(parsed.errors).toEqual([]);
    const [header, ...rows] = parsed.data;
    expect(header).toEqual([...CSV_HEADER]);
    expect(rows).toHaveLength(TRACKS.length);
    expect(rows[0]).toEqual(['Plain Song', 'Solo', 'Album', '183456', '5SuOikwiRyPMVoIQDJUgSV', 'https://open.spotify.com/track/5SuOikwiRyPMVoIQDJUgSV']);
    expect(rows[1].slice(0, 3)).toEqual(['Say "Hi", Then\nLeave', 'Tyler, The Creator; Ørjan "Ø" Ås', 'Line\r\nBreak, "Quoted"']);
    // Formula-looking fields are defused; padded ones keep their spaces.
    expect(rows[2].slice(0, 3)).toEqual([`'=HYPERLINK("http://evil")`, `'@mention; -minus`, ' padded ']);
  });

  it('quotes only when needed', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "x"')).toBe('"say ""x"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('+1')).toBe("'+1");
    expect(csvField('')).toBe('');
  });
});

describe('exportTracks', () => {
  it('takes titles, credited artists, albums and ids from the catalog', () => {
    const c = indexCatalog({
      size: 2,
      trackId: ['t0', 't1'],
      trackName: ['One', 'Two'],
      albumName: ['A1', 'A2'],
      popularity: Uint8Array.of(10, 20),
      durationMs: Uint32Array.of(1000, 2000),
      explicit: Uint8Array.of(0, 0),
      danceability: new Float32Array(2),
      energy: new Float32Array(2),
      loudness: new Float32Array(2),
      speechiness: new Float32Array(2),
      acousticness: new Float32Array(2),
      instrumentalness: new Float32Array(2),
      liveness: new Float32Array(2),
      valence: new Float32Array(2),
      tempo: new Float32Array(2),
      key: Int8Array.of(0, 0),
      mode: Int8Array.of(1, 1),
      timeSignature: Int8Array.of(4, 4),
      artistOffsets: Int32Array.of(0, 1, 3),
      artistIds: Int32Array.of(0, 0, 1),
      artists: ['X', 'Y'],
      genreOffsets: Int32Array.of(0, 0, 0),
      genreIds: new Uint16Array(0),
      genres: [],
    });
    expect(exportTracks(c, [1, 0])).toEqual([
      { title: 'Two', artists: ['X', 'Y'], album: 'A2', durationMs: 2000, trackId: 't1' },
      { title: 'One', artists: ['X'], album: 'A1', durationMs: 1000, trackId: 't0' },
    ]);
  });
});

describe('playlistFileName', () => {
  it('keeps a title usable as a file name', () => {
    expect(playlistFileName('Close to Joji & Rema', 'jspf')).toBe('Close to Joji & Rema.jspf');
    expect(playlistFileName('../../etc/passwd', 'm3u')).toBe('etc passwd.m3u');
    expect(playlistFileName('a:b*c?\n', 'csv')).toBe('a b c.csv');
    expect(playlistFileName('   ', 'csv')).toBe('playlist.csv');
  });
});

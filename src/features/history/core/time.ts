// Timestamps as history exports write them, all read as UTC. Returns ms since
// epoch, or null when the text is not a time we can trust.

const MONTHS: Record<string, number> = {
  jan: 0, feb: 1, mar: 2, apr: 3, may: 4, jun: 5, jul: 6, aug: 7, sep: 8, oct: 9, nov: 10, dec: 11,
};

// 2024-01-31 21:15 | 2024-01-31T21:15:30.123Z | 2024-01-31T21:15:30+01:00 | 2024-01-31
const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;
// 31 Jan 2024 21:15 | 31 Jan 2024, 21:15:05 | 31 January 2024
const DMY = /^(\d{1,2})\s+([A-Za-z]{3,9})\.?\s+(\d{4}),?(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;

/** Plays before this are bad data (Last.fm writes 1970 for broken scrobbles). */
const MIN_TS = Date.UTC(1990, 0, 1);
const MAX_TS = Date.UTC(2100, 0, 1);

const valid = (ms: number): number | null => (Number.isFinite(ms) && ms >= MIN_TS && ms < MAX_TS ? ms : null);

const digits = (s: string, i: number, n: number): number => {
  let v = 0;
  for (let k = i; k < i + n; k++) {
    const c = s.charCodeAt(k) - 48;
    if (c < 0 || c > 9) return NaN;
    v = v * 10 + c;
  }
  return v;
};

/** The shapes nearly every export writes, read without a regex (once per play):
 *  "2024-01-31 21:15", "2024-01-31T21:15:30Z", "2024-01-31T21:15:30.123Z".
 *  undefined: another shape, for the general patterns below (same results). */
function fastIso(s: string): number | null | undefined {
  const n = s.length;
  const t = s.charCodeAt(10);
  if (n < 16 || n > 24 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45 || (t !== 84 && t !== 32) || s.charCodeAt(13) !== 58) return undefined;
  let sec = 0;
  let ms = 0;
  let end = 16;
  if (n > 16) {
    if (s.charCodeAt(16) !== 58) return undefined;
    sec = digits(s, 17, 2);
    end = 19;
    if (s.charCodeAt(19) === 46) {
      ms = digits(s, 20, 3);
      end = 23;
    }
    if (end === n - 1 && (s.charCodeAt(end) === 90 || s.charCodeAt(end) === 122)) end++;
  }
  if (end !== n) return undefined;
  const y = digits(s, 0, 4);
  const mo = digits(s, 5, 2);
  const d = digits(s, 8, 2);
  const h = digits(s, 11, 2);
  const mi = digits(s, 14, 2);
  if (!(y >= 0 && sec >= 0 && ms >= 0 && mo >= 0 && d >= 0 && h >= 0 && mi >= 0)) return undefined;
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59) return null;
  return valid(Date.UTC(y, mo - 1, d, h, mi, sec, ms));
}

export function parseUtcTime(raw: string | number | null | undefined): number | null {
  if (raw === null || raw === undefined) return null;
  if (typeof raw === 'number') return valid(raw < 1e11 ? raw * 1000 : raw);
  const s = raw.trim();
  // (A '-' at index 4 is a date, never Unix time: the common case skips this regex.)
  if (s.charCodeAt(4) !== 45 && /^\d{9,14}(\.\d+)?$/.test(s)) {
    const n = Number(s);
    // Unix seconds are 10 digits until 2286; milliseconds 13.
    return valid(n < 1e11 ? n * 1000 : n);
  }
  const fast = fastIso(s);
  if (fast !== undefined) return fast;
  // (The ISO pattern needs a '-' at index 4: skip it when there is none.)
  let m = s.charCodeAt(4) === 45 ? ISO.exec(s) : null;
  if (m) {
    const [, y, mo, d, h = '0', mi = '0', sec = '0', frac = '0', zone] = m;
    let ms = Date.UTC(+y, +mo - 1, +d, +h, +mi, +sec, Math.round(Number(`0.${frac}`) * 1000));
    if (zone && zone.toUpperCase() !== 'Z') {
      const z = zone.replace(':', '');
      const offset = (Number(z.slice(1, 3)) * 60 + Number(z.slice(3, 5))) * 60_000;
      ms -= z[0] === '-' ? -offset : offset;
    }
    if (+mo < 1 || +mo > 12 || +d < 1 || +d > 31 || +h > 23 || +mi > 59) return null;
    return valid(ms);
  }
  m = DMY.exec(s);
  if (m) {
    const [, d, mon, y, h = '0', mi = '0', sec = '0'] = m;
    const month = MONTHS[mon.slice(0, 3).toLowerCase()];
    if (month === undefined || +d < 1 || +d > 31 || +h > 23 || +mi > 59) return null;
    return valid(Date.UTC(+y, month, +d, +h, +mi, +sec));
  }
  return null;
}

/** The precision a timestamp was written at: Unix seconds or a time with
 *  seconds → 's', milliseconds (13 digits or a fraction) → 'ms', else 'min'. */
export function precisionOf(raw: string | number): 'min' | 's' | 'ms' {
  if (typeof raw === 'number') return raw >= 1e11 ? 'ms' : 's';
  const s = raw.trim();
  if (fastIso(s) !== undefined) return s.length === 16 ? 'min' : s.charCodeAt(19) === 46 ? 'ms' : 's';
  if (/^\d{12,14}$/.test(s) || /[.,]\d{1,6}\s*(Z|[+-]\d{2}:?\d{2})?$/i.test(s)) return 'ms';
  if (/^\d{9,11}$/.test(s) || /\d:\d{2}:\d{2}/.test(s)) return 's';
  return 'min';
}

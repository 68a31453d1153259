// Which plays of an import are new: a play is identified by the source's own
// timestamp at the precision the source gives, plus the track (artist + title).
//
// - Same precision: the same play exactly when the ids are equal (playId:
//   timestamp at that precision, normalized artist and title, and for minute
//   precision the time played). So the same file twice adds nothing, and two
//   different plays in one minute at second precision are two plays.
// - Different precision (Spotify account data to the minute vs extended
//   history to the second; Last.fm text dates vs Unix times): the same play
//   when the track is the same and the timestamps agree at the coarser
//   precision; when both give the time played it must agree within a second,
//   and then a neighbouring minute is accepted too (one export rounds, the
//   other truncates). Each play stands for at most one play of the other export.
import { fastMatchKey } from '../../../lib/keys.ts';
import { legacyPlayId, stampOf, type Play, type Precision } from './play.ts';

const UNIT: Record<Precision, number> = { min: 60_000, s: 1000, ms: 1 };
const RANK: Record<Precision, number> = { min: 0, s: 1, ms: 2 };

type Known = Pick<Play, 'id' | 'ts' | 'stamp' | 'precision' | 'artist' | 'track' | 'msPlayed'>;

interface Slot {
  stamp: number;
  precision: Precision;
  ms?: number;
  /** Already stands for a play of another precision. */
  paired: boolean;
}

const trackOf = (p: Pick<Play, 'artist' | 'track'>): string => `${fastMatchKey(p.artist)}\u0001${fastMatchKey(p.track)}`;

function sameAcrossPrecision(a: Slot, b: Slot): boolean {
  const unit = UNIT[RANK[a.precision] < RANK[b.precision] ? a.precision : b.precision];
  const da = Math.floor(a.stamp / unit) - Math.floor(b.stamp / unit);
  const bothMs = a.ms !== undefined && b.ms !== undefined;
  if (bothMs && Math.abs((a.ms as number) - (b.ms as number)) > 1000) return false;
  return da === 0 || (bothMs && unit === 60_000 && Math.abs(da) === 1);
}

/** A set of play ids. Ids are 16 hex digits (play.ts), kept as two 32-bit numbers in
 *  an open-addressed table sized up front: no string hashing and no rehashing as it
 *  grows (a Set of 100k fresh id strings cost ~1.5 µs a play). Other ids (none are
 *  written now) go to a plain Set. */
class IdSet {
  private readonly hi: Int32Array;
  private readonly lo: Int32Array;
  private readonly used: Uint8Array;
  private readonly mask: number;
  private readonly others = new Set<string>();
  constructor(capacity: number) {
    let size = 16;
    while (size < capacity * 2) size *= 2;
    this.hi = new Int32Array(size);
    this.lo = new Int32Array(size);
    this.used = new Uint8Array(size);
    this.mask = size - 1;
  }
  /** Adds the id; false when it was there already. */
  add(id: string): boolean {
    const h = hexWord(id, 0);
    const l = hexWord(id, 8);
    if (id.length !== 16 || h === null || l === null) {
      if (this.others.has(id)) return false;
      this.others.add(id);
      return true;
    }
    for (let i = Math.imul(l ^ (h >>> 7), 0x9e3779b1) & this.mask; ; i = (i + 1) & this.mask) {
      if (!this.used[i]) {
        this.used[i] = 1;
        this.hi[i] = h;
        this.lo[i] = l;
        return true;
      }
      if (this.hi[i] === h && this.lo[i] === l) return false;
    }
  }
}

/** Eight lowercase hex digits of s at i as an int32, or null. */
function hexWord(s: string, i: number): number | null {
  let v = 0;
  for (let k = i; k < i + 8; k++) {
    const c = s.charCodeAt(k);
    const d = c >= 48 && c <= 57 ? c - 48 : c >= 97 && c <= 102 ? c - 87 : -1;
    if (d < 0) return null;
    v = (v << 4) | d;
  }
  return v;
}

interface DedupeResult {
  fresh: Play[];
  /** Plays already stored, or repeated within this import. */
  duplicates: number;
}

/** `stored`: the plays already kept whose time is near the import's (the store loads them by ts). */
export function dedupePlays(incoming: readonly Play[], stored: readonly Known[]): DedupeResult {
  const ids = new IdSet(incoming.length + stored.length);
  // minute + track → plays in that minute (the coarsest precision any source has).
  const minutes = new Map<string, Slot[]>();
  const slotKey = (stamp: number, track: string): string => `${Math.floor(stamp / 60_000)}\u0002${track}`;
  const add = (p: Known, track: string): Slot => {
    const { stamp, precision } = stampOf(p);
    const slot: Slot = { stamp, precision, ms: p.msPlayed, paired: false };
    const k = slotKey(stamp, track);
    const list = minutes.get(k);
    if (list) list.push(slot);
    else minutes.set(k, [slot]);
    return slot;
  };
  // Which precisions have plays in each minute: a play can only have a twin of
  // another precision within a minute of its own, so only plays with such
  // neighbours need the (string-keyed) minute slots.
  const BIT: Record<Precision, number> = { min: 1, s: 2, ms: 4 };
  let all = 0;
  for (const p of stored) all |= BIT[p.precision ?? 'min'];
  for (const p of incoming) all |= BIT[p.precision ?? 'min'];
  // One precision throughout (one export, or the same one again): ids alone decide.
  const mixed = (all & (all - 1)) !== 0;
  const masks = new Map<number, number>();
  // (stamp ?? ts, precision ?? 'min' inline: stampOf's object per play shows in the profile.)
  const note = (p: Known): void => {
    const m = Math.floor((p.stamp ?? p.ts) / 60_000);
    masks.set(m, (masks.get(m) ?? 0) | BIT[p.precision ?? 'min']);
  };
  if (mixed) {
    for (const p of stored) note(p);
    for (const p of incoming) note(p);
  }
  const near = (p: Known): boolean => {
    if (!mixed) return false;
    const m = Math.floor((p.stamp ?? p.ts) / 60_000);
    return (((masks.get(m - 1) ?? 0) | (masks.get(m) ?? 0) | (masks.get(m + 1) ?? 0)) & ~BIT[p.precision ?? 'min']) !== 0;
  };
  // Plays stored by versions that kept no precision are keyed by the legacy id.
  const legacy = new Set<string>();
  for (const p of stored) {
    ids.add(p.id);
    if (!p.precision) legacy.add(p.id);
    if (near(p)) add(p, trackOf(p));
  }

  const fresh: Play[] = [];
  let duplicates = 0;
  for (const p of incoming) {
    // (Added before the checks below: the same id again is the same play, whether
    // this one is kept or found to be a stored play's twin.)
    if (!ids.add(p.id)) {
      duplicates++;
      continue;
    }
    if (legacy.size) {
      const old = legacyPlayId(p);
      if (legacy.delete(old)) {
        duplicates++;
        continue;
      }
    }
    if (near(p)) {
      const track = trackOf(p);
      const me: Slot = { ...stampOf(p), ms: p.msPlayed, paired: false };
      const minute = Math.floor(me.stamp / 60_000);
      let twin: Slot | undefined;
      for (const m of [minute, minute - 1, minute + 1]) {
        twin = minutes.get(`${m}\u0002${track}`)?.find((s) => !s.paired && s.precision !== me.precision && sameAcrossPrecision(s, me));
        if (twin) break;
      }
      if (twin) {
        twin.paired = true;
        duplicates++;
        continue;
      }
      add(p, track);
    }
    fresh.push(p);
  }
  return { fresh, duplicates };
}

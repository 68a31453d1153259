// Dense ids for distinct strings, in first-seen order: the import's track-id,
// artist and genre tables. A Map<string, number> does the same, but on the
// import's hot path (one lookup per row, into ~90k keys) it cost about twice
// as much (measured on the real file): every probe touches the Map's entry
// and the key string object, scattered in memory, while here a probe reads
// one slot holding the id and the hash, and compares strings only when the
// hashes agree. Open addressing, linear probing, at most half full.

/** 32-bit FNV-1a of a string's UTF-16 code units. */
export function hashString(s: string): number {
  let h = 0x811c9dc5 | 0;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  // Fold the high bits down: the table index uses the low ones.
  return h ^ (h >>> 16);
}

export class StringIds {
  /** The distinct strings; a string's id is its index here. */
  readonly keys: string[] = [];
  /** Two ints per slot: id + 1 (0 = empty) and the string's hash, side by
   *  side so that a probe reads one cache line. */
  private slots = new Int32Array(2 * 1024);
  private mask = 1023;

  get size(): number {
    return this.keys.length;
  }

  /** The id of `s` (whose hashString is `h`), or -1 when it has none. */
  find(s: string, h: number): number {
    const slots = this.slots;
    for (let i = h & this.mask; ; i = (i + 1) & this.mask) {
      const id = slots[2 * i] - 1;
      if (id < 0) return -1;
      if (slots[2 * i + 1] === h && this.keys[id] === s) return id;
    }
  }

  /** Gives `s` (not yet here; its hashString is `h`) the next id. */
  add(s: string, h: number): number {
    const id = this.keys.length;
    this.keys.push(s);
    if (2 * (id + 1) > this.mask + 1) this.grow();
    this.place(this.slots, id, h);
    return id;
  }

  /** The id of `s`, adding it when new. */
  idOf(s: string): number {
    const h = hashString(s);
    const id = this.find(s, h);
    return id >= 0 ? id : this.add(s, h);
  }

  private place(slots: Int32Array, id: number, h: number): void {
    let i = h & this.mask;
    while (slots[2 * i] !== 0) i = (i + 1) & this.mask;
    slots[2 * i] = id + 1;
    slots[2 * i + 1] = h;
  }

  private grow(): void {
    const old = this.slots;
    this.slots = new Int32Array(2 * old.length);
    this.mask = old.length - 1;
    for (let i = 0; i < old.length; i += 2) if (old[i] !== 0) this.place(this.slots, old[i] - 1, old[i + 1]);
  }
}

// An incremental JSON-array splitter: push text as it arrives, get each
// element of the record arrays back from its own small JSON.parse. Memory
// stays bounded by one element plus one chunk, so a 500 MB export is never
// one string. The record arrays are named by path from the root: [] is a root
// array, ['scrobbles'] the "scrobbles" array of a root object, and so on
// (and `objects` names objects taken whole, e.g. one Last.fm page); anything
// else in the document is walked over (balanced, not parsed).

/** What the splitter throws for text that is not (whole) JSON. */
export class JsonSplitError extends Error {
  constructor(
    readonly kind: 'empty' | 'truncated' | 'invalid',
    message: string,
  ) {
    super(message);
  }
}

interface Frame {
  /** 91 '[' or 123 '{'. */
  type: number;
  /** Which path this array holds the records of (-1: none). */
  emits: number;
  /** Object frames: the key whose value comes next (null: a key comes next). */
  key: string | null;
  path: readonly string[];
  /** Record arrays: an element ended, so a comma (or the end) comes next. */
  ended?: boolean;
}

/** Records are parsed ~64 KB at a time: bigger batches keep too many records alive at once (more GC). */
const BATCH = 1 << 16;

const isWs = (c: number): boolean => c === 32 || c === 10 || c === 13 || c === 9;
const isEnd = (c: number): boolean => c === 44 || c === 93 || c === 125 || isWs(c);

interface JsonArraySplitter {
  push(text: string): void;
  /** Ends the document (throws when it is cut short); returns the indexes of the paths found. */
  end(): Set<number>;
}

type Path = readonly string[];

/** `onElement(value, pathIndex, n)`: one parsed element of the array at
 *  arrays[pathIndex], or (pathIndex ≥ arrays.length) the object at
 *  objects[pathIndex - arrays.length]; n counts from 1. */
export function jsonArraySplitter(arrays: readonly Path[], onElement: (value: unknown, pathIndex: number, n: number) => void, objects: readonly Path[] = []): JsonArraySplitter {
  const stack: Frame[] = [];
  const found = new Set<number>();
  let buf = '';
  let pos = 0;
  let count = 0;
  let started = false;
  let done = false;
  // The element being collected: its start in buf, container depth, and kind.
  let start = -1;
  let depth = 0;
  let bare = false;
  let current = -1;
  // Inside a string (and a backslash just seen); a key's start in buf.
  let inString = false;
  let escaped = false;
  let keyStart = -1;
  // Inside a bare value we skip (a number, true, null) at a level above the records.
  let skipping = false;

  const same = (path: Path) => (p: Path) => p.length === path.length && p.every((k, i) => k === path[i]);
  // Elements found in this pass of the buffer, parsed together at its end (one
  // JSON.parse of "[e1,e2,…]" costs far less than one per record): their
  // start/end offsets in buf, all of one path.
  const pending: number[] = [];
  let pendingPath = -1;
  const parseOne = (text: string, n: number): unknown => {
    try {
      return JSON.parse(text);
    } catch (e) {
      throw new JsonSplitError('invalid', `record ${n} is not valid JSON (${(e as Error).message})`);
    }
  };
  const flush = (s: string): void => {
    if (!pending.length) return;
    const at = pendingPath;
    const k = pending.length / 2;
    let values: unknown[] | null = null;
    if (k > 1) {
      try {
        values = JSON.parse(`[${s.slice(pending[0], pending[pending.length - 1])}]`) as unknown[];
        if (values.length !== k) values = null;
      } catch {
        // One of them is broken: parse them one by one to say which.
      }
    }
    const offsets = pending.splice(0);
    for (let j = 0; j < k; j++) onElement(values ? values[j] : parseOne(s.slice(offsets[2 * j], offsets[2 * j + 1]), count + 1), at, ++count);
  };
  const emit = (s: string, from: number, to: number): void => {
    if (pending.length && pendingPath !== current) flush(s);
    pendingPath = current;
    pending.push(from, to);
    const top = stack[stack.length - 1];
    if (top) top.ended = true;
    if (to - pending[0] > BATCH) flush(s);
  };
  /** A value at a level above the records has ended. */
  const valueDone = (): void => {
    const top = stack[stack.length - 1];
    if (top?.type === 123) top.key = null;
  };

  // The fast way through a record array of objects: from an element's start, the
  // text up to the last "}, {" parsed as one array. Sound: a "}, {" inside a string
  // or a nested value leaves the text unbalanced, so the parse fails, and then
  // this pass scans character by character. Returns the end of the parsed text, or -1.
  // Records that hold "}, {" themselves fail every time: after two failures the
  // document is scanned throughout; documents of pages (objects taken whole) from the start.
  const maxFailures = objects.length ? 0 : 2;
  let fast = true;
  let failures = 0;
  let fastValues: unknown[] = [];
  const wholeRecords = (s: string, from: number): number => {
    const n = s.length;
    const at = (j: number): number => {
      let k = j + 1;
      while (k < n && isWs(s.charCodeAt(k))) k++;
      if (s.charCodeAt(k) !== 44) return -1;
      k++;
      while (k < n && isWs(s.charCodeAt(k))) k++;
      if (s.charCodeAt(k) !== 123) return -1;
      try {
        const v: unknown = JSON.parse(`[${s.slice(from, j + 1)}]`);
        if (Array.isArray(v)) return (fastValues = v), j + 1;
      } catch {
        // Not at a record boundary: try another one.
      }
      failures++;
      return -1;
    };
    // ~64 KB at a time (the first boundary past it), or what is left of the buffer.
    const target = from + BATCH;
    if (target < n)
      for (let j = s.indexOf('}', target); j >= 0 && failures < maxFailures; j = s.indexOf('}', j + 1)) {
        const end = at(j);
        if (end > 0) return end;
      }
    for (let j = s.lastIndexOf('}', Math.min(target, n - 1)); j > from && failures < maxFailures; j = s.lastIndexOf('}', j - 1)) {
      const end = at(j);
      if (end > 0) return end;
    }
    return -1;
  };

  function scan(): void {
    const s = buf;
    const n = s.length;
    let i = pos;
    fast = true;
    let slash = -1;
    while (i < n) {
      if (inString) {
        if (escaped) {
          escaped = false;
          i++;
          continue;
        }
        const q = s.indexOf('"', i);
        const to = q < 0 ? n : q;
        // The next backslash, found once per buffer pass (not once per string: that would be quadratic).
        if (slash < i) slash = s.indexOf('\\', i) >>> 0;
        const b = slash;
        if (b < to) {
          // An escape before the closing quote: step over it.
          if (b + 1 < n) i = b + 2;
          else (escaped = true), (i = n);
          continue;
        }
        if (q < 0) {
          i = n;
          break;
        }
        i = q + 1;
        inString = false;
        if (keyStart >= 0) {
          stack[stack.length - 1].key = JSON.parse(s.slice(keyStart, i)) as string;
          keyStart = -1;
        } else if (start >= 0 && depth === 0) {
          emit(s, start, i);
          start = -1;
        } else if (start < 0) valueDone();
        continue;
      }
      const c = s.charCodeAt(i);
      if (start >= 0) {
        if (bare) {
          if (isEnd(c)) {
            emit(s, start, i);
            start = -1;
            bare = false;
            continue; // the separator is read at the array's level
          }
        } else if (c === 34) inString = true;
        else if (c === 123 || c === 91) depth++;
        else if (c === 125 || c === 93) {
          if (--depth === 0) {
            emit(s, start, i + 1);
            start = -1;
          }
        }
        i++;
        continue;
      }
      if (skipping) {
        if (!isEnd(c)) {
          i++;
          continue;
        }
        skipping = false;
        valueDone();
      }
      i++;
      if (isWs(c) || (c === 0xfeff && !started)) continue;
      if (done) throw new JsonSplitError('invalid', 'not valid JSON (there is more after the end of the document)');
      if (!started) {
        if (c !== 91 && c !== 123) throw new JsonSplitError('invalid', 'not JSON (it does not start with [ or {)');
        started = true;
      }
      const top = stack[stack.length - 1];
      if (c === 44 || c === 58) {
        if (top) top.ended = false;
        continue;
      }
      if (top && top.emits >= 0 && c !== 93) {
        // An element of a record array starts.
        if (top.ended) throw new JsonSplitError('invalid', `not valid JSON (a comma is missing after record ${count + pending.length / 2})`);
        if (c === 123 && fast) {
          const j = wholeRecords(s, i - 1);
          if (j > 0) {
            flush(s);
            current = top.emits;
            for (const v of fastValues) onElement(v, current, ++count);
            fastValues = [];
            top.ended = true;
            i = j;
            continue;
          }
          fast = false;
        }
        start = i - 1;
        current = top.emits;
        if (c === 123 || c === 91) depth = 1;
        else if (c === 34) (depth = 0), (inString = true);
        else bare = true;
        continue;
      }
      if (c === 123 || c === 91) {
        const path = top ? [...top.path, top.type === 123 ? (top.key ?? '') : ''] : [];
        const whole = c === 123 ? objects.findIndex(same(path)) : -1;
        if (whole >= 0) {
          // An object taken whole: collected like a record.
          current = arrays.length + whole;
          found.add(current);
          start = i - 1;
          depth = 1;
          if (top?.type === 123) top.key = null;
          continue;
        }
        const emits = c === 91 ? arrays.findIndex(same(path)) : -1;
        if (emits >= 0) found.add(emits);
        stack.push({ type: c, emits, key: null, path });
      } else if (c === 125 || c === 93) {
        if (!top || (c === 125) !== (top.type === 123)) throw new JsonSplitError('invalid', `not valid JSON (a stray ${String.fromCharCode(c)})`);
        if (top.emits >= 0) flush(s);
        stack.pop();
        if (stack.length) valueDone();
        else done = true;
      } else if (c === 34) {
        inString = true;
        if (top?.type === 123 && top.key === null) keyStart = i - 1;
      } else if ((c >= 48 && c <= 57) || c === 45 || c === 116 || c === 102 || c === 110) skipping = true;
      else throw new JsonSplitError('invalid', `not valid JSON (unexpected ${JSON.stringify(String.fromCharCode(c))})`);
    }
    flush(s);
    // Keep only the text an unfinished element or key still needs.
    const keep = start >= 0 ? start : keyStart >= 0 ? keyStart : n;
    buf = s.slice(keep);
    pos = n - keep;
    if (start >= 0) start -= keep;
    if (keyStart >= 0) keyStart -= keep;
  }

  return {
    push(text) {
      buf += text;
      scan();
    },
    end() {
      if (start >= 0 && bare) {
        emit(buf, start, buf.length);
        flush(buf);
        start = -1;
      }
      if (!started) throw new JsonSplitError('empty', 'the file is empty');
      if (!done) throw new JsonSplitError('truncated', 'the JSON ends early: the file looks truncated');
      return found;
    },
  };
}

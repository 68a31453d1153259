// A generated JSON document of about `target` bytes pushed into an importer
// 1 MB at a time, each chunk cut mid-record, for the bounded-memory tests of
// the history importers: how many bytes and records went in, and the heap's
// largest growth meanwhile (sampled every 20 chunks).
export function pushBigDocument(
  push: (chunk: Uint8Array) => void,
  doc: { head: string; record: (n: number) => string; tail: string },
  target: number,
): { bytes: number; records: number; peak: number } {
  const enc = new TextEncoder();
  global.gc?.();
  const heap0 = process.memoryUsage().heapUsed;
  let peak = 0;
  let bytes = 0;
  let n = 0;
  let carry = doc.head;
  for (let c = 0; bytes < target; c++) {
    let s = carry;
    while (s.length < 2 ** 20) s += `${n ? ',' : ''}${doc.record(n++)}`;
    const cut = 2 ** 20 - 37;
    carry = s.slice(cut);
    const b = enc.encode(s.slice(0, cut));
    bytes += b.length;
    push(b);
    if (c % 20 === 0) peak = Math.max(peak, process.memoryUsage().heapUsed - heap0);
  }
  push(enc.encode(carry + doc.tail));
  return { bytes, records: n, peak };
}

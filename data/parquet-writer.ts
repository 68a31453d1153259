// A minimal Parquet writer for test fixtures: one row group, one PLAIN,
// uncompressed data page per column, and the schema shapes Spark writes for
// ALS output (required int32, required UTF-8 string, and an optional
// array<float> as the standard three-level LIST). The Parquet readers the app
// uses (hyparquet) read any valid file, so this only has to be valid.
// DuckDB-WASM cannot write Parquet offline: its parquet extension is fetched
// from the network on first use.

type Column =
  | { name: string; kind: 'int32'; values: number[] }
  | { name: string; kind: 'string'; values: string[] }
  | { name: string; kind: 'float-list'; values: number[][] };

/** Thrift compact protocol, just the parts FileMetaData and PageHeader need. */
class Thrift {
  bytes: number[] = [];
  private last: number[] = [0];
  varint(n: number) {
    while (n > 0x7f) {
      this.bytes.push((n & 0x7f) | 0x80);
      n = Math.floor(n / 128);
    }
    this.bytes.push(n);
  }
  private header(id: number, type: number) {
    const delta = id - this.last[this.last.length - 1];
    if (delta > 0 && delta <= 15) this.bytes.push((delta << 4) | type);
    else {
      this.bytes.push(type);
      this.varint(id >= 0 ? id * 2 : -id * 2 - 1);
    }
    this.last[this.last.length - 1] = id;
  }
  int(id: number, n: number, type = 5) {
    this.header(id, type);
    this.varint(n >= 0 ? n * 2 : -n * 2 - 1);
  }
  long(id: number, n: number) {
    this.int(id, n, 6);
  }
  string(id: number, s: string) {
    this.header(id, 8);
    const b = new TextEncoder().encode(s);
    this.varint(b.length);
    this.bytes.push(...b);
  }
  struct(id: number, body: () => void) {
    this.header(id, 12);
    this.begin(body);
  }
  /** A struct's fields, then its stop byte. */
  begin(body: () => void) {
    this.last.push(0);
    body();
    this.bytes.push(0);
    this.last.pop();
  }
  list(id: number, elemType: number, items: (() => void)[]) {
    this.header(id, 9);
    if (items.length < 15) this.bytes.push((items.length << 4) | elemType);
    else {
      this.bytes.push(0xf0 | elemType);
      this.varint(items.length);
    }
    for (const item of items) item();
  }
  structs(id: number, bodies: (() => void)[]) {
    this.list(id, 12, bodies.map((b) => () => this.begin(b)));
  }
  ints(id: number, ns: number[]) {
    this.list(id, 5, ns.map((n) => () => this.varint(n * 2)));
  }
  strings(id: number, ss: string[]) {
    this.list(
      id,
      8,
      ss.map((s) => () => {
        const b = new TextEncoder().encode(s);
        this.varint(b.length);
        this.bytes.push(...b);
      }),
    );
  }
}

/** Levels as RLE runs (the RLE / bit-packed hybrid, RLE only), with the 4-byte length data page v1 puts before them. */
function levels(values: number[], bitWidth: number): number[] {
  const t = new Thrift();
  for (let i = 0; i < values.length; ) {
    let j = i;
    while (j < values.length && values[j] === values[i]) j++;
    t.varint((j - i) * 2);
    for (let b = 0; b < Math.ceil(bitWidth / 8); b++) t.bytes.push((values[i] >> (8 * b)) & 0xff);
    i = j;
  }
  const n = t.bytes.length;
  return [n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff, n >>> 24, ...t.bytes];
}

function le(n: number, float = false): number[] {
  const b = new DataView(new ArrayBuffer(4));
  if (float) b.setFloat32(0, n, true);
  else b.setInt32(0, n, true);
  return [...new Uint8Array(b.buffer)];
}

/** The page body and how many level entries (values) it holds. */
function page(c: Column): { body: number[]; count: number } {
  if (c.kind === 'int32') return { body: c.values.flatMap((v) => le(v)), count: c.values.length };
  if (c.kind === 'string')
    return {
      body: c.values.flatMap((s) => {
        const b = [...new TextEncoder().encode(s)];
        return [...le(b.length), ...b];
      }),
      count: c.values.length,
    };
  // features: optional list (def 1 = empty list), repeated `list`, required `element` (def 2).
  const rep: number[] = [];
  const def: number[] = [];
  for (const row of c.values) {
    if (!row.length) {
      rep.push(0);
      def.push(1);
    }
    row.forEach((_, i) => {
      rep.push(i === 0 ? 0 : 1);
      def.push(2);
    });
  }
  return { body: [...levels(rep, 1), ...levels(def, 2), ...c.values.flat().flatMap((v) => le(v, true))], count: rep.length };
}

const PHYSICAL = { int32: 1, string: 6, 'float-list': 4 } as const;

/** The bytes of a Parquet file with these columns (all of one length). */
export function writeParquet(columns: Column[]): Uint8Array {
  const rows = columns[0].values.length;
  const out: number[] = [...new TextEncoder().encode('PAR1')];
  const chunks: (() => void)[] = [];
  for (const c of columns) {
    const { body, count } = page(c);
    const header = new Thrift();
    header.begin(() => {
      header.int(1, 0); // DATA_PAGE
      header.int(2, body.length);
      header.int(3, body.length);
      header.struct(5, () => {
        header.int(1, count);
        header.int(2, 0); // PLAIN
        header.int(3, 3); // RLE
        header.int(4, 3);
      });
    });
    const offset = out.length;
    out.push(...header.bytes, ...body);
    const size = header.bytes.length + body.length;
    const path = c.kind === 'float-list' ? [c.name, 'list', 'element'] : [c.name];
    chunks.push(() => {
      meta.long(2, offset);
      meta.struct(3, () => {
        meta.int(1, PHYSICAL[c.kind]);
        meta.ints(2, [0, 3]);
        meta.strings(3, path);
        meta.int(4, 0); // UNCOMPRESSED
        meta.long(5, count);
        meta.long(6, size);
        meta.long(7, size);
        meta.long(9, offset);
      });
    });
  }
  const schema: (() => void)[] = [
    () => {
      meta.string(4, 'spark_schema');
      meta.int(5, columns.length);
    },
  ];
  for (const c of columns) {
    if (c.kind === 'float-list') {
      schema.push(() => {
        meta.int(3, 1); // OPTIONAL
        meta.string(4, c.name);
        meta.int(5, 1);
        meta.int(6, 3); // LIST
        meta.struct(10, () => meta.struct(3, () => {}));
      });
      schema.push(() => {
        meta.int(3, 2); // REPEATED
        meta.string(4, 'list');
        meta.int(5, 1);
      });
      schema.push(() => {
        meta.int(1, 4); // FLOAT
        meta.int(3, 0); // REQUIRED
        meta.string(4, 'element');
      });
    } else
      schema.push(() => {
        meta.int(1, PHYSICAL[c.kind]);
        meta.int(3, 0);
        meta.string(4, c.name);
        if (c.kind === 'string') {
          meta.int(6, 0); // UTF8
          meta.struct(10, () => meta.struct(1, () => {}));
        }
      });
  }
  const meta = new Thrift();
  meta.begin(() => {
    meta.int(1, 1);
    meta.structs(2, schema);
    meta.long(3, rows);
    meta.structs(4, [
      () => {
        meta.structs(1, chunks);
        meta.long(2, out.length - 4);
        meta.long(3, rows);
      },
    ]);
    meta.string(6, 'neural-beats data/parquet-writer.ts');
  });
  const n = meta.bytes.length;
  out.push(...meta.bytes, n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff, n >>> 24, ...new TextEncoder().encode('PAR1'));
  return Uint8Array.from(out);
}

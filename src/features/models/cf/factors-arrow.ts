// Item factors as an Apache Arrow table: one row per artist, columns
//   artist: Utf8, id: Int32 (optional), vector: FixedSizeList<Float32>[k]
// The loader also accepts the shapes other trainers write, so factors trained
// elsewhere (e.g. Spark ALS: `id`, `features: List<Float32>`; or one float
// column per dimension) load the same way.
import {
  Field,
  FixedSizeList,
  Float32,
  Int32,
  makeData,
  makeVector,
  Table,
  tableFromIPC,
  tableToIPC,
  Type,
  Utf8,
  vectorFromArray,
  type Vector,
} from 'apache-arrow';

export interface ItemFactors {
  /** Artist names, one per row. */
  names: string[];
  /** Source ids (e.g. Last.fm artist ids), when known. */
  ids?: Int32Array;
  k: number;
  /** Row-major rows x k. */
  vectors: Float32Array;
}

function factorsToTable(f: ItemFactors): Table {
  const n = f.names.length;
  if (f.vectors.length !== n * f.k) throw new Error(`factors: ${f.vectors.length} values for ${n} rows of ${f.k}`);
  const child = makeData({ type: new Float32(), length: n * f.k, data: f.vectors });
  const vector = makeVector(
    makeData({ type: new FixedSizeList(f.k, new Field('item', new Float32(), false)), length: n, nullCount: 0, child }),
  );
  const cols: Record<string, Vector> = { artist: vectorFromArray(f.names, new Utf8()) };
  if (f.ids) cols.id = makeVector(makeData({ type: new Int32(), length: n, data: f.ids }));
  cols.vector = vector;
  return new Table(cols);
}

export function factorsToIPC(f: ItemFactors): Uint8Array {
  return tableToIPC(factorsToTable(f), 'file');
}

const NAME_COLS = ['artist', 'name', 'artist_name', 'item', 'item_name'];
const ID_COLS = ['id', 'artist_id', 'item_id', 'itemId'];
const VECTOR_COLS = ['vector', 'features', 'factors', 'embedding'];

export function factorsFromTable(t: Table): ItemFactors {
  const names = t.schema.fields.map((f) => f.name);
  const find = (cands: string[]) => names.find((n) => cands.includes(n));
  const nameCol = find(NAME_COLS);
  const idCol = find(ID_COLS);
  const n = t.numRows;
  const idVec = idCol ? t.getChild(idCol) : null;
  const ids = idVec ? Int32Array.from({ length: n }, (_, i) => Number(idVec.get(i))) : undefined;
  const nameVec = nameCol ? t.getChild(nameCol) : null;
  if (!nameVec && !ids) throw new Error(`factors table has no artist or id column (columns: ${names.join(', ')})`);
  const artistNames = nameVec ? Array.from({ length: n }, (_, i) => String(nameVec.get(i) ?? '')) : Array.from(ids as Int32Array, String);

  const vecCol = find(VECTOR_COLS);
  if (vecCol) {
    const v = t.getChild(vecCol)!;
    const type = v.type;
    if (type.typeId !== Type.FixedSizeList && type.typeId !== Type.List)
      throw new Error(`factors column ${vecCol} is ${type}, expected a list of floats`);
    const first = v.get(0) as Vector | null;
    const k = first ? first.length : 0;
    const vectors = new Float32Array(n * k);
    for (let i = 0; i < n; i++) {
      const row = v.get(i) as Vector | null;
      if (!row || row.length !== k) throw new Error(`factors row ${i} has ${row ? row.length : 0} values, expected ${k}`);
      for (let a = 0; a < k; a++) vectors[i * k + a] = Number(row.get(a));
    }
    return { names: artistNames, ids, k, vectors };
  }
  // One float column per dimension, in schema order.
  const dims = t.schema.fields.filter((f) => f.name !== nameCol && f.name !== idCol && f.type.typeId === Type.Float);
  if (!dims.length) throw new Error(`factors table has no vector column (columns: ${names.join(', ')})`);
  const k = dims.length;
  const vectors = new Float32Array(n * k);
  dims.forEach((f, a) => {
    const col = t.getChild(f.name)!;
    for (let i = 0; i < n; i++) vectors[i * k + a] = Number(col.get(i));
  });
  return { names: artistNames, ids, k, vectors };
}

export function factorsFromIPC(bytes: Uint8Array): ItemFactors {
  return factorsFromTable(tableFromIPC(bytes));
}

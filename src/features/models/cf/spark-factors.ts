// ALS item factors as Spark MLlib writes them: `model.itemFactors.write.parquet(dir)`
// leaves part files with columns id (int) and features (array<float>), which
// name no artist, so an id → artist-name table comes beside them: Parquet or
// CSV with an id column and a name column (name, artist or artist_name).
// Read with hyparquet; the result is the app's own ItemFactors, so the user is
// folded in exactly as for factors trained here.
import { parquetMetadata, parquetReadObjects, parquetSchema } from 'hyparquet';
import { inferSchema, initParser } from 'udsv';
import type { ItemFactors } from './factors-arrow.ts';

export interface NamedBytes {
  name: string;
  bytes: ArrayBuffer;
}

const NAME_COLS = ['name', 'artist', 'artist_name'];

/** Files a Spark job leaves beside its part files (_SUCCESS, .crc checksums), which hold no data. */
const isBookkeeping = (name: string) => /^[._]/.test(name) || /\.crc$/i.test(name);

/** Whether a chosen file is for this loader (rather than an Arrow table of factors). */
export const isSparkFile = (name: string) => /\.(parquet|csv)$/i.test(name) || isBookkeeping(name);

type Names = { file: string; byId: Map<number, string> };
type Part = { file: string; ids: number[]; rows: number[][] };

/**
 * Item factors from Spark's part files and the names table; throws a message
 * naming the file and what is wrong (columns, dimensions, ids with no name).
 */
export async function sparkFactors(files: readonly NamedBytes[]): Promise<ItemFactors> {
  const parts: Part[] = [];
  let names: Names | null = null;
  for (const f of files.filter((f) => !isBookkeeping(f.name))) {
    const table = /\.csv$/i.test(f.name) ? csvNames(f) : await parquetTable(f);
    if ('byId' in table) {
      if (names) throw new Error(`Two names tables (${names.file} and ${f.name}): choose one.`);
      names = table;
    } else parts.push(table);
  }
  if (!parts.length) throw new Error("No item factors: choose the part files of Spark's itemFactors folder (columns id and features) with the names table.");
  if (!names) throw new Error(`No names table beside ${parts.map((p) => p.file).join(', ')}: add a Parquet or CSV file with columns id and name.`);

  const rows = parts.flatMap((p) => p.ids.map((id, i) => ({ id, v: p.rows[i], file: p.file }))).sort((a, b) => a.id - b.id);
  const k = rows[0]?.v.length ?? 0;
  if (!k) throw new Error(`${parts[0].file} holds no factors.`);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    if (r.v.length !== k) throw new Error(`Mixed dimensions: id ${r.id} in ${r.file} has ${r.v.length} factors, id ${rows[0].id} has ${k}.`);
    if (i > 0 && rows[i - 1].id === r.id) throw new Error(`Id ${r.id} appears twice in the item factors (${rows[i - 1].file}, ${r.file}).`);
    if (!r.v.every(Number.isFinite)) throw new Error(`Id ${r.id} in ${r.file} has a factor that is not a finite number.`);
  }
  const unnamed = rows.filter((r) => !names.byId.has(r.id)).map((r) => r.id);
  if (unnamed.length)
    throw new Error(`${unnamed.length} of ${rows.length} factor ids have no name in ${names.file} (e.g. ${unnamed.slice(0, 5).join(', ')}): use the names table of the same Spark job.`);
  const vectors = new Float32Array(rows.length * k);
  rows.forEach((r, i) => vectors.set(r.v, i * k));
  return { names: rows.map((r) => names.byId.get(r.id)!), ids: Int32Array.from(rows, (r) => r.id), k, vectors };
}

/** A Parquet file: item factors (id, features) or the names table (id, name). */
async function parquetTable(f: NamedBytes): Promise<Part | Names> {
  let columns: { name: string; type?: string; list: boolean }[];
  try {
    const schema = parquetSchema(parquetMetadata(f.bytes));
    columns = schema.children.map((c) => ({ name: c.element.name, type: c.element.type, list: c.element.converted_type === 'LIST' || c.element.logical_type?.type === 'LIST' }));
  } catch (e) {
    throw new Error(`${f.name} is not a Parquet file that can be read (${(e as Error).message}).`);
  }
  const has = (name: string) => columns.find((c) => c.name === name);
  const id = has('id');
  const features = has('features');
  const nameCol = NAME_COLS.map(has).find(Boolean);
  const listed = columns.map((c) => c.name).join(', ');
  if (!id || !(features || nameCol))
    throw new Error(`${f.name} has columns ${listed}: expected Spark's itemFactors (id, features) or the names table (id, name).`);
  if (id.type !== 'INT32' && id.type !== 'INT64') throw new Error(`${f.name}: column id is ${id.type ?? 'a group'}, expected an integer.`);
  if (features) {
    if (!features.list) throw new Error(`${f.name}: column features is not a list (array<float>) as Spark's ALS writes it.`);
    const data = await parquetReadObjects({ file: f.bytes, columns: ['id', 'features'] });
    return {
      file: f.name,
      ids: data.map((r) => Number(r.id)),
      rows: data.map((r, i) => {
        if (!Array.isArray(r.features)) throw new Error(`${f.name}: row ${i} (id ${r.id}) has no features.`);
        return r.features.map(Number);
      }),
    };
  }
  const data = await parquetReadObjects({ file: f.bytes, columns: ['id', nameCol!.name] });
  return namesTable(f.name, data.map((r) => [r.id, r[nameCol!.name]]));
}

/** A CSV names table with a header row. */
function csvNames(f: NamedBytes): Names {
  const text = new TextDecoder().decode(f.bytes);
  const header = text.slice(0, text.indexOf('\n') >>> 0).replace(/\r$/, '');
  const cols = header.split(',').map((c) => c.trim().replace(/^"|"$/g, '').toLowerCase());
  const idAt = cols.indexOf('id');
  const nameAt = cols.findIndex((c) => NAME_COLS.includes(c));
  if (idAt < 0 || nameAt < 0) throw new Error(`${f.name} has columns ${cols.join(', ')}: expected a names table with columns id and name.`);
  const rows = initParser(inferSchema(text)).stringArrs(text);
  return namesTable(f.name, rows.map((r) => [r[idAt], r[nameAt]]));
}

function namesTable(file: string, pairs: [unknown, unknown][]): Names {
  const byId = new Map<number, string>();
  pairs.forEach(([id, name], i) => {
    const n = Number(id);
    if (!Number.isInteger(n)) throw new Error(`${file}: row ${i + 1} has id "${String(id)}", not an integer.`);
    if (typeof name !== 'string' || !name.trim()) throw new Error(`${file}: id ${n} has no name.`);
    byId.set(n, name.trim());
  });
  return { file, byId };
}

// The one way to the stored plays (kept in columnar chunks, see
// core/chunks.ts): the taste, the import's dedupe, the backup and the play
// count all read and write through these functions, never the tables.
import type { NeuralBeatsDB, PlayRecord } from '../../platform/db.ts';
import { fromChunks, toChunks } from './core/chunks.ts';
import type { Play } from './core/play.ts';

/** Every stored play. */
export async function readPlays(db: NeuralBeatsDB): Promise<PlayRecord[]> {
  return fromChunks(await db.playChunks.toArray());
}

/** How many plays are stored (from the chunks' index keys: no chunk is read). */
export async function playCount(db: NeuralBeatsDB): Promise<number> {
  let n = 0;
  for (const k of await db.playChunks.orderBy('n').keys()) n += k as number;
  return n;
}

/** The stored plays with lo ≤ ts ≤ hi (only the chunks overlapping that time are read). */
export async function playsBetween(db: NeuralBeatsDB, lo: number, hi: number): Promise<PlayRecord[]> {
  const chunks = await db.playChunks.where('lo').belowOrEqual(hi).filter((c) => c.hi >= lo).toArray();
  return fromChunks(chunks, (ts) => ts >= lo && ts <= hi);
}

/** Stores one import's new plays; call inside a transaction over playChunks. */
export async function addPlays(db: NeuralBeatsDB, importId: string, plays: readonly Play[]): Promise<void> {
  if (plays.length) await db.playChunks.bulkAdd(toChunks(plays, importId));
}

/** Replaces every stored play (a backup's restore); call inside a transaction over plays and playChunks. */
export async function replacePlays(db: NeuralBeatsDB, plays: readonly PlayRecord[]): Promise<void> {
  await db.plays.clear();
  await db.playChunks.clear();
  if (plays.length) await db.playChunks.bulkAdd(toChunks(plays));
}

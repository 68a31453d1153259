// The import transaction: the new plays (deduped against what is stored, see
// core/dedupe.ts), the new likes and the import record go in in ONE
// transaction, so a failure half-way stores nothing and the history the user
// had is unchanged.
import { isQuotaError, type ImportRecord, type NeuralBeatsDB } from '../../platform/db.ts';
import { dedupePlays } from './core/dedupe.ts';
import { addPlays, playsBetween } from './plays.ts';
import { LIKE_ID_PREFIX, type PreparedImport } from './core/prepare.ts';

export interface Saved {
  importId: string;
  /** Plays new to this device, and plays it already had (or repeated in this import). */
  added: number;
  alreadyStored: number;
  likesAdded: number;
  likesAlready: number;
}

/** How far apart the same play's start can be in two exports (a minute of precision, a second of rounding). */
const WINDOW_MS = 2 * 60_000;

export async function saveImport(
  database: NeuralBeatsDB,
  prep: PreparedImport,
  meta: { importId: string; fileNames: string[]; source: string; at?: number },
): Promise<Saved> {
  const { importId } = meta;
  let out: Saved = { importId, added: 0, alreadyStored: 0, likesAdded: 0, likesAlready: 0 };
  try {
    await database.transaction('rw', database.playChunks, database.imports, database.feedback, async () => {
      let lo = Infinity;
      let hi = -Infinity;
      for (const p of prep.plays) {
        if (p.ts < lo) lo = p.ts;
        if (p.ts > hi) hi = p.ts;
      }
      // Only the stored plays near this import's times can be the same plays.
      const stored = prep.plays.length ? await playsBetween(database, lo - WINDOW_MS, hi + WINDOW_MS) : [];
      const { fresh, duplicates } = dedupePlays(prep.plays, stored);
      // Which likes are stored already: one read of the stored like ids (a key range), not one get per like
      // (100k gets took ~5 s in fake-indexeddb).
      const known = new Set<string>(prep.likes.length ? ((await database.feedback.where('id').startsWith(LIKE_ID_PREFIX).primaryKeys()) as string[]) : []);
      const seen = new Set<string>();
      const newLikes = prep.likes.filter((l) => !known.has(l.id) && !seen.has(l.id) && (seen.add(l.id), true));
      out = { importId, added: fresh.length, alreadyStored: duplicates, likesAdded: newLikes.length, likesAlready: prep.likes.length - newLikes.length };
      await addPlays(database, importId, fresh);
      if (newLikes.length) await database.feedback.bulkAdd(newLikes);
      if (fresh.length || newLikes.length) {
        const record: ImportRecord = {
          id: importId,
          at: meta.at ?? Date.now(),
          source: meta.source,
          fileNames: meta.fileNames,
          added: fresh.length,
          report: { match: prep.match, dropped: prep.totals.dropped, likes: newLikes.length },
        };
        await database.imports.add(record);
      }
    });
  } catch (e) {
    if (isQuotaError(e))
      throw new Error('The browser has no room left to store this history (storage quota reached). Nothing from this import was stored; your earlier history is unchanged.');
    throw e;
  }
  return out;
}

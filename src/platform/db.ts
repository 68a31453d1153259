// The one IndexedDB database, through Dexie. Every table the app will ever
// need is declared from version 1; later versions add tables or indexes and
// migrate records in `upgrade`, never dropping user data (see schema.test.ts).
import Dexie, { type EntityTable } from 'dexie';
import type { CatalogSummary } from '../features/catalog/core/catalog.ts';
import { toChunks, type PlayChunk, type StoredPlay } from '../features/history/core/chunks.ts';
import type { FeedbackEvent } from '../features/taste/core/feedback.ts';
import type { PackedArtistIndex } from '../features/search/packed.ts';
import type { CatalogDerived } from '../features/catalog/derived.ts';

const DB_NAME = 'neural-beats';

/** The stored catalog: Arrow IPC bytes plus what they came from. */
export interface CatalogRecord {
  id: 'current';
  ipc: Uint8Array;
  fingerprint: string;
  summary: CatalogSummary;
  source: { kind: 'file' | 'url'; name: string; bytes: number };
  savedAt: number;
}

/** What is built on the stored catalog at import, each keyed by the catalog's
 *  fingerprint and kept apart from it, so that a reload reads only what it
 *  needs: the ranking's part (catalog/derived.ts) and the artist search index
 *  (search/store.ts; until version 3 it was the catalog record's `search`). */
export type DerivedRecord = ({ id: 'ranking' } & CatalogDerived) | { id: 'search'; fingerprint: string; index: PackedArtistIndex };

export interface SettingRecord {
  key: string;
  value: unknown;
}

/** A seed is kept by stable keys (artist name, track id, genre name), not by
 *  catalog index, so it survives a catalog reload. */
export interface SeedRecord {
  id: string;
  kind: 'artist' | 'track' | 'genre';
  key: string;
  label: string;
  position: number;
  /** Its share of the lists against the other seeds (absent: 1); negative subtracts. */
  weight?: number;
}

/** A trained model: weights and what they are valid for. */
export interface ModelRecord {
  name: string;
  catalogFingerprint: string;
  backend: string;
  finalLoss: number;
  createdAt: number;
  trainMs: number;
  /** Small facts for the Models page (metrics, epochs, sizes). */
  meta: Record<string, unknown>;
  /** Everything the model needs to run again (weights, scaler, outputs), as
   *  structured-clone data: typed arrays and plain objects. */
  payload: unknown;
}

/** A play as history/plays.ts reads and writes it: the importers' Play, with
 *  the import that stored it. Kept in `playChunks` (version 2); `plays` held
 *  one row per play in version 1 and is empty once upgraded. */
export type PlayRecord = StoredPlay;

export interface ImportRecord {
  id: string;
  at: number;
  source: string;
  fileNames: string[];
  added: number;
  report: unknown;
}

/** A stored feedback event (love, rating, don't-recommend, exclusions…). */
export type FeedbackRecord = FeedbackEvent;

export class NeuralBeatsDB extends Dexie {
  catalog!: EntityTable<CatalogRecord, 'id'>;
  derived!: EntityTable<DerivedRecord, 'id'>;
  settings!: EntityTable<SettingRecord, 'key'>;
  seeds!: EntityTable<SeedRecord, 'id'>;
  models!: EntityTable<ModelRecord, 'name'>;
  plays!: EntityTable<PlayRecord, 'id'>;
  playChunks!: EntityTable<PlayChunk, 'id'>;
  imports!: EntityTable<ImportRecord, 'id'>;
  feedback!: EntityTable<FeedbackRecord, 'id'>;

  constructor(name = DB_NAME) {
    super(name);
    this.version(1).stores({
      catalog: 'id',
      settings: 'key',
      seeds: 'id, position',
      models: 'name',
      plays: 'id, ts, importId, artist',
      imports: 'id, at',
      feedback: 'id, at, type',
    });
    // Plays in columnar chunks (history/core/chunks.ts): the version-1 rows move there.
    this.version(2)
      .stores({ playChunks: 'id, importId, lo, hi, n' })
      .upgrade(async (tx) => {
        const old = (await tx.table('plays').toArray()) as PlayRecord[];
        if (!old.length) return;
        await tx.table('playChunks').bulkAdd(toChunks(old.map((p) => (typeof p.importId === 'string' ? p : { ...p, importId: 'unknown' }))));
        await tx.table('plays').clear();
      });
    // What is built on the catalog at import; the search index moves there out of the catalog record.
    this.version(3)
      .stores({ derived: 'id' })
      .upgrade(async (tx) => {
        const record = await tx.table('catalog').get('current');
        if (!record?.search) return;
        await tx.table('derived').put({ id: 'search', fingerprint: record.fingerprint, index: record.search });
        delete record.search;
        await tx.table('catalog').put(record);
      });
  }
}

let shared: NeuralBeatsDB | null = null;
/** The app's database (one connection per thread). */
export function db(): NeuralBeatsDB {
  return (shared ??= new NeuralBeatsDB());
}

/** What the user reads when a write found no room: `what` was being stored,
 *  `kept` says what they still have. The one wording of the quota message. */
export function quotaMessage(what: string, kept: string): string {
  return `The browser has no room left to store ${what} (storage quota reached). ${kept} Free some space or allow persistent storage, then try again.`;
}

/** Runs a write; a quota failure becomes an Error with quotaMessage(what,
 *  kept), any other failure passes through as it is. */
export async function storeOrExplain<T>(write: () => Promise<T>, what: string, kept: string): Promise<T> {
  try {
    return await write();
  } catch (e) {
    if (isQuotaError(e)) throw new Error(quotaMessage(what, kept));
    throw e;
  }
}

/** True for the errors a full disk or a spent quota raise, however wrapped. */
export function isQuotaError(e: unknown): boolean {
  for (let err = e as { name?: string; inner?: unknown; failures?: unknown[] } | undefined; err; err = err.inner as typeof err) {
    if (err.name === 'QuotaExceededError') return true;
    // A Dexie BulkError carries the failed requests' errors.
    if (Array.isArray(err.failures) && err.failures.some(isQuotaError)) return true;
  }
  return false;
}

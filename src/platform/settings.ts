// Small typed settings kept in IndexedDB (the `settings` table).
import { db } from './db.ts';

interface Settings {
  /** The user's pick on the Models page; null = automatic. */
  backendOverride: string | null;
  /** The backend the first-start probe found fastest. */
  backendMeasured: string | null;
}

const DEFAULTS: Settings = { backendOverride: null, backendMeasured: null };

export async function getSetting<K extends keyof Settings>(key: K): Promise<Settings[K]> {
  const row = await db().settings.get(key);
  return row ? (row.value as Settings[K]) : DEFAULTS[key];
}

export async function setSetting<K extends keyof Settings>(key: K, value: Settings[K]): Promise<void> {
  await db().settings.put({ key, value });
}

// The seed list: ordered, persisted in IndexedDB, no arbitrary size limit.
// Changes are announced for screen readers through `announcement`.
import { db, type SeedRecord } from '../../platform/db.ts';
import { on } from '../../platform/events.ts';
import type { SeedKind } from './core/types.ts';

const seedId = (kind: SeedKind, key: string): string => `${kind}:${key}`;

class SeedsState {
  list = $state<SeedRecord[]>([]);
  announcement = $state('');
  loaded = $state(false);
  /** A seed's share of the lists against the others (1 when unset). */
  weightOf(id: string): number {
    return this.list.find((s) => s.id === id)?.weight ?? 1;
  }

  /** Stored with the seed, so a subtracted seed stays subtracted after a reload and in other tabs. */
  async setWeight(id: string, weight: number): Promise<void> {
    await this.save(this.list.map((s) => (s.id !== id ? s : weight === 1 ? { ...s, weight: undefined } : { ...s, weight })));
    const label = this.list.find((s) => s.id === id)?.label ?? 'Seed';
    this.announcement = weight < 0 ? `${label} is now subtracted from the lists.` : `${label} now counts ${weight === 1 ? 'as much as the others' : `${weight}×`}.`;
  }

  constructor() {
    on('user-data', () => void this.load());
  }

  async load(): Promise<void> {
    this.list = await db().seeds.orderBy('position').toArray();
    this.loaded = true;
  }

  has(kind: SeedKind, key: string): boolean {
    return this.list.some((s) => s.id === seedId(kind, key));
  }

  /** Adds a seed at `at` (default: the end); an existing seed moves there. */
  async add(kind: SeedKind, key: string, label: string, at = this.list.length): Promise<void> {
    const id = seedId(kind, key);
    const weight = this.list.find((s) => s.id === id)?.weight;
    const rest = this.list.filter((s) => s.id !== id);
    rest.splice(Math.min(at, rest.length), 0, { id, kind, key, label, position: 0, ...(weight === undefined ? {} : { weight }) });
    await this.save(rest);
    this.announcement = `${label} added to seeds, position ${rest.findIndex((s) => s.id === id) + 1} of ${rest.length}.`;
  }

  async remove(id: string): Promise<void> {
    const seed = this.list.find((s) => s.id === id);
    await this.save(this.list.filter((s) => s.id !== id));
    if (seed) this.announcement = `${seed.label} removed from seeds.`;
  }

  async move(id: string, to: number): Promise<void> {
    const from = this.list.findIndex((s) => s.id === id);
    if (from < 0) return;
    to = Math.max(0, Math.min(this.list.length - 1, to));
    const next = [...this.list];
    const [seed] = next.splice(from, 1);
    next.splice(to, 0, seed);
    await this.save(next);
    this.announcement = `${seed.label} moved to position ${to + 1} of ${next.length}.`;
  }

  async clear(): Promise<void> {
    await this.save([]);
    this.announcement = 'Seed list cleared.';
  }

  private async save(next: SeedRecord[]): Promise<void> {
    const ordered = next.map((s, i) => {
      const { weight, ...rest } = $state.snapshot(s);
      return { ...rest, position: i, ...(weight === undefined ? {} : { weight }) };
    });
    await db().transaction('rw', db().seeds, async () => {
      await db().seeds.clear();
      await db().seeds.bulkPut(ordered);
    });
    this.list = ordered;
  }
}

export const seeds = new SeedsState();

// Test helper: makes writes to chosen tables fail the way a full disk does
// (a DOMException named QuotaExceededError from IndexedDB), through a Dexie
// DBCore middleware, so tests can check what a quota failure leaves behind.
import type { DBCoreMutateRequest, Dexie } from 'dexie';

export interface QuotaSwitch {
  /** Table names whose writes fail now (empty: none). */
  failing: Set<string>;
}

/** Installs the middleware; call before the database is opened (or on a closed one). */
export function injectQuotaErrors(db: Dexie): QuotaSwitch {
  const sw: QuotaSwitch = { failing: new Set() };
  db.use({
    stack: 'dbcore',
    name: 'inject-quota-errors',
    create: (down) => ({
      ...down,
      table: (name) => {
        const t = down.table(name);
        return {
          ...t,
          mutate: (req: DBCoreMutateRequest) =>
            sw.failing.has(name) && (req.type === 'put' || req.type === 'add')
              ? Promise.reject(new DOMException('The quota has been exceeded.', 'QuotaExceededError'))
              : t.mutate(req),
        };
      },
    }),
  });
  return sw;
}

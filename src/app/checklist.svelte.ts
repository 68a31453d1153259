// The welcome checklist's own facts: whether community listening data has been
// turned into a model (read from IndexedDB without loading the model, so a
// first visit never starts the models worker), and whether the user hid it.
import { db } from '../platform/db.ts';
import { on } from '../platform/events.ts';

const HIDDEN = 'nb-checklist-hidden';

class ChecklistState {
  community = $state(false);
  hidden = $state(typeof localStorage !== 'undefined' && localStorage.getItem(HIDDEN) === '1');

  constructor() {
    on('models', () => void this.refresh());
    on('user-data', () => this.show());
  }

  async refresh(): Promise<void> {
    this.community = (await db().models.where('name').equals('collaborative').count()) > 0;
  }

  hide(): void {
    this.hidden = true;
    localStorage.setItem(HIDDEN, '1');
  }

  show(): void {
    this.hidden = false;
    localStorage.removeItem(HIDDEN);
  }
}

export const checklist = new ChecklistState();

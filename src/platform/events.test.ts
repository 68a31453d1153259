import { afterAll, describe, expect, it } from 'vitest';
import { emit, on } from './events.ts';

// Another tab of the app, as far as the channel is concerned.
const otherTab = new BroadcastChannel('neural-beats');
afterAll(() => otherTab.close());

const nextMessage = () => new Promise<unknown>((resolve) => otherTab.addEventListener('message', (e) => resolve(e.data), { once: true }));

describe('events', () => {
  it('delivers news in this tab, saying who sent it, until the listener stops', () => {
    const heard: (object | undefined)[] = [];
    const stop = on('taste', (from) => heard.push(from));
    const sender = {};
    emit('taste', sender);
    emit('plays', sender); // another kind of news: not for this listener
    stop();
    emit('taste', sender);
    expect(heard).toEqual([sender]);
  });

  it('sends catalog and models news to the other tabs, and only those', async () => {
    const got = nextMessage();
    emit('plays', {});
    emit('catalog', {});
    expect(await got).toBe('catalog');
  });

  it('hands news from another tab to this tab’s listeners, with no sender', async () => {
    const heard = new Promise<object | undefined>((resolve) => {
      const stop = on('models', (from) => {
        stop();
        resolve(from);
      });
    });
    otherTab.postMessage('models');
    expect(await heard).toBeUndefined();
  });
});

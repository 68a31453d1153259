import { describe, expect, it } from 'vitest';
import { Fingerprint } from './fingerprint.ts';

const fingerprintBytes = (bytes: Uint8Array): string => new Fingerprint().update(bytes).digest();

describe('Fingerprint', () => {
  const bytes = new TextEncoder().encode('track_id,artists\n' + 'abc,Sam Smith;Kim Petras\n'.repeat(50));

  it('does not depend on how the bytes are chunked', () => {
    const whole = fingerprintBytes(bytes);
    expect(whole).toMatch(/^[0-9a-f]{16}$/);
    for (const size of [1, 3, 5, 64, 1000]) {
      const fp = new Fingerprint();
      for (let i = 0; i < bytes.length; i += size) fp.update(bytes.subarray(i, i + size));
      expect(fp.digest()).toBe(whole);
    }
  });

  it('changes when any byte changes, or bytes are added', () => {
    const seen = new Set([fingerprintBytes(bytes)]);
    for (const i of [0, 1, 2, 3, 500, bytes.length - 1]) {
      const b = bytes.slice();
      b[i] ^= 1;
      seen.add(fingerprintBytes(b));
    }
    const longer = new Uint8Array(bytes.length + 1);
    longer.set(bytes);
    seen.add(fingerprintBytes(longer));
    expect(seen.size).toBe(8);
  });

  it('digest leaves the state alone', () => {
    const fp = new Fingerprint().update(bytes);
    expect(fp.digest()).toBe(fp.digest());
  });
});

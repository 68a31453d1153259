// For tests: the ImportError a call throws (fails if it throws nothing, or
// something else), so a test can check its kind and message.
import { ImportError } from '../src/features/history/core/play.ts';

export function importError(f: () => unknown): ImportError {
  try {
    f();
  } catch (e) {
    if (e instanceof ImportError) return e;
    throw e;
  }
  throw new Error('expected an ImportError');
}

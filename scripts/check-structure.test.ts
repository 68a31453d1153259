// The structure check on tiny trees written to a temporary folder: each rule
// fires on the case it is for and stays quiet on the allowed forms.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkStructure, judge, MAX_LINES, MAX_WORKER_LOGIC } from './check-structure.ts';

const roots: string[] = [];
afterEach(() => {
  for (const r of roots.splice(0)) rmSync(r, { recursive: true, force: true });
});

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'nb-structure-'));
  roots.push(root);
  for (const [p, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, p)), { recursive: true });
    writeFileSync(join(root, p), text);
  }
  return root;
}

const keys = (files: Record<string, string>) => checkStructure(tree(files)).map((v) => v.key).sort();

/** An app entry that uses the given exports of src/lib/a.ts. */
const main = (names: string) => `import { ${names} } from '../lib/a.ts';\nconsole.log(${names});\n`;

describe('checkStructure', () => {
  it('passes a clean tree: entry, used exports, a test, a thin worker', () => {
    expect(
      keys({
        'src/app/main.ts': main('a') + "new Worker(new URL('../w/x.worker.ts', import.meta.url));\n",
        'src/lib/a.ts': "export const a = 1;\nexport type A = number;\nimport type { B } from './b.ts';\nexport const useB = (b: B) => b;\n",
        'src/lib/b.ts': "import type { A } from './a.ts';\nexport type B = A;\n",
        'src/lib/a.test.ts': "import { a } from './a.ts';\nconsole.log(a);\n",
        'src/w/x.worker.ts': "import { a } from '../lib/a.ts';\n// why\nexport type Api = { a: number };\nself.postMessage(a);\n",
        'eval/run.ts': "import { useB } from '../src/lib/a.ts';\nimport type { A } from '../src/lib/a.ts';\nconst x: A = 1;\nuseB(x);\n",
      }),
    ).toEqual([]);
  });

  it('finds a runtime cycle, and not one made of type-only imports', () => {
    expect(
      keys({
        'src/app/main.ts': "import { x } from '../lib/x.ts';\nimport { p } from '../lib/p.ts';\nconsole.log(x, p);\n",
        'src/lib/x.ts': "import { y } from './y.ts';\nexport const x = () => y;\n",
        'src/lib/y.ts': "import { z } from './z.ts';\nexport const y = 1 + z;\n",
        'src/lib/z.ts': "import { x } from './x.ts';\nexport const z = 2;\nconsole.log(x);\n",
        'src/lib/p.ts': "import { type Q, q } from './q.ts';\nexport const p: Q = q;\n",
        'src/lib/q.ts': "import type { p } from './p.ts';\nexport type Q = typeof p | number;\nexport const q = 3;\n",
      }),
    ).toEqual(['cycle src/lib/x.ts src/lib/y.ts src/lib/z.ts']);
  });

  it('finds long files and fat workers (imports, types and comments not counted)', () => {
    const long = Array.from({ length: MAX_LINES + 1 }, (_, i) => `console.log(${i});`).join('\n') + '\n';
    const logic = (n: number) => Array.from({ length: n }, (_, i) => `self.postMessage(${i});`).join('\n');
    const types = Array.from({ length: 30 }, (_, i) => `// note ${i}\nexport type T${i} = number;`).join('\n');
    expect(
      keys({
        'src/app/main.ts': long,
        'src/w/thin.worker.ts': `${types}\n${logic(MAX_WORKER_LOGIC)}\n`,
        'src/w/fat.worker.ts': `${logic(MAX_WORKER_LOGIC + 1)}\n`,
        'src/app/ref.ts': "new Worker(new URL('../w/thin.worker.ts', import.meta.url));\nnew Worker(new URL('../w/fat.worker.ts', import.meta.url));\n",
        'src/app/uses-ref.svelte': "<script lang=\"ts\">\n  import '../app/ref.ts';\n</script>\n<p>hi</p>\n",
        'src/app/App.test.ts': "import X from './uses-ref.svelte';\nconsole.log(X);\n",
        'eval/x.ts': "import X from '../src/app/uses-ref.svelte';\nconsole.log(X);\n",
      }),
    ).toEqual(['lines src/app/main.ts', 'worker src/w/fat.worker.ts']);
  });

  it('finds dead exports, test-only exports, dead files and test helpers under src/', () => {
    const found = checkStructure(
      tree({
        'src/app/main.ts': main('a'),
        'src/lib/a.ts': 'export const a = 1;\nexport const unused = 2;\nexport function forTests() {}\nexport interface Never {}\n',
        'src/lib/a.test.ts': "import { forTests } from './a.ts';\nimport { sample } from './sample.ts';\nforTests(); console.log(sample);\n",
        'src/lib/sample.ts': 'export const sample = [1, 2];\n',
        'src/lib/orphan.ts': 'export const o = 1;\n',
      }),
    );
    expect(found.map((v) => v.key).sort()).toEqual([
      'dead-export src/lib/a.ts#Never',
      'dead-export src/lib/a.ts#forTests',
      'dead-export src/lib/a.ts#unused',
      'dead-file src/lib/orphan.ts',
      'test-helper src/lib/sample.ts',
    ]);
    expect(found.find((v) => v.key.endsWith('#forTests'))!.message).toMatch(/used only by tests/);
  });

  it('counts re-exports and namespace imports as uses', () => {
    expect(
      keys({
        'src/app/main.ts': "import * as all from '../lib/all.ts';\nimport { b } from '../lib/barrel.ts';\nconsole.log(all, b);\n",
        'src/lib/all.ts': 'export const x = 1;\nexport const y = 2;\n',
        'src/lib/barrel.ts': "export { b } from './b.ts';\n",
        'src/lib/b.ts': 'export const b = 1;\n',
      }),
    ).toEqual([]);
  });
});

describe('judge', () => {
  it('fails only what the exceptions do not list, and names exceptions no longer needed', () => {
    const v = (key: string) => ({ rule: 'lines' as const, key, message: key });
    const { failing, stale } = judge([v('lines a.ts'), v('lines b.ts')], [
      { key: 'lines a.ts', reason: 'issue 11: split by its owner' },
      { key: 'lines gone.ts', reason: 'fixed' },
    ]);
    expect(failing.map((f) => f.key)).toEqual(['lines b.ts']);
    expect(stale.map((s) => s.key)).toEqual(['lines gone.ts']);
  });
});

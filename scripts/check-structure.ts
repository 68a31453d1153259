// `npm run check` part two: the structure rules of the developer guide,
// checked on the source tree with the TypeScript parser (no other tools):
//   cycle        a cycle of static runtime imports (type-only imports are erased, so they don't count)
//   lines        a source file over MAX_LINES lines
//   worker       a *.worker.ts with more than MAX_WORKER_LOGIC lines of its own logic
//                (imports, types, comments and blank lines not counted)
//   test-helper  a file under src/ that only tests import
//   dead-file    a file under src/ that nothing imports (entry points excepted)
//   dead-export  an export of a file under src/ that no other non-test file imports (one that
//                only tests import is fine when the file itself uses it: a unit under test)
// Known violations, each with its reason, are listed in structure-exceptions.json;
// only new ones fail. `--report` prints everything and always exits 0.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

export const MAX_LINES = 400;
export const MAX_WORKER_LOGIC = 60;
/** Folders scanned (relative to the root); src/ is the app, the rest use it. */
const FOLDERS = ['src', 'test', 'eval', 'bench', 'data', 'scripts', 'bin', 'e2e'];
/** Files loaded by something other than an import (the page's entry script). */
const ENTRIES = ['src/app/main.ts'];

export interface Violation {
  rule: 'cycle' | 'lines' | 'worker' | 'test-helper' | 'dead-file' | 'dead-export';
  /** What the exceptions file names: `rule path[#export]` (a cycle: its files, sorted, joined by ' '). */
  key: string;
  message: string;
}

interface Module {
  path: string;
  /** The code (a .svelte file's script). */
  text: string;
  /** Static runtime imports (for cycles). */
  runtime: Set<string>;
  /** Per imported file: the names used ('*' = all of them). */
  uses: Map<string, Set<string>>;
  exports: string[];
  lines: number;
  logicLines: number;
}

const isTest = (p: string) => /\.test\.ts$/.test(p) || p.startsWith('test/') || p.startsWith('e2e/');

function listFiles(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(join(root, dir))) {
      if (name === 'node_modules' || name.startsWith('.')) continue;
      const p = dir ? `${dir}/${name}` : name;
      if (statSync(join(root, p)).isDirectory()) walk(p);
      else if (/\.(ts|svelte)$/.test(name) && !name.endsWith('.d.ts')) out.push(p);
    }
  };
  for (const f of FOLDERS) {
    try {
      if (statSync(join(root, f)).isDirectory()) walk(f);
    } catch {
      // A folder this tree does not have.
    }
  }
  return out.sort();
}

/** The script blocks of a Svelte component, at their own line numbers. */
function scriptOf(text: string): string {
  let out = '';
  let last = 0;
  for (const m of text.matchAll(/<script[^>]*>([\s\S]*?)<\/script>/g)) {
    const start = m.index! + m[0].indexOf('>') + 1;
    out += text.slice(last, start).replace(/[^\n]/g, ' ') + m[1];
    last = start + m[1].length;
  }
  return out;
}

function resolveSpec(root: string, from: string, spec: string, known: Set<string>): string | null {
  if (!spec.startsWith('.')) return null;
  const bare = spec.replace(/\?.*$/, '');
  const abs = relative(root, resolve(root, dirname(from), bare)).split(sep).join('/');
  for (const p of [abs, `${abs}.ts`, `${abs}/index.ts`]) if (known.has(p)) return p;
  return null;
}

function parse(root: string, path: string, known: Set<string>): Module {
  const raw = readFileSync(join(root, path), 'utf8');
  const text = path.endsWith('.svelte') ? scriptOf(raw) : raw;
  const sf = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const m: Module = { path, text, runtime: new Set(), uses: new Map(), exports: [], lines: raw.replace(/\n$/, '').split('\n').length, logicLines: 0 };
  const use = (spec: string, names: string[], runtime: boolean) => {
    const target = resolveSpec(root, path, spec, known);
    if (!target || target === path) return;
    if (runtime) m.runtime.add(target);
    const set = m.uses.get(target) ?? new Set<string>();
    for (const n of names) set.add(n);
    m.uses.set(target, set);
  };
  const logic = new Set<number>();
  const lineOf = (pos: number) => sf.getLineAndCharacterOfPosition(pos).line;
  const hasExport = (n: ts.Node) => ts.canHaveModifiers(n) && (ts.getModifiers(n) ?? []).some((x) => x.kind === ts.SyntaxKind.ExportKeyword);
  const hasDefault = (n: ts.Node) => ts.canHaveModifiers(n) && (ts.getModifiers(n) ?? []).some((x) => x.kind === ts.SyntaxKind.DefaultKeyword);

  for (const st of sf.statements) {
    let isLogic = true;
    if (ts.isImportDeclaration(st) && ts.isStringLiteral(st.moduleSpecifier)) {
      isLogic = false;
      const clause = st.importClause;
      if (!clause) use(st.moduleSpecifier.text, [], true);
      else {
        const names: string[] = [];
        let runtime = false;
        if (clause.name) {
          names.push('default');
          runtime ||= !clause.isTypeOnly;
        }
        const nb = clause.namedBindings;
        if (nb && ts.isNamespaceImport(nb)) {
          names.push('*');
          runtime ||= !clause.isTypeOnly;
        } else if (nb) {
          for (const el of nb.elements) {
            names.push((el.propertyName ?? el.name).text);
            runtime ||= !clause.isTypeOnly && !el.isTypeOnly;
          }
        }
        use(st.moduleSpecifier.text, names, runtime);
      }
    } else if (ts.isExportDeclaration(st)) {
      isLogic = false;
      const from = st.moduleSpecifier && ts.isStringLiteral(st.moduleSpecifier) ? st.moduleSpecifier.text : null;
      if (!st.exportClause) {
        if (from) use(from, ['*'], !st.isTypeOnly);
      } else if (ts.isNamedExports(st.exportClause)) {
        const names: string[] = [];
        let runtime = false;
        for (const el of st.exportClause.elements) {
          m.exports.push(el.name.text);
          names.push((el.propertyName ?? el.name).text);
          runtime ||= !st.isTypeOnly && !el.isTypeOnly;
        }
        if (from) use(from, names, runtime);
      } else m.exports.push(st.exportClause.name.text);
    } else if (ts.isExportAssignment(st)) {
      m.exports.push('default');
    } else if (ts.isInterfaceDeclaration(st) || ts.isTypeAliasDeclaration(st)) {
      isLogic = false;
      if (hasExport(st)) m.exports.push(st.name.text);
    } else if (hasExport(st)) {
      if (hasDefault(st)) m.exports.push('default');
      else if (ts.isVariableStatement(st)) {
        for (const d of st.declarationList.declarations) if (ts.isIdentifier(d.name)) m.exports.push(d.name.text);
      } else if ((ts.isFunctionDeclaration(st) || ts.isClassDeclaration(st) || ts.isEnumDeclaration(st)) && st.name) {
        m.exports.push(st.name.text);
      }
    }
    if (isLogic) for (let l = lineOf(st.getStart(sf)); l <= lineOf(st.getEnd()); l++) logic.add(l);
  }
  // import('./x') and new URL('./x.ts', import.meta.url) (how workers are made) use a file without a static edge.
  const visit = (n: ts.Node): void => {
    if (ts.isCallExpression(n) && n.expression.kind === ts.SyntaxKind.ImportKeyword && n.arguments[0] && ts.isStringLiteral(n.arguments[0])) {
      use(n.arguments[0].text, ['*'], false);
    } else if (ts.isNewExpression(n) && ts.isIdentifier(n.expression) && n.expression.text === 'URL' && n.arguments?.[0] && ts.isStringLiteral(n.arguments[0])) {
      use(n.arguments[0].text, ['*'], false);
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  // Comment-only lines inside logic statements don't count.
  const lines = text.split('\n');
  for (const l of logic) {
    const s = (lines[l] ?? '').trim();
    if (s === '' || s.startsWith('//') || s.startsWith('/*') || s.startsWith('*')) logic.delete(l);
  }
  m.logicLines = logic.size;
  return m;
}

/** Strongly connected components of more than one file (or a file importing itself). */
function cycles(mods: Map<string, Module>): string[][] {
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const on = new Set<string>();
  const out: string[][] = [];
  const strong = (v: string) => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    on.add(v);
    for (const w of mods.get(v)!.runtime) {
      if (!idx.has(w)) {
        strong(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const comp: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        on.delete(w);
        comp.push(w);
      } while (w !== v);
      if (comp.length > 1) out.push(comp.sort());
    }
  };
  for (const v of mods.keys()) if (!idx.has(v)) strong(v);
  return out;
}

export function checkStructure(root: string): Violation[] {
  const files = listFiles(root);
  const known = new Set(files);
  const mods = new Map(files.map((f) => [f, parse(root, f, known)]));
  const out: Violation[] = [];
  for (const comp of cycles(mods)) {
    out.push({ rule: 'cycle', key: `cycle ${comp.join(' ')}`, message: `import cycle: ${comp.join(' → ')}` });
  }
  for (const m of mods.values()) {
    if (m.lines > MAX_LINES) out.push({ rule: 'lines', key: `lines ${m.path}`, message: `${m.path}: ${m.lines} lines (at most ${MAX_LINES})` });
    if (m.path.endsWith('.worker.ts') && m.logicLines > MAX_WORKER_LOGIC) {
      out.push({ rule: 'worker', key: `worker ${m.path}`, message: `${m.path}: ${m.logicLines} lines of logic (a worker is a thin adapter, at most ${MAX_WORKER_LOGIC})` });
    }
  }
  // Who imports what.
  const importers = new Map<string, string[]>();
  const used = new Map<string, Set<string>>();
  for (const m of mods.values()) {
    for (const [target, names] of m.uses) {
      importers.set(target, [...(importers.get(target) ?? []), m.path]);
      if (isTest(m.path)) continue;
      const set = used.get(target) ?? new Set<string>();
      for (const n of names) set.add(n);
      used.set(target, set);
    }
  }
  for (const m of mods.values()) {
    if (!m.path.startsWith('src/') || isTest(m.path)) continue;
    const by = importers.get(m.path) ?? [];
    if (by.length === 0) {
      if (!ENTRIES.includes(m.path)) out.push({ rule: 'dead-file', key: `dead-file ${m.path}`, message: `${m.path}: imported by nothing` });
      continue;
    }
    if (by.every(isTest)) {
      out.push({ rule: 'test-helper', key: `test-helper ${m.path}`, message: `${m.path}: only tests import it (${by.join(', ')}); test helpers belong in test/` });
      continue;
    }
    if (m.path.endsWith('.svelte')) continue;
    const names = used.get(m.path) ?? new Set();
    if (names.has('*')) continue;
    for (const e of m.exports) {
      if (names.has(e)) continue;
      const inTests = by.some((p) => isTest(p) && mods.get(p)!.uses.get(m.path)?.has(e));
      // A function the file itself uses, exported so its unit test can call it directly, is not dead.
      if (inTests && (m.text.match(new RegExp(`\\b${e}\\b`, 'g'))?.length ?? 0) > 1) continue;
      out.push({
        rule: 'dead-export',
        key: `dead-export ${m.path}#${e}`,
        message: `${m.path}: export ${e} is ${inTests ? 'used only by tests' : 'imported nowhere else'}`,
      });
    }
  }
  return out;
}

export interface Exception {
  key: string;
  reason: string;
}

/** Violations not excused, and excuses no longer needed. */
export function judge(found: Violation[], exceptions: Exception[]): { failing: Violation[]; stale: Exception[] } {
  const keys = new Set(exceptions.map((e) => e.key));
  const seen = new Set(found.map((v) => v.key));
  return { failing: found.filter((v) => !keys.has(v.key)), stale: exceptions.filter((e) => !seen.has(e.key)) };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
  const report = process.argv.includes('--report');
  const exceptions: Exception[] = JSON.parse(readFileSync(join(root, 'scripts/structure-exceptions.json'), 'utf8'));
  const found = checkStructure(root);
  const { failing, stale } = judge(found, exceptions);
  if (report) for (const v of found) console.log(`${failing.includes(v) ? 'NEW ' : 'known'} ${v.message}`);
  for (const e of stale) console.log(`no longer needed in structure-exceptions.json: ${e.key}`);
  if (failing.length && !report) {
    for (const v of failing) console.error(v.message);
    console.error(`\n${failing.length} structure problem(s). Fix them, or (for another issue's work in progress) list their keys with a reason in scripts/structure-exceptions.json:`);
    for (const v of failing) console.error(`  ${JSON.stringify(v.key)}`);
    process.exit(1);
  }
  console.log(`structure: ${found.length - failing.length} known exception(s), ${report ? failing.length : 0} new`);
}

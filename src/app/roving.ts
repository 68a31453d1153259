// A list as one stop in the Tab order (a roving tabindex): only the current
// row's controls are tabbable; ↑/↓ (Home/End) move to the same control of
// another row, so Tab moves between sections instead of through every row.
// Rows are the list's direct children; re-applied whenever they change.
const FOCUSABLE = 'a[href], button, select, input, [tabindex]';

export function roving(list: HTMLElement): { destroy(): void } {
  let current = 0;
  const rows = () => Array.from(list.children) as HTMLElement[];
  const controls = (row: HTMLElement) =>
    [row, ...row.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => (el === row ? row.hasAttribute('tabindex') || row.matches(FOCUSABLE) : true));

  function apply() {
    const all = rows();
    if (current >= all.length) current = Math.max(0, all.length - 1);
    all.forEach((row, i) => controls(row).forEach((el) => (el.tabIndex = i === current ? 0 : -1)));
  }

  const rowOf = (el: EventTarget | null) => rows().findIndex((r) => r.contains(el as Node));

  function onFocusIn(e: FocusEvent) {
    const i = rowOf(e.target);
    if (i >= 0 && i !== current) {
      current = i;
      apply();
    }
  }

  function onKey(e: KeyboardEvent) {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    if (!['ArrowDown', 'ArrowUp', 'Home', 'End'].includes(e.key)) return;
    // Inside a control that uses these keys itself, leave them to it.
    const t = e.target as HTMLElement;
    if (t.matches('select, input, textarea')) return;
    const all = rows();
    const from = rowOf(t);
    if (from < 0 || !all.length) return;
    const to = e.key === 'Home' ? 0 : e.key === 'End' ? all.length - 1 : Math.max(0, Math.min(all.length - 1, from + (e.key === 'ArrowDown' ? 1 : -1)));
    e.preventDefault();
    const column = Math.max(0, controls(all[from]).indexOf(t));
    current = to;
    apply();
    const target = controls(all[to]);
    (target[Math.min(column, target.length - 1)] ?? all[to]).focus();
  }

  const observer = new MutationObserver(apply);
  observer.observe(list, { childList: true, subtree: true });
  list.addEventListener('focusin', onFocusIn);
  list.addEventListener('keydown', onKey);
  apply();
  return {
    destroy() {
      observer.disconnect();
      list.removeEventListener('focusin', onFocusIn);
      list.removeEventListener('keydown', onKey);
    },
  };
}

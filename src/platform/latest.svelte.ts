// The latest answer of an async query: a newer request makes older answers
// stale, so a slow reply can never overwrite a fresher one.
export class Latest<T> {
  value = $state.raw<T | null>(null);
  error = $state<string | null>(null);
  loading = $state(false);
  private seq = 0;

  /** Forgets the answer (and any pending one): the question changed subject,
   *  so showing the old answer meanwhile would be wrong, not just old. */
  reset(): void {
    this.seq++;
    this.value = null;
    this.error = null;
    this.loading = false;
  }

  run(request: () => Promise<T>): void {
    const id = ++this.seq;
    this.loading = true;
    request().then(
      (v) => {
        if (id !== this.seq) return;
        this.value = v;
        this.error = null;
        this.loading = false;
      },
      (e: Error) => {
        if (id !== this.seq) return;
        this.error = e.message;
        this.loading = false;
      },
    );
  }
}

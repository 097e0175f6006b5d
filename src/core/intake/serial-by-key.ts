// Work for the same key runs one at a time, in arrival order; other keys are not held up. The intake
// decides "new or known?" from what it reads, so twenty copies of one request at once must not all read
// "new" (the database's unique keys are the backstop across processes).
export class SerialByKey {
  readonly #tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, work: () => Promise<T>): Promise<T> {
    const before = this.#tails.get(key) ?? Promise.resolve();
    const result = before.then(work, work);
    const tail = result.catch(() => {});
    this.#tails.set(key, tail);
    void tail.then(() => {
      if (this.#tails.get(key) === tail) this.#tails.delete(key);
    });
    return result;
  }
}

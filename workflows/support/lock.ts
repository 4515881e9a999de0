/** Serialises a workflow's changes: timers and update handlers never interleave their activities. */
export class Lock {
  private tail: Promise<void> = Promise.resolve();
  private pending = 0;

  /** True while a change is under way: what Postgres shows may be half-way through it. */
  get busy(): boolean {
    return this.pending > 0;
  }

  run<T>(task: () => Promise<T>): Promise<T> {
    this.pending += 1;
    const result = this.tail.then(task);
    this.tail = result.then(
      () => undefined,
      () => undefined,
    );
    void this.tail.then(() => {
      this.pending -= 1;
    });
    return result;
  }
}

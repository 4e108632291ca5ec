/**
 * Saves after changes without saving on every one: the first change of a quiet spell arms a
 * timer, the changes until it fires ride along in the same save, and a change during a save
 * arms the next. So saves are at least `intervalMs` apart and a change waits at most about
 * that long. `save` reads the state when it runs, so it always writes the latest.
 */
export class CoalescingSaver {
  private timer: NodeJS.Timeout | undefined;
  private saving: Promise<void> | undefined;
  private dirty = false;
  private closed = false;

  constructor(
    private readonly save: () => Promise<void>,
    private readonly intervalMs: number,
    /** Told of a failed save; the change stays pending for the next change or flush to retry. */
    private readonly onError: (error: unknown) => void,
  ) {}

  /** Something changed; it is saved within about intervalMs. Ignored once closed. */
  changed(): void {
    if (this.closed) return;
    this.dirty = true;
    if (this.timer === undefined && this.saving === undefined) this.arm();
  }

  /** Saves what is pending now, without waiting for the timer, and resolves when it is on disk. */
  async flush(): Promise<void> {
    // The save under way may have read the state before the last change.
    if (this.saving !== undefined) await this.saving;
    if (this.dirty) await this.startSave();
  }

  /** Flushes, then ignores every later change. */
  async close(): Promise<void> {
    this.closed = true;
    await this.flush();
  }

  private arm(): void {
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.startSave();
    }, this.intervalMs);
  }

  private startSave(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.dirty = false;
    this.saving = this.run();
    return this.saving;
  }

  private async run(): Promise<void> {
    let failed = false;
    try {
      await this.save();
    } catch (error) {
      failed = true;
      this.dirty = true;
      this.onError(error);
    }
    this.saving = undefined;
    // Changes made during the save get a save of their own; a failed one is retried by the
    // next change or flush, not in a loop against a full disk.
    if (this.dirty && !failed && !this.closed) this.arm();
  }
}

import { CoalescingSaver } from './coalescing-saver';

const INTERVAL_MS = 200;

/** A save the test finishes by hand, to see what happens while one is under way. */
class ManualSaves {
  readonly started: number[] = [];
  private readonly finishers: (() => void)[] = [];
  private readonly failers: ((error: Error) => void)[] = [];
  private running = 0;
  maxConcurrent = 0;
  /** What the state held when each save read it. */
  version = 0;

  readonly save = (): Promise<void> => {
    this.started.push(this.version);
    this.running += 1;
    this.maxConcurrent = Math.max(this.maxConcurrent, this.running);
    return new Promise<void>((resolve, reject) => {
      this.finishers.push(() => {
        this.running -= 1;
        resolve();
      });
      this.failers.push((error) => {
        this.running -= 1;
        reject(error);
      });
    });
  };

  async finish(): Promise<void> {
    this.failers.shift();
    this.finishers.shift()?.();
    await jest.advanceTimersByTimeAsync(0);
  }

  async fail(error: Error): Promise<void> {
    this.finishers.shift();
    this.failers.shift()?.(error);
    await jest.advanceTimersByTimeAsync(0);
  }
}

describe('CoalescingSaver', () => {
  let saves: ManualSaves;
  let errors: unknown[];
  let saver: CoalescingSaver;

  beforeEach(() => {
    jest.useFakeTimers();
    saves = new ManualSaves();
    errors = [];
    saver = new CoalescingSaver(saves.save, INTERVAL_MS, (error) => errors.push(error));
  });
  afterEach(() => {
    jest.useRealTimers();
  });

  it('saves a burst of changes once, after the interval, with the last of them', async () => {
    for (let change = 1; change <= 50; change++) {
      saves.version = change;
      saver.changed();
    }
    await jest.advanceTimersByTimeAsync(INTERVAL_MS - 1);
    expect(saves.started).toEqual([]);

    await jest.advanceTimersByTimeAsync(1);
    await saves.finish();
    await jest.advanceTimersByTimeAsync(INTERVAL_MS * 10);

    expect(saves.started).toEqual([50]);
  });

  it('saves nothing when nothing changed', async () => {
    await jest.advanceTimersByTimeAsync(INTERVAL_MS * 10);
    await saver.flush();

    expect(saves.started).toEqual([]);
  });

  it('gives changes made during a save a save of their own, never two at once', async () => {
    saves.version = 1;
    saver.changed();
    await jest.advanceTimersByTimeAsync(INTERVAL_MS);
    saves.version = 2;
    saver.changed();
    await jest.advanceTimersByTimeAsync(INTERVAL_MS * 5);
    expect(saves.started).toEqual([1]);

    await saves.finish();
    await jest.advanceTimersByTimeAsync(INTERVAL_MS);
    await saves.finish();

    expect(saves.started).toEqual([1, 2]);
    expect(saves.maxConcurrent).toBe(1);
  });

  it('flush saves what is pending at once and resolves when that save is done', async () => {
    saves.version = 1;
    saver.changed();
    let flushed = false;
    const flushing = saver.flush().then(() => (flushed = true));
    await jest.advanceTimersByTimeAsync(0);
    expect(saves.started).toEqual([1]);
    expect(flushed).toBe(false);

    await saves.finish();
    await flushing;
    await jest.advanceTimersByTimeAsync(INTERVAL_MS * 5);

    expect(saves.started).toEqual([1]);
  });

  it('flush during a save waits for it, then saves the changes made meanwhile', async () => {
    saves.version = 1;
    saver.changed();
    await jest.advanceTimersByTimeAsync(INTERVAL_MS);
    saves.version = 2;
    saver.changed();

    const flushing = saver.flush();
    await saves.finish();
    await saves.finish();
    await flushing;

    expect(saves.started).toEqual([1, 2]);
  });

  it('reports a failed save and retries it on the next change, not in a loop', async () => {
    saves.version = 1;
    saver.changed();
    await jest.advanceTimersByTimeAsync(INTERVAL_MS);
    await saves.fail(new Error('ENOSPC'));
    await jest.advanceTimersByTimeAsync(INTERVAL_MS * 10);
    expect(saves.started).toEqual([1]);
    expect(errors).toEqual([new Error('ENOSPC')]);

    saves.version = 2;
    saver.changed();
    await jest.advanceTimersByTimeAsync(INTERVAL_MS);
    await saves.finish();

    expect(saves.started).toEqual([1, 2]);
  });

  it('retries a failed save on flush', async () => {
    saves.version = 1;
    saver.changed();
    await jest.advanceTimersByTimeAsync(INTERVAL_MS);
    await saves.fail(new Error('EACCES'));

    const flushing = saver.flush();
    await saves.finish();
    await flushing;

    expect(saves.started).toEqual([1, 1]);
  });

  it('saves the pending change on close, and nothing after it', async () => {
    saves.version = 1;
    saver.changed();
    const closing = saver.close();
    await saves.finish();
    await closing;

    saves.version = 2;
    saver.changed();
    await jest.advanceTimersByTimeAsync(INTERVAL_MS * 10);
    await saver.flush();

    expect(saves.started).toEqual([1]);
  });
});

import { SingleFlight } from './single-flight';

describe('SingleFlight', () => {
  it('shares one run among concurrent callers of a key', async () => {
    const flight = new SingleFlight<number>();
    let runs = 0;
    let release: (value: number) => void = () => undefined;
    const work = () => {
      runs++;
      return new Promise<number>((resolve) => (release = resolve));
    };

    const results = Promise.all([flight.run('a', work), flight.run('a', work), flight.run('a', work)]);
    release(42);

    expect(await results).toEqual([42, 42, 42]);
    expect(runs).toBe(1);
  });

  it('runs keys independently and starts afresh once a run has settled, even a failed one', async () => {
    const flight = new SingleFlight<string>();
    const failing = flight.run('a', async () => {
      throw new Error('boom');
    });
    const other = flight.run('b', async () => 'b');
    await expect(failing).rejects.toThrow('boom');
    await expect(other).resolves.toBe('b');

    await expect(flight.run('a', async () => 'again')).resolves.toBe('again');
  });
});

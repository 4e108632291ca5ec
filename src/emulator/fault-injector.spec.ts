import { FaultInjector } from './fault-injector';

function outcomes(injector: FaultInjector, calls: number, grantType?: string): string[] {
  return Array.from({ length: calls }, () => injector.select('token', grantType, 'POST')?.mode ?? 'ok');
}

describe('FaultInjector', () => {
  it('fails the next call only when neither count nor fraction is given', () => {
    const injector = new FaultInjector();
    injector.add({ endpoint: 'token', mode: 'close' });

    expect(outcomes(injector, 3)).toEqual(['close', 'ok', 'ok']);
    expect(injector.list()).toEqual([]);
  });

  it('fails exactly `count` calls, then forgets the fault', () => {
    const injector = new FaultInjector();
    injector.add({ endpoint: 'token', mode: 'close', count: 2 });

    expect(injector.list()[0]).toMatchObject({ injected: 0, remaining: 2 });
    expect(outcomes(injector, 4)).toEqual(['close', 'close', 'ok', 'ok']);
    expect(injector.list()).toEqual([]);
  });

  it('lets `after` calls through first, then fails `count` of them', () => {
    const injector = new FaultInjector();
    injector.add({ endpoint: 'token', mode: 'close', after: 2, count: 2 });

    expect(outcomes(injector, 6)).toEqual(['ok', 'ok', 'close', 'close', 'ok', 'ok']);
  });

  it.each([
    [0.5, 10, 5],
    [0.1, 10, 1],
    [0.1, 30, 3],
    [1 / 3, 9, 3],
    // 100 × 0.57 is 56.99999999999999 in floating point.
    [0.57, 100, 57],
    [1, 4, 4],
  ])('fails floor(n × %f) of the first n calls: %i calls, %i failures', (fraction, calls, failures) => {
    const injector = new FaultInjector();
    injector.add({ endpoint: 'token', mode: 'close', fraction });

    expect(outcomes(injector, calls).filter((outcome) => outcome === 'close')).toHaveLength(failures);
    expect(injector.list()[0]).toMatchObject({ injected: failures });
  });

  it('spreads a fraction fault evenly: with 0.25, calls 4 and 8 fail', () => {
    const injector = new FaultInjector();
    injector.add({ endpoint: 'token', mode: 'close', fraction: 0.25 });

    expect(outcomes(injector, 8)).toEqual(['ok', 'ok', 'ok', 'close', 'ok', 'ok', 'ok', 'close']);
  });

  it('leaves other endpoints and other grant types alone', () => {
    const injector = new FaultInjector();
    injector.add({ endpoint: 'token', grantType: 'refresh_token', mode: 'close', count: 5 });

    expect(injector.select('orders', undefined, 'GET')).toBeUndefined();
    expect(outcomes(injector, 2, 'authorization_code')).toEqual(['ok', 'ok']);
    expect(outcomes(injector, 1, 'refresh_token')).toEqual(['close']);
    expect(injector.list()[0]).toMatchObject({ injected: 1, remaining: 4 });
  });

  it('narrows a fault to one method when asked', () => {
    const injector = new FaultInjector();
    injector.add({ endpoint: 'inventoryItem', method: 'PUT', mode: 'status', status: 503, count: 2 });

    expect(injector.select('inventoryItem', undefined, 'GET')).toBeUndefined();
    expect(injector.select('inventoryItem', undefined, 'DELETE')).toBeUndefined();
    expect(injector.select('inventoryItem', undefined, 'PUT')).toMatchObject({ status: 503 });
    expect(injector.list()[0]).toMatchObject({ injected: 1, remaining: 1 });
  });

  it('asks faults in the order they were added; the first that fires takes the call', () => {
    const injector = new FaultInjector();
    injector.add({ endpoint: 'token', mode: 'malformed', fraction: 0.5 });
    injector.add({ endpoint: 'token', mode: 'close', count: 1 });

    // Call 1: the fraction fault does not fire, so the count fault takes it.
    // Call 2: the fraction fault fires; the count fault is gone anyway.
    expect(outcomes(injector, 3)).toEqual(['close', 'malformed', 'ok']);
  });

  it('removes one fault by id and clears all', () => {
    const injector = new FaultInjector();
    const first = injector.add({ endpoint: 'token', mode: 'close', count: 9 });
    injector.add({ endpoint: 'orders', mode: 'close', count: 9 });

    expect(injector.remove(first.id)).toBe(true);
    expect(injector.remove(first.id)).toBe(false);
    expect(injector.list().map((fault) => fault.endpoint)).toEqual(['orders']);
    injector.clear();
    expect(injector.list()).toEqual([]);
  });
});

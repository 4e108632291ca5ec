import { epochMicrosecondsOf } from './iso-instant';

describe('epochMicrosecondsOf', () => {
  it('reads an instant with its offset to the microsecond', () => {
    expect(epochMicrosecondsOf('1970-01-01T00:00:00Z')).toBe(0n);
    expect(epochMicrosecondsOf('1970-01-01T00:00:00.000001Z')).toBe(1n);
    expect(epochMicrosecondsOf('1970-01-01T00:00:00.5Z')).toBe(500_000n);
    expect(epochMicrosecondsOf('2026-01-02T12:00:00+02:00')).toBe(BigInt(Date.parse('2026-01-02T10:00:00Z')) * 1000n);
    expect(epochMicrosecondsOf('2026-01-02T05:30:00-04:30')).toBe(BigInt(Date.parse('2026-01-02T10:00:00Z')) * 1000n);
    expect(epochMicrosecondsOf('0001-01-01T00:00:00Z')).toBe(-62_135_596_800_000_000n);
    expect(epochMicrosecondsOf('2024-02-29T23:59:59.999999Z')).toBe(BigInt(Date.parse('2024-03-01T00:00:00Z')) * 1000n - 1n);
  });

  it('orders instants written in different offsets and precisions', () => {
    const a = epochMicrosecondsOf('2026-01-02T10:00:00.000001Z');
    const b = epochMicrosecondsOf('2026-01-02T11:00:00.000002+01:00');
    expect(a !== undefined && b !== undefined && a < b).toBe(true);
  });

  it('refuses what is no instant or not exactly one', () => {
    for (const text of [
      '',
      '2026-01-02',
      '2026-01-02T10:00:00',
      '2026-01-02 10:00:00Z',
      '2026-01-02t10:00:00z',
      '2026-01-02T10:00Z',
      '2026-01-02T10:00:00.1234567Z',
      '2026-02-30T10:00:00Z',
      '2025-02-29T10:00:00Z',
      '2026-13-01T10:00:00Z',
      '2026-00-01T10:00:00Z',
      '2026-01-00T10:00:00Z',
      '2026-01-02T24:00:00Z',
      '2026-01-02T10:60:00Z',
      '2026-01-02T10:00:60Z',
      '2026-01-02T10:00:00+15:00',
      '2026-01-02T10:00:00+01:60',
      '2026-01-02T10:00:00+0100',
      '0000-01-01T00:00:00Z',
      '+275760-09-13T00:00:00.000Z',
      ' 2026-01-02T10:00:00Z',
      '2026-01-02T10:00:00Z\n',
      '２０２６-01-02T10:00:00Z',
    ]) {
      expect([text, epochMicrosecondsOf(text)]).toEqual([text, undefined]);
    }
  });
});

import { jsonDepth } from './json-depth';

const depth = (text: string): number => jsonDepth(Buffer.from(text));

describe('jsonDepth', () => {
  it('counts nested objects and arrays', () => {
    expect(depth('"text"')).toBe(0);
    expect(depth('{"email":"a@b.c","password":"x"}')).toBe(1);
    expect(depth('{"a":[{"b":{}}],"c":[]}')).toBe(4);
    expect(depth('['.repeat(5000) + ']'.repeat(5000))).toBe(5000);
  });

  it('ignores brackets inside strings, escaped quotes included', () => {
    expect(depth('{"a":"[[[{{{","b":"\\"[[["}')).toBe(1);
    expect(depth('["\\\\",[1]]')).toBe(2);
  });
});

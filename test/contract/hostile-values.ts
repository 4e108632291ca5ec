import fc from 'fast-check';

/** Strings that have broken services: injections, control characters, odd Unicode, sizes. */
export const hostileStrings: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '',
    ' ',
    "' OR '1'='1' --",
    '"; DROP TABLE users; --',
    '<script>alert(1)</script>',
    '${jndi:ldap://example.com/a}',
    '{{7*7}}',
    '../../../../etc/passwd',
    '\u0000',
    'a\u0000b',
    '\uFEFFbom',
    '\u202Eright-to-left',
    'Ｗａｒｅｈｏｕｓｅ-Ａ',
    'Wаrehouse-А',
    '\uD800',
    'x\uDFFFy',
    '🙂'.repeat(30),
    'null',
    'undefined',
    'NaN',
    '-1',
    '1e20',
    '9223372036854775808',
    '0x10',
    'true',
    '[object Object]',
  ),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.integer({ min: 1_000, max: 120_000 }).map((length) => 'x'.repeat(length)),
);

/** Values of the wrong JSON type for almost any field. */
export const wrongTypes: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(null, true, false, 0, -1, 1.5, 1e20, 2 ** 63, -(2 ** 63), [], {}, [[]], { a: 1 }),
  fc.string({ maxLength: 10 }),
  fc.array(fc.integer(), { maxLength: 3 }),
  fc.json({ maxDepth: 3 }).map((text) => JSON.parse(text) as unknown),
);

/** Numbers, as query text, outside what paging accepts. */
export const hostileNumbers: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('-1', '0', '1.5', '1e20', '9223372036854775807', '9223372036854775808', '1e308', 'Infinity', 'NaN', '01', ' 5', '5 ', '0x1f', ''),
  fc.bigInt({ min: -(2n ** 80n), max: 2n ** 80n }).map(String),
);

/** Path ids that are not UUIDs, or UUIDs with something wrong around them. */
export const hostileIds: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('123', 'null', '..', '.', '%2e%2e', '%2F', '%00', '%ff', '%E0%A4%A', 'me', '0', "1'--", '*'),
  fc.uuid().map((uuid) => `${uuid}x`),
  fc.uuid().map((uuid) => uuid.toUpperCase()),
  fc.uuid().map((uuid) => uuid.replaceAll('-', '')),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 20 }).map(encodeSegment),
  fc.integer({ min: 300, max: 5_000 }).map((length) => 'a'.repeat(length)),
);

/** A path segment as a client would put it on the wire: percent-encoded UTF-8 (lone surrogates as bytes that are not UTF-8). */
export function encodeSegment(text: string): string {
  try {
    return encodeURIComponent(text);
  } catch {
    return '%ED%A0%80';
  }
}

/** JSON that nests `depth` levels. */
export function nested(depth: number): string {
  return '['.repeat(depth) + ']'.repeat(depth);
}

import fc from 'fast-check';
import { sign } from 'jsonwebtoken';
import type { ContractOperation, ParameterSpec } from './contract-operations';
import { encodeSegment, hostileIds, hostileNumbers, hostileStrings, nested, wrongTypes } from './hostile-values';
import { valuesOf } from './schema-arbitrary';

/** A request as it goes on the wire. */
export interface PlannedRequest {
  readonly method: string;
  /** Path and query string, already encoded. */
  readonly target: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string | Buffer;
  /** What was done to it, for the failure report. */
  readonly label: string;
}

export interface ContractContext {
  /** JWTs of real users (an administrator and a member). */
  readonly jwts: { readonly admin: string; readonly member: string };
  /** Ids a request may use in a path: the member's and admin's accounts and users. */
  readonly knownIds: readonly string[];
  /** The service's JWT secret, to sign JWTs that are well signed and wrong otherwise. */
  readonly jwtSecret: string;
  readonly jwtIssuer: string;
}

interface Parts {
  readonly pathValues: Record<string, string>;
  readonly query: [string, string][];
  readonly body: unknown;
  readonly authorization: string | undefined;
}

/** Requests for one operation: valid ones from its schemas, and hostile ones of every kind. */
export function requestsFor(operation: ContractOperation, context: ContractContext): fc.Arbitrary<PlannedRequest> {
  const valid = validParts(operation, context);
  return fc.oneof(
    { weight: 3, arbitrary: valid.map((parts) => render(operation, parts, 'valid')) },
    { weight: 7, arbitrary: fc.tuple(valid, mutations(operation, context)).map(([parts, mutate]) => mutate(parts)) },
  );
}

function validParts(operation: ContractOperation, context: ContractContext): fc.Arbitrary<Parts> {
  const pathValues = fc.record(
    Object.fromEntries(
      operation.pathParams.map((parameter) => [
        parameter.name,
        parameter.schema.format === 'uuid'
          ? fc.oneof(fc.constantFrom(...context.knownIds), fc.uuid())
          : valuesOf(parameter.schema).map((value) => encodeSegment(String(value))),
      ]),
    ),
  ) as fc.Arbitrary<Record<string, string>>;
  const query = fc
    .tuple(...operation.queryParams.map((parameter) => queryValue(parameter)))
    .map((pairs) => pairs.filter((pair): pair is [string, string] => pair !== undefined));
  const body = operation.body === undefined ? fc.constant(undefined) : valuesOf(operation.body);
  const authorization = operation.isPublic
    ? fc.constantFrom(undefined, `Bearer ${context.jwts.member}`)
    : fc.constantFrom(`Bearer ${context.jwts.member}`, `Bearer ${context.jwts.admin}`);
  return fc.record({ pathValues, query, body, authorization });
}

function queryValue(parameter: ParameterSpec): fc.Arbitrary<[string, string] | undefined> {
  const present = valuesOf(parameter.schema).map((value): [string, string] => [parameter.name, String(value)]);
  return parameter.required ? present : fc.option(present, { nil: undefined });
}

type Mutation = (parts: Parts) => PlannedRequest;

function mutations(operation: ContractOperation, context: ContractContext): fc.Arbitrary<Mutation> {
  const options: fc.Arbitrary<Mutation>[] = [
    hostileAuthorization(context).map((authorization) => (parts: Parts) =>
      render(operation, { ...parts, authorization: authorization.value }, `authorization: ${authorization.label}`),
    ),
    fc.tuple(fc.string({ minLength: 1, maxLength: 12 }), hostileStrings).map(([key, value]) => (parts: Parts) =>
      render(operation, { ...parts, query: [...parts.query, [key, value]] }, `unknown query ${key}`),
    ),
    fc.constantFrom('text/plain', 'application/x-www-form-urlencoded', 'application/json; charset=koi8-r', 'application/xml', '').map(
      (contentType) => (parts: Parts) => render(operation, parts, `content type ${contentType}`, { contentType }),
    ),
    fc
      .constantFrom('{"a":', '{', 'nul', '[1,]', '{"a":1}}', "{'a':1}", nested(30), nested(1_500), nested(5_000), '"text"', '[]', 'null', '')
      .map((raw) => (parts: Parts) => render(operation, parts, `raw body ${raw.slice(0, 20)}`, { rawBody: raw })),
    fc.constantFrom(Buffer.from([0xff, 0xfe, 0x7b, 0x7d]), Buffer.from('{"email":"\xff\xfe"}', 'latin1'), Buffer.alloc(200 * 1024, 0x61)).map(
      (bytes) => (parts: Parts) => render(operation, parts, `${bytes.length} raw bytes`, { rawBody: bytes }),
    ),
    fc.constantFrom('__proto__', 'constructor', 'prototype').map((key) => (parts: Parts) =>
      render(operation, parts, `body key ${key}`, { rawBody: `{"${key}":{"isAdmin":true},"email":"a@example.com"}` }),
    ),
    fc.tuple(fc.string({ minLength: 1, maxLength: 12 }), fc.oneof(hostileStrings, wrongTypes)).map(([key, value]) => (parts: Parts) =>
      render(operation, { ...parts, body: { ...asObject(parts.body), [key]: value } }, `body gains ${key}`),
    ),
  ];
  const fields = Object.keys(operation.body?.properties ?? {});
  if (fields.length > 0) {
    options.push(
      fc.tuple(fc.constantFrom(...fields), fc.oneof(hostileStrings, wrongTypes)).map(([field, value]) => (parts: Parts) =>
        render(operation, { ...parts, body: { ...asObject(parts.body), [field]: value } }, `body ${field} hostile`),
      ),
    );
  }
  for (const parameter of operation.queryParams) {
    const values = parameter.schema.type === 'integer' ? fc.oneof(hostileNumbers, hostileStrings) : fc.oneof(hostileStrings, hostileNumbers);
    options.push(
      values.map((value) => (parts: Parts) =>
        render(operation, { ...parts, query: [...parts.query.filter(([name]) => name !== parameter.name), [parameter.name, value]] }, `query ${parameter.name} hostile`),
      ),
      fc.tuple(valuesOf(parameter.schema), valuesOf(parameter.schema)).map(([first, second]) => (parts: Parts) =>
        render(operation, { ...parts, query: [...parts.query, [parameter.name, String(first)], [parameter.name, String(second)]] }, `query ${parameter.name} twice`),
      ),
    );
  }
  for (const parameter of operation.pathParams) {
    options.push(
      hostileIds.map((value) => (parts: Parts) =>
        render(operation, { ...parts, pathValues: { ...parts.pathValues, [parameter.name]: value } }, `path ${parameter.name} ${value.slice(0, 20)}`),
      ),
    );
  }
  return fc.oneof(...options);
}

interface Labelled<T> {
  readonly value: T;
  readonly label: string;
}

function hostileAuthorization(context: ContractContext): fc.Arbitrary<Labelled<string | undefined>> {
  const now = Math.floor(Date.now() / 1000);
  const signed = (claims: object, secret = context.jwtSecret, issuer = context.jwtIssuer): string =>
    sign(claims, secret, { algorithm: 'HS256', issuer });
  const memberSub = JSON.parse(Buffer.from(context.jwts.member.split('.')[1], 'base64url').toString()) as { sub: string };
  const cases: Labelled<string | undefined>[] = [
    { label: 'none', value: undefined },
    { label: 'empty bearer', value: 'Bearer' },
    { label: 'basic', value: 'Basic dXNlcjpwYXNz' },
    { label: 'not a jwt', value: 'Bearer not.a.jwt' },
    { label: 'junk after the jwt', value: `Bearer ${context.jwts.member} junk` },
    { label: 'two spaces', value: `Bearer  ${context.jwts.member}` },
    { label: 'forged', value: `Bearer ${signed({ sub: memberSub.sub, iat: now, exp: now + 600 }, 'some-other-secret-that-is-32-chars-long')}` },
    { label: 'expired', value: `Bearer ${signed({ sub: memberSub.sub, iat: now - 7200, exp: now - 3600 })}` },
    { label: 'no exp', value: `Bearer ${signed({ sub: memberSub.sub, iat: now })}` },
    { label: 'sub not a uuid', value: `Bearer ${signed({ sub: "1' OR '1'='1", iat: now, exp: now + 600 })}` },
    { label: 'sub a number', value: `Bearer ${signed({ sub: 42, iat: now, exp: now + 600 })}` },
    { label: 'nobody', value: `Bearer ${signed({ sub: '6f1c2f0e-2b7d-4f0e-9a51-0d4f1f6b1c2a', iat: now, exp: now + 600 })}` },
    { label: 'other issuer', value: `Bearer ${signed({ sub: memberSub.sub, iat: now, exp: now + 600 }, context.jwtSecret, 'someone-else')}` },
    { label: 'alg none', value: `Bearer ${sign({ sub: memberSub.sub }, '', { algorithm: 'none' })}` },
    { label: 'huge', value: `Bearer ${'a'.repeat(12_000)}.b.c` },
  ];
  return fc.constantFrom(...cases);
}

function asObject(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

interface RenderOptions {
  readonly contentType?: string;
  readonly rawBody?: string | Buffer;
}

function render(operation: ContractOperation, parts: Parts, label: string, options: RenderOptions = {}): PlannedRequest {
  const path = operation.path.replace(/\{(\w+)\}/g, (_, name: string) => parts.pathValues[name] ?? 'missing');
  const query = parts.query.map(([name, value]) => `${encodeSegment(name)}=${encodeSegment(value)}`).join('&');
  const headers: Record<string, string> = {};
  if (parts.authorization !== undefined) headers.authorization = parts.authorization;
  let body: string | Buffer | undefined;
  if (options.rawBody !== undefined) body = options.rawBody;
  else if (parts.body !== undefined) body = JSON.stringify(parts.body);
  if (body !== undefined) headers['content-type'] = options.contentType ?? 'application/json';
  return { method: operation.method, target: query === '' ? path : `${path}?${query}`, headers, body, label };
}

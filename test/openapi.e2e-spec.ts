import SwaggerParser from '@apidevtools/swagger-parser';
import type { OpenAPIV3 } from 'openapi-types';
import { startTestApp, type TestApp } from './support/test-app';

const PUBLIC_OPERATIONS = new Set([
  'POST /api/auth/register',
  'POST /api/auth/login',
  'GET /health/live',
  'GET /health/ready',
  'GET /health',
  // eBay calls these; a notification is authenticated by its signature.
  'GET /api/ebay/notifications/account-deletion',
  'POST /api/ebay/notifications/account-deletion',
  // The console's browser, on its way to eBay: the state and its cookie are the credentials.
  'GET /api/ebay/connect/redirect',
]);
/** Answered with a redirect whatever happens: to eBay, or back to the console with the reason. */
const REDIRECT_OPERATIONS = new Set(['GET /api/ebay/connect/redirect']);
/** The proxy: a success is eBay's answer, in whatever content type eBay sent. */
const RELAYING_OPERATION = /^(GET|POST|PUT|PATCH|DELETE) \/api\/ebay-accounts\/\{id\}\/ebay\/\{path\}$/;
/** Public, but a JWT may come along (it must then be the state's user). */
const OPTIONAL_JWT_OPERATIONS = new Set(['GET /api/ebay/callback']);

interface Operation {
  readonly key: string;
  readonly operation: OpenAPIV3.OperationObject;
}

function operationsOf(document: OpenAPIV3.Document): Operation[] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    (['get', 'post', 'put', 'patch', 'delete'] as const)
      .filter((method) => item?.[method] !== undefined)
      .map((method) => ({
        key: `${method.toUpperCase()} ${path}`,
        operation: item![method] as OpenAPIV3.OperationObject,
      })),
  );
}

describe('OpenAPI document', () => {
  let t: TestApp;
  let document: OpenAPIV3.Document;

  beforeAll(async () => {
    t = await startTestApp();
    const response = await t.http.get('/docs-json').expect(200);
    document = response.body as OpenAPIV3.Document;
  });
  afterAll(async () => {
    await t.close();
  });

  it('is a valid OpenAPI document', async () => {
    await expect(SwaggerParser.validate(structuredClone(document) as never)).resolves.toBeDefined();
  });

  it('describes every route with a summary, a typed success response and its errors', () => {
    const operations = operationsOf(document);
    expect(operations.map((o) => o.key)).toEqual(
      expect.arrayContaining([
        'POST /api/auth/login',
        'GET /api/admin/users',
        'GET /health/ready',
        'GET /api/ebay/connect',
        'GET /api/ebay/callback',
        'POST /api/ebay-accounts/{id}/refresh-token',
      ]),
    );
    for (const { key, operation } of operations) {
      expect({ key, summary: operation.summary }).toEqual({ key, summary: expect.stringMatching(/\w/) });
      const statuses = Object.keys(operation.responses);
      if (REDIRECT_OPERATIONS.has(key)) {
        expect({ key, redirects: statuses.includes('302'), succeeds: statuses.some((status) => status.startsWith('2')) }).toEqual({
          key,
          redirects: true,
          succeeds: false,
        });
        continue;
      }
      if (RELAYING_OPERATION.test(key)) {
        expect({ key, relays: statuses.includes('200') && statuses.includes('default') }).toEqual({ key, relays: true });
        // The service's own refusals are documented beside eBay's answers.
        expect({ key, refusals: ['400', '401', '403', '404', '409', '413', '429', '502', '504'].every((status) => statuses.includes(status)) }).toEqual({
          key,
          refusals: true,
        });
        continue;
      }
      const success = statuses.find((status) => status.startsWith('2'));
      expect({ key, success }).toEqual({ key, success: expect.any(String) });
      const content = (operation.responses[success!] as OpenAPIV3.ResponseObject).content;
      // 204 is the one success that has no body to type.
      const schema =
        success === '204' ? (content ?? 'no content') : (content?.['application/json'] ?? content?.['text/event-stream'])?.schema;
      expect({ key, schema }).toEqual({ key, schema: success === '204' ? 'no content' : expect.anything() });
      if (!key.includes('/health')) {
        expect({ key, errors: statuses.some((status) => status.startsWith('4')) }).toEqual({ key, errors: true });
      }
    }
  });

  it('declares the bearer scheme on every route that needs a JWT, and only there', () => {
    expect(document.components?.securitySchemes?.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    for (const { key, operation } of operationsOf(document)) {
      const security = operation.security ?? [];
      const declaresBearer = security.some((requirement) => 'bearer' in requirement);
      const allowsAnonymous = security.length === 0 || security.some((requirement) => Object.keys(requirement).length === 0);
      const expected = OPTIONAL_JWT_OPERATIONS.has(key)
        ? { declaresBearer: true, allowsAnonymous: true }
        : { declaresBearer: !PUBLIC_OPERATIONS.has(key), allowsAnonymous: PUBLIC_OPERATIONS.has(key) };
      expect({ key, declaresBearer, allowsAnonymous }).toEqual({ key, ...expected });
    }
  });

  it('documents the 429 of every rate-limited operation, with its error body and Retry-After', () => {
    const operations = new Map(operationsOf(document).map((o) => [o.key, o.operation]));
    for (const key of ['POST /api/auth/register', 'POST /api/auth/login', 'POST /api/ebay-accounts/{id}/refresh-token']) {
      const tooMany = operations.get(key)?.responses['429'] as OpenAPIV3.ResponseObject | undefined;
      expect({ key, description: tooMany?.description, schema: tooMany?.content?.['application/json']?.schema }).toEqual({
        key,
        description: expect.stringContaining('Retry-After'),
        schema: { $ref: '#/components/schemas/ErrorResponse' },
      });
    }
  });

  it('documents the error body every error uses', () => {
    const schema = document.components?.schemas?.ErrorResponse as OpenAPIV3.SchemaObject;
    expect(schema.required).toEqual(expect.arrayContaining(['statusCode', 'error', 'message', 'requestId']));
  });

  it('documents the house name rules where a name is given, and the 409 of a taken name at connect', () => {
    const connect = document.paths['/api/ebay/connect']!.get!;
    const parameter = connect.parameters!.find((p) => 'name' in p && p.name === 'houseName') as OpenAPIV3.ParameterObject;
    const rename = (document.components!.schemas!.UpdateAccountRequest as OpenAPIV3.SchemaObject).properties!.houseName;
    for (const schema of [parameter.schema, rename] as OpenAPIV3.SchemaObject[]) {
      expect(schema).toMatchObject({ type: 'string', minLength: 1, maxLength: 100 });
    }
    for (const description of [parameter.description, (rename as OpenAPIV3.SchemaObject).description]) {
      expect(description).toMatch(/one script.*ignoring case/);
    }
    expect((connect.responses['409'] as OpenAPIV3.ResponseObject).description).toContain('house_name_taken');
  });

  it('serves Swagger UI at /docs', async () => {
    const page = await t.http.get('/docs').expect(200);
    expect(page.text).toContain('swagger-ui');
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import openapiTS, { astToString, COMMENT_HEADER, type OpenAPI3 } from 'openapi-typescript';

/** The console's API types, generated from the service's own OpenAPI document and committed. */
export const CONSOLE_SCHEMA_PATH = join(__dirname, '..', '..', 'web', 'src', 'api', 'schema.d.ts');

const HEADER = `${COMMENT_HEADER.trimEnd()}\n// Regenerate with \`npm run web:api\` after changing the API; test/console-api-types.e2e-spec.ts checks it.\n\n`;

/** What `npm run web:api` writes for this document: the same text for the same document. */
export async function consoleApiTypes(document: unknown): Promise<string> {
  const nodes = await openapiTS(document as OpenAPI3, { silent: true });
  return HEADER + astToString(nodes);
}

export function committedConsoleApiTypes(): string {
  return readFileSync(CONSOLE_SCHEMA_PATH, 'utf8');
}

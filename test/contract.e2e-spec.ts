import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import type { OpenAPIV3 } from 'openapi-types';
import type { RunningEmulator } from '../src/emulator';
import { JWT_ISSUER } from '../src/auth/jwt-settings';
import { connectAccount, startTestEbay, TEST_CLIENT, TEST_RUNAME } from './support/connected-app';
import { type ContractOperation, contractOperations } from './contract/contract-operations';
import { type ContractContext, requestsFor } from './contract/request-plan';
import { ResponseChecker } from './contract/response-check';
import { sendRequest } from './contract/send-request';
import { type ReplicaProcess, startReplicaProcess } from './support/replica-process';
import { TEST_JWT_SECRET } from './support/test-app';
import { createTestDatabase, type TestDatabase, withDatabase } from './support/test-database';
import { registerAndLogin, type SignedInUser } from './support/users';

/** Requests per operation; CONTRACT_RUNS=800 (ten times) for a long run. */
const RUNS = Number(process.env.CONTRACT_RUNS ?? 80);
/** The same seed makes the same requests: a failure names its seed and index to replay. */
const SEED = Number(process.env.CONTRACT_SEED ?? 20_261_201);
/** Memory a run may add to the service beyond its warm-up, whatever its length. */
const MEMORY_GROWTH_LIMIT_BYTES = 200 * 1024 * 1024;

/**
 * The service against its own OpenAPI document: for every operation it documents, generated
 * requests — valid ones from the schemas and hostile ones (wrong types, huge and deep values,
 * prototype keys, bad ids, out-of-range numbers, injections, bad and forged JWTs, wrong content
 * types, malformed JSON, invalid Unicode, duplicate query keys) — against the production build
 * in production mode, on PostgreSQL, with eBay the emulator. A route added tomorrow is covered
 * by its decorators alone.
 */
describe('the API contract', () => {
  let emulator: RunningEmulator;
  let database: TestDatabase;
  let service: ReplicaProcess;
  let operations: ContractOperation[];
  let context: ContractContext;
  let guardOwner: SignedInUser;
  let guarded: { id: string };
  let guardedBefore: unknown;

  async function guardedRows(): Promise<unknown> {
    return withDatabase(database.url, async (client) => ({
      account: (await client.query('SELECT * FROM ebay_accounts WHERE id = $1', [guarded.id])).rows,
      token: (await client.query('SELECT * FROM ebay_tokens WHERE ebay_account_id = $1', [guarded.id])).rows,
      scopes: (await client.query('SELECT * FROM ebay_authorizations WHERE ebay_account_id = $1', [guarded.id])).rows,
    }));
  }

  beforeAll(async () => {
    ({ emulator } = await startTestEbay());
    database = await createTestDatabase({ migrated: true });
    service = await startReplicaProcess(database, emulator, {
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      // Configured, so the account deletion routes meet requests rather than answer 404 to all.
      EBAY_DELETION_VERIFICATION_TOKEN: 'contract-test-verification-token-0123456789',
      EBAY_DELETION_ENDPOINT_URL: 'http://127.0.0.1/api/ebay/notifications/account-deletion',
    });
    const callbackUrl = `${service.baseUrl}/api/ebay/callback`;
    emulator.registerRuName(TEST_CLIENT.clientId, { ruName: TEST_RUNAME, acceptUrl: callbackUrl, declineUrl: callbackUrl });

    const admin = await registerAndLogin(service.http);
    const member = await registerAndLogin(service.http);
    guardOwner = await registerAndLogin(service.http);
    const accounts = [
      await connectAccount(service, member, { ebayUser: 'seller_one' }),
      await connectAccount(service, member, { ebayUser: 'seller_two' }),
      await connectAccount(service, admin, { ebayUser: 'seller_three' }),
    ];
    guarded = await connectAccount(service, guardOwner, { ebayUser: 'seller_quiet' });
    guardedBefore = await guardedRows();

    const document = (await service.http.get('/docs-json').expect(200)).body as OpenAPIV3.Document;
    // Disconnects last, so the operations before them meet connected accounts.
    operations = (await contractOperations(document)).sort((a, b) => Number(a.method === 'DELETE') - Number(b.method === 'DELETE'));
    context = {
      jwts: { admin: admin.jwt, member: member.jwt },
      knownIds: [...accounts.map((account) => account.id), admin.id, member.id],
      jwtSecret: TEST_JWT_SECRET,
      jwtIssuer: JWT_ISSUER,
    };
  }, 120_000);
  afterAll(async () => {
    await service?.stop();
    await database?.drop();
    await emulator?.close();
  });

  it('covers every operation of the document', () => {
    expect(operations.length).toBeGreaterThanOrEqual(16);
    expect(operations.map((operation) => operation.key)).toEqual(
      expect.arrayContaining(['POST /api/auth/login', 'GET /api/ebay/callback', 'DELETE /api/ebay-accounts/{id}', 'GET /health/ready']),
    );
  });

  it('answers every generated request with a documented status and body: no 500, no leak', async () => {
    const checker = new ResponseChecker();
    const failures: string[] = [];
    let sent = 0;
    const rssBefore = residentBytes(service);
    for (const [index, operation] of operations.entries()) {
      const planned = fc.sample(requestsFor(operation, context), { seed: SEED + index, numRuns: RUNS });
      for (const [run, request] of planned.entries()) {
        const response = await sendRequest(service.baseUrl, request);
        sent++;
        for (const problem of checker.check(operation, response)) {
          failures.push(`${operation.key} [seed ${SEED + index}, #${run}, ${request.label}] ${request.method} ${request.target.slice(0, 120)}: ${problem}`);
        }
      }
    }

    expect(sent).toBe(operations.length * RUNS);
    expect(failures.slice(0, 25)).toEqual([]);
    // Afterwards: still ready, and memory did not follow the number of requests.
    await service.http.get('/health/ready').expect(200);
    expect(residentBytes(service) - rssBefore).toBeLessThan(MEMORY_GROWTH_LIMIT_BYTES);
  }, 600_000);

  it('left the account no request could reach as it was, and its token still refreshes', async () => {
    expect(await guardedRows()).toEqual(guardedBefore);
    await service.http.post(`/api/ebay-accounts/${guarded.id}/refresh-token`).set(guardOwner.auth).expect(200);
  });
});

/** The service process's resident memory (Linux), from /proc. */
function residentBytes(service: ReplicaProcess): number {
  const status = readFileSync(`/proc/${service.service.child.pid}/status`, 'utf8');
  const kilobytes = Number(/^VmRSS:\s+(\d+) kB$/m.exec(status)?.[1]);
  return kilobytes * 1024;
}

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import type { RunningEmulator } from '../../src/emulator';
import { ebayEnv } from './connected-app';
import { freePort, type ServiceProcess, spawnService } from './service-process';
import { TEST_ENCRYPTION_KEYS, TEST_JWT_SECRET } from './test-app';
import type { TestDatabase } from './test-database';

export interface ReplicaProcess {
  readonly service: ServiceProcess;
  readonly baseUrl: string;
  /** supertest against the process over HTTP. */
  readonly http: TestAgent;
  /** SIGTERM, then waits for the exit. */
  stop(): Promise<void>;
}

/**
 * Another replica of the service as production runs one: `node dist/src/main.js` in a process
 * of its own, on the same database, the same keys and the same emulated eBay as the test's
 * in-process app. (Two Nest apps in one process would share passport's strategy registry.)
 */
export async function startReplicaProcess(
  database: TestDatabase,
  emulator: RunningEmulator,
  env: Record<string, string> = {},
): Promise<ReplicaProcess> {
  const port = await freePort();
  const service = spawnService(
    {
      NODE_ENV: 'test',
      DATABASE_URL: database.url,
      DATA_DIR: mkdtempSync(join(tmpdir(), 'ebay-connect-replica-')),
      PORT: String(port),
      JWT_SECRET: TEST_JWT_SECRET,
      TOKEN_ENCRYPTION_KEYS: TEST_ENCRYPTION_KEYS,
      LOG_LEVEL: 'info',
      ...ebayEnv(emulator),
      ...env,
    },
    process.cwd(),
  );
  try {
    await service.waitFor(/ebay-connect is ready/, 60_000);
  } catch (error) {
    service.child.kill('SIGKILL');
    throw error;
  }
  const baseUrl = `http://127.0.0.1:${port}`;
  return {
    service,
    baseUrl,
    http: request(baseUrl),
    async stop() {
      if (service.child.exitCode === null) service.child.kill('SIGTERM');
      await service.exited();
    },
  };
}

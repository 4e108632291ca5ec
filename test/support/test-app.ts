import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import type { Configuration } from '../../src/config/configuration';
import { loadConfiguration } from '../../src/config/load-configuration';
import { createApp } from '../../src/create-app';
import { type AppLogs, captureAppLogs } from './captured-logs';
import { createTestDatabase, type TestDatabase } from './test-database';

export const TEST_JWT_SECRET = 'test-secret-that-is-long-enough-for-hs256-0123456789';
/** Replicas of one deployment share their keys; each test app gets the same one. */
export const TEST_ENCRYPTION_KEYS = `test1:${Buffer.alloc(32, 0x5a).toString('base64')}`;

export interface TestAppOptions {
  /** Variables on top of the test defaults; `undefined` removes a default. */
  readonly env?: Record<string, string | undefined>;
  /** An existing database (a second replica); by default a fresh migrated one is created. */
  readonly database?: TestDatabase;
  /** The port to listen on, for a URL that must be configured before the start; default any free one. */
  readonly port?: number;
}

export interface TestApp {
  readonly app: NestExpressApplication;
  /** supertest bound to the running server. */
  readonly http: TestAgent;
  readonly baseUrl: string;
  readonly database: TestDatabase;
  readonly configuration: Configuration;
  /** What this app logged (since it started). */
  readonly logs: AppLogs;
  /** Stops the app; drops the database when this app created it. */
  close(): Promise<void>;
}

/**
 * Starts the real app (same bootstrap as main.ts) on an ephemeral port against a real
 * PostgreSQL database of its own, logging into memory.
 */
export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const ownsDatabase = options.database === undefined;
  const database = options.database ?? (await createTestDatabase({ migrated: true }));
  const env: Record<string, string | undefined> = {
    NODE_ENV: 'test',
    DATABASE_URL: database.url,
    DATA_DIR: mkdtempSync(join(tmpdir(), 'ebay-connect-test-')),
    JWT_SECRET: TEST_JWT_SECRET,
    TOKEN_ENCRYPTION_KEYS: TEST_ENCRYPTION_KEYS,
    LOG_LEVEL: 'info',
    PORT: '0',
    ...options.env,
  };
  const configuration = loadConfiguration(env, process.cwd());
  const { destination, logs } = captureAppLogs();
  const app = await createApp({ configuration, logging: { destination } });
  await app.listen(options.port ?? 0, '127.0.0.1');
  const baseUrl = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  return {
    app,
    http: request(app.getHttpServer()),
    baseUrl,
    database,
    configuration,
    logs,
    async close() {
      await app.close();
      if (ownsDatabase) await database.drop();
    },
  };
}

import { type ChildProcess, spawn } from 'node:child_process';
import { freePort } from '../test/support/service-process';
import { TEST_JWT_SECRET } from '../test/support/test-app';

export interface BareServerOptions {
  readonly databaseUrl: string;
  /** The migrations its /health/ready expects applied. */
  readonly migrations?: readonly string[];
  /** For its proxy route: where eBay is, and the token it sends (the service's warm cache, as a constant). */
  readonly ebay?: { readonly apiBaseUrl: string; readonly token: string };
}

export interface BareServer {
  readonly baseUrl: string;
  stop(): Promise<void>;
}

/** bench/bare-server.ts as a process of its own, once it says it is ready. */
export async function startBareServer(options: BareServerOptions): Promise<BareServer> {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    [
      require.resolve('ts-node/dist/bin'),
      '--swc',
      '-O',
      '{"module":"commonjs"}',
      `${__dirname}/bare-server.ts`,
      `--port=${port}`,
      `--migrations=${(options.migrations ?? []).join(',')}`,
    ],
    {
      env: {
        PATH: process.env.PATH ?? '',
        BARE_DATABASE_URL: options.databaseUrl,
        BARE_JWT_SECRET: TEST_JWT_SECRET,
        BARE_EBAY_API_BASE_URL: options.ebay?.apiBaseUrl ?? '',
        BARE_EBAY_TOKEN: options.ebay?.token ?? '',
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  await readyLine(child, /bare server is ready/);
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

function readyLine(child: ChildProcess, pattern: RegExp): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (pattern.test(output)) resolve();
    });
    child.once('exit', (code) => reject(new Error(`The bare server exited (${code}) before it was ready:\n${output}`)));
  });
}

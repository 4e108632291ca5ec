import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import { Logger } from 'nestjs-pino';
import { readConfigurationOrExit } from './config/config.module';
import type { Configuration } from './config/configuration';
import { API_PREFIX, createApp } from './create-app';
import { LocalEmulatorHost } from './ebay/local-emulator.host';
import { DOCS_PATH } from './openapi';

async function main(): Promise<void> {
  const configuration = readConfigurationOrExit();
  const app = await createApp({ configuration });
  const logger = app.get(Logger);
  for (const warning of configuration.warnings) logger.warn(warning, 'Configuration');

  await app.listen(configuration.app.port, configuration.app.host);
  // app.close() stops accepting, waits for in-flight requests, then runs the shutdown hooks
  // (pool closed, embedded database stopped). Kubernetes sends SIGTERM; a terminal, SIGINT.
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      logger.log(`${signal} received: finishing in-flight requests`, 'Bootstrap');
      app.close().then(
        () => process.exit(0),
        (error: unknown) => {
          logger.error(error, 'Bootstrap');
          process.exit(1);
        },
      );
    });
  }
  const { port } = app.getHttpServer().address() as AddressInfo;
  const emulator = app.get(LocalEmulatorHost);
  const addresses = whereEverythingIs(configuration, port, emulator.baseUrl);
  logger.log({ msg: 'ebay-connect is ready', ...addresses }, 'Bootstrap');
  if (configuration.app.nodeEnv === 'development') process.stdout.write(banner(addresses, emulator.sellerNames));
}

interface Addresses {
  readonly console: string;
  readonly api: string;
  readonly docs: string;
  readonly readiness: string;
  readonly ebayEmulator?: string;
  readonly dataDir?: string;
}

function whereEverythingIs(configuration: Configuration, port: number, emulatorUrl: string | undefined): Addresses {
  const { host, dataDir } = configuration.app;
  // A wildcard or loopback address is reached as localhost from this machine.
  const shown = ['0.0.0.0', '::', '127.0.0.1', '::1', 'localhost'].includes(host) ? 'localhost' : host;
  const base = `http://${shown.includes(':') ? `[${shown}]` : shown}:${port}`;
  const usesDataDir = configuration.database.url === undefined || emulatorUrl !== undefined;
  return {
    console: `${base}/`,
    api: `${base}/${API_PREFIX}`,
    docs: `${base}/${DOCS_PATH}`,
    readiness: `${base}/health/ready`,
    ...(emulatorUrl === undefined ? {} : { ebayEmulator: emulatorUrl }),
    ...(usesDataDir ? { dataDir } : {}),
  };
}

/** What a newcomer needs after `npm start`, in plain words rather than buried in log lines. */
function banner(addresses: Addresses, sellers: readonly string[]): string {
  const rows: [string, string][] = [
    ['Admin console', `${addresses.console}  ← open this in a browser`],
    ['API', addresses.api],
    ['API docs', addresses.docs],
    ['Readiness', addresses.readiness],
  ];
  if (addresses.ebayEmulator !== undefined) {
    rows.push(['eBay emulator', `${addresses.ebayEmulator} (sellers ${sellers.join(', ')})`]);
    rows.push(['', `its consent page opens from the authorizationUrl of GET ${addresses.api}/ebay/connect`]);
  }
  if (addresses.dataDir !== undefined) rows.push(['Data', `${addresses.dataDir} (embedded database, local secrets, emulator state)`]);
  const lines = rows.map(([label, value]) => `  ${label.padEnd(14)} ${value}`);
  return ['', 'ebay-connect is running (development)', '', ...lines, '', '  Open the admin console: create the first user, then connect an eBay account (README.md, "Admin console").', '', ''].join('\n');
}

main().catch((error: unknown) => {
  process.stderr.write(`ebay-connect could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});

import 'reflect-metadata';
import { Logger } from 'nestjs-pino';
import { readConfigurationOrExit } from './config/config.module';
import { API_PREFIX, createApp } from './create-app';
import { LocalEmulatorHost } from './ebay/local-emulator.host';
import { DOCS_PATH } from './openapi';

async function main(): Promise<void> {
  const configuration = readConfigurationOrExit();
  const app = await createApp({ configuration });
  const logger = app.get(Logger);
  for (const warning of configuration.warnings) logger.warn(warning, 'Configuration');

  await app.listen(configuration.app.port);
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
  const base = `http://localhost:${configuration.app.port}`;
  const emulatorUrl = app.get(LocalEmulatorHost).baseUrl;
  logger.log(
    `ebay-connect is ready. API: ${base}/${API_PREFIX} · docs: ${base}/${DOCS_PATH} · ` +
      `health: ${base}/health/ready` +
      (emulatorUrl === undefined ? '' : ` · eBay emulator (consent pages): ${emulatorUrl}`),
    'Bootstrap',
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`ebay-connect could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});

import { resolve } from 'node:path';
import { parseCliArguments } from './cli-arguments';
import {
  AUTHORIZE_PATH,
  CONTROL_PREFIX,
  DEFAULT_EMULATOR_APP,
  DEMO_RUNAME_NAME,
  demoRuName,
  EBAY_SCOPES,
  type RunningEmulator,
  startEmulator,
  TOKEN_PATH,
} from './index';

/**
 * `npm run emulator`: the emulator on its own, for clicking through consent by hand or for a
 * service pointed at it. Reads its port and state file from the command line, never from the
 * environment (the npm script passes EMULATOR_PORT through the shell). Logs a line per call.
 */
async function main(): Promise<void> {
  const { port, apizPort, host, stateFile } = parseCliArguments(process.argv.slice(2));
  const emulator = await startEmulator({ port, apizPort, host, stateFile, log: (line) => console.log(line) });
  emulator.registerRuName(DEFAULT_EMULATOR_APP.clientId, demoRuName(emulator.baseUrl));
  printWelcome(emulator, stateFile);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      emulator.close().then(
        () => process.exit(0),
        (error: unknown) => {
          console.error(error);
          process.exit(1);
        },
      );
    });
  }
}

function printWelcome(emulator: RunningEmulator, stateFile: string | undefined): void {
  const consent = new URL(`${emulator.baseUrl}${AUTHORIZE_PATH}`);
  consent.searchParams.set('client_id', DEFAULT_EMULATOR_APP.clientId);
  consent.searchParams.set('redirect_uri', DEMO_RUNAME_NAME);
  consent.searchParams.set('response_type', 'code');
  const scopes = [EBAY_SCOPES.public, EBAY_SCOPES.identity, EBAY_SCOPES.fulfillment, EBAY_SCOPES.finances];
  consent.searchParams.set('scope', scopes.join(' '));
  consent.searchParams.set('state', 'demo-state');
  console.log(
    [
      `eBay emulator listening on ${emulator.baseUrl} (auth and api hosts) and ${emulator.apizBaseUrl} (apiz host)`,
      `  consent page:    ${consent.href}`,
      `  token endpoint:  POST ${emulator.baseUrl}${TOKEN_PATH}`,
      `  apiz host:       ${emulator.apizBaseUrl} (Identity, Finances, Key Management)`,
      `  control API:     ${emulator.baseUrl}${CONTROL_PREFIX}/users (docs/emulator.md)`,
      `  client id:       ${DEFAULT_EMULATOR_APP.clientId}`,
      `  client secret:   ${DEFAULT_EMULATOR_APP.clientSecret}`,
      `  demo RuName:     ${DEMO_RUNAME_NAME}`,
      `  state:           ${stateFile === undefined ? 'in memory (--state-file=PATH keeps it)' : resolve(stateFile)}`,
      'Ctrl+C stops it.',
    ].join('\n'),
  );
}

main().catch((error: unknown) => {
  console.error(`The eBay emulator could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});

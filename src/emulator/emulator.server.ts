import { setMaxListeners } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AccountDeletionNotifier } from './account-deletion-notifier';
import type { AccountDeletionEndpoint } from './account-deletion.types';
import type { EndpointContext } from './ebay-endpoint';
import { createEmulatorHttpApp } from './emulator-http-app';
import {
  type EmulatorApp,
  type EmulatorOptions,
  type EmulatorRuName,
  resolveEmulatorSettings,
} from './emulator-options';
import { EmulatorState } from './emulator-state';
import { attachStateFile } from './emulator-state-file';
import { DEFAULT_TEST_USERS } from './seed-data';

/** An emulator listening on its port. */
export interface RunningEmulator {
  /** e.g. http://127.0.0.1:4010 — auth, api and apiz paths all answer here. */
  readonly baseUrl: string;
  readonly port: number;
  /** Adds an app, or replaces the one with its clientId. */
  registerApp(app: EmulatorApp): void;
  /** Adds a RuName to an app (the service registers its own, pointing at its callback). */
  registerRuName(clientId: string, ruName: EmulatorRuName): void;
  /**
   * Checks an app's Marketplace Account Deletion endpoint as eBay does (the challenge) and
   * keeps it for notifications; rejects with the reason when the endpoint answers wrong.
   */
  registerAccountDeletionEndpoint(endpoint: AccountDeletionEndpoint): Promise<void>;
  /**
   * Stops listening and drops every connection, hanging and keep-alive ones included; with a
   * state file, resolves once the last change is written.
   */
  close(): Promise<void>;
}

/**
 * Starts an emulator with its own state, in memory or kept in `options.stateFile` (loaded
 * before the first request); resolves once it listens.
 */
export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const settings = resolveEmulatorSettings(options, DEFAULT_TEST_USERS);
  const state = new EmulatorState(settings);
  const stateFile =
    settings.stateFile === undefined ? undefined : await attachStateFile(settings.stateFile, state, settings.log);
  const shutdown = new AbortController();
  // Every delayed answer (latency, hangs) listens for the shutdown while it waits; many
  // concurrent ones are expected, not a leak.
  setMaxListeners(0, shutdown.signal);
  let baseUrl = '';
  const context: EndpointContext = { state, signal: shutdown.signal, log: settings.log, baseUrl: () => baseUrl };
  const server = createServer(createEmulatorHttpApp(context));

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(settings.port, settings.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    await stateFile?.close();
    throw error;
  }
  const { port } = server.address() as AddressInfo;
  baseUrl = `http://${connectableHost(settings.host)}:${port}`;

  let closing: Promise<void> | undefined;
  return {
    baseUrl,
    port,
    registerApp: (app) => state.apps.register(app),
    registerRuName: (clientId, ruName) => state.apps.registerRuName(clientId, ruName),
    registerAccountDeletionEndpoint: (endpoint) => new AccountDeletionNotifier(state, shutdown.signal).register(endpoint),
    close() {
      closing ??= (async () => {
        const stopped = new Promise<void>((resolve, reject) => {
          shutdown.abort();
          server.close((error) => (error === undefined ? resolve() : reject(error)));
          // close() alone waits for open connections; a hanging fault would hold it for minutes.
          server.closeAllConnections();
        });
        try {
          await stopped;
        } finally {
          // After the server: a request finishing during shutdown still makes it to the file.
          await stateFile?.close();
        }
      })();
      return closing;
    },
  };
}

/** A wildcard bind address is not something a client can connect to; name a loopback one instead. */
function connectableHost(host: string): string {
  if (host === '0.0.0.0' || host === '') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}

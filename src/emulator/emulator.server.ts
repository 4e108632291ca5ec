import { setMaxListeners } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AccountDeletionNotifier } from './account-deletion-notifier';
import type { AccountDeletionEndpoint } from './account-deletion.types';
import type { EndpointContext } from './ebay-endpoint';
import { type EbayHost, markHost } from './ebay-hosts';
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
  /**
   * e.g. http://127.0.0.1:4010 — eBay's auth and api hosts: the consent page, the token
   * endpoint, the sell APIs but Finances, Developer Analytics, Notification; and the control API.
   */
  readonly baseUrl: string;
  readonly port: number;
  /**
   * e.g. http://127.0.0.1:4011 — eBay's apiz host: Identity, Finances, Key Management (and the
   * control API). Either port answers eBay's 404 for a path of the other host.
   */
  readonly apizBaseUrl: string;
  readonly apizPort: number;
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
  const baseUrls: Record<EbayHost, string> = { api: '', apiz: '' };
  const context: EndpointContext = {
    state,
    signal: shutdown.signal,
    log: settings.log,
    baseUrlOf: (host) => baseUrls[host],
  };
  const httpApp = createEmulatorHttpApp(context);
  const servers: Record<EbayHost, Server> = {
    api: createServer((req, res) => {
      markHost(req, 'api');
      httpApp(req, res);
    }),
    apiz: createServer((req, res) => {
      markHost(req, 'apiz');
      httpApp(req, res);
    }),
  };

  try {
    const apiPort = await listen(servers.api, settings.port, settings.host);
    baseUrls.api = `http://${connectableHost(settings.host)}:${apiPort}`;
    const apizPort = await listen(servers.apiz, settings.apizPort, settings.host);
    baseUrls.apiz = `http://${connectableHost(settings.host)}:${apizPort}`;
  } catch (error) {
    await Promise.all(Object.values(servers).map(closeServer));
    await stateFile?.close();
    throw error;
  }

  let closing: Promise<void> | undefined;
  return {
    baseUrl: baseUrls.api,
    port: portOf(servers.api),
    apizBaseUrl: baseUrls.apiz,
    apizPort: portOf(servers.apiz),
    registerApp: (app) => state.apps.register(app),
    registerRuName: (clientId, ruName) => state.apps.registerRuName(clientId, ruName),
    registerAccountDeletionEndpoint: (endpoint) => new AccountDeletionNotifier(state, shutdown.signal).register(endpoint),
    close() {
      closing ??= (async () => {
        shutdown.abort();
        const stopped = Promise.all(Object.values(servers).map(closeServer));
        try {
          await stopped;
        } finally {
          // After the servers: a request finishing during shutdown still makes it to the file.
          await stateFile?.close();
        }
      })();
      return closing;
    },
  };
}

/** Resolves with the port it listens on (the one picked for port 0). */
async function listen(server: Server, port: number, host: string): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return portOf(server);
}

function portOf(server: Server): number {
  return (server.address() as AddressInfo).port;
}

/** Stops listening and drops every connection; a server that never listened is closed already. */
function closeServer(server: Server): Promise<void> {
  if (!server.listening) return Promise.resolve();
  return new Promise<void>((resolve, reject) => {
    server.close((error) => (error === undefined ? resolve() : reject(error)));
    // close() alone waits for open connections; a hanging fault would hold it for minutes.
    server.closeAllConnections();
  });
}

/** A wildcard bind address is not something a client can connect to; name a loopback one instead. */
function connectableHost(host: string): string {
  if (host === '0.0.0.0' || host === '') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}

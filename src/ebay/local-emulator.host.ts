import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { AccountDeletionConfig, AppConfig } from '../config/configuration';
import type { EmulatorApp, RunningEmulator } from '../emulator';

/** The RuName the service registers at its in-process emulator. */
export const LOCAL_RUNAME = 'ebay-connect-local-RuName';
const CALLBACK_PATH = '/api/ebay/callback';
const EMULATOR_STATE_FILE = 'emulator-state.json';

/**
 * Runs the built-in eBay emulator inside the service when EBAY_ENVIRONMENT=emulator, so a
 * newcomer can click through connect → consent → callback with nothing configured. Once the
 * service listens, its callback URL becomes the accept and decline URL of LOCAL_RUNAME.
 * The emulator is imported only here and only then: a production process never loads it.
 */
@Injectable()
export class LocalEmulatorHost implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('EbayEmulator');
  private emulator: RunningEmulator | undefined;
  private app: EmulatorApp | undefined;
  private sellers: readonly string[] = [];

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly config: AppConfig,
    private readonly accountDeletion: AccountDeletionConfig,
  ) {}

  /** Starts the emulator and answers with its URL and the client credentials it knows. */
  async start(): Promise<{ baseUrl: string; apizBaseUrl: string; app: EmulatorApp }> {
    const { DEFAULT_EMULATOR_APP, DEFAULT_TEST_USERS, startEmulator } = await import('../emulator/index.js');
    // Its sellers' grants live in DATA_DIR like everything else, so accounts survive restarts.
    const emulator = await startEmulator({
      stateFile: join(this.config.dataDir, EMULATOR_STATE_FILE),
      log: (line: string) => this.logger.debug(line),
    });
    this.emulator = emulator;
    this.app = DEFAULT_EMULATOR_APP;
    this.sellers = DEFAULT_TEST_USERS.map((user) => user.username);
    return { baseUrl: emulator.baseUrl, apizBaseUrl: emulator.apizBaseUrl, app: DEFAULT_EMULATOR_APP };
  }

  /** The emulator's base URL while it runs in this process. */
  get baseUrl(): string | undefined {
    return this.emulator?.baseUrl;
  }

  /** The usernames of the test sellers it starts with. */
  get sellerNames(): readonly string[] {
    return this.sellers;
  }

  onApplicationBootstrap(): void {
    const { emulator, app } = this;
    if (emulator === undefined || app === undefined) return;
    const server = this.adapterHost.httpAdapter.getHttpServer() as Server;
    const register = (): void => {
      const { port } = server.address() as AddressInfo;
      const callbackUrl = `http://localhost:${port}${CALLBACK_PATH}`;
      emulator.registerRuName(app.clientId, { ruName: LOCAL_RUNAME, acceptUrl: callbackUrl, declineUrl: callbackUrl });
      this.logger.log(`eBay emulator at ${emulator.baseUrl}; its consent page returns to ${callbackUrl}`);
      this.registerAccountDeletionEndpoint(emulator);
    };
    if (server.listening) register();
    else server.once('listening', register);
  }

  /**
   * With Marketplace Account Deletion configured, subscribes it at the emulator as a developer
   * does at eBay: the emulator checks it with a challenge, then can send it signed notifications.
   */
  private registerAccountDeletionEndpoint(emulator: RunningEmulator): void {
    const endpoint = this.accountDeletion.endpoint;
    if (endpoint === undefined) return;
    emulator.registerAccountDeletionEndpoint(endpoint).then(
      () =>
        this.logger.log(
          `eBay emulator: ${endpoint.endpointUrl} passed eBay's endpoint check; send it a deletion with ` +
            `POST ${emulator.baseUrl}/__emulator/notifications/account-deletion {"username":"seller_one"}`,
        ),
      (error: unknown) =>
        this.logger.warn(
          `eBay emulator: ${endpoint.endpointUrl} failed eBay's endpoint check (${error instanceof Error ? error.message : String(error)}); ` +
            'EBAY_DELETION_ENDPOINT_URL must be where this service answers',
        ),
    );
  }

  async onApplicationShutdown(): Promise<void> {
    await this.emulator?.close();
  }
}

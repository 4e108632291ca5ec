import type { EbayConfig } from '../config/configuration';
import type { EbayConnection } from './ebay-connection';
import { EBAY_HOSTS, type EbayHosts } from './ebay-hosts';
import { LOCAL_RUNAME, type LocalEmulatorHost } from './local-emulator.host';

/**
 * Resolves the eBay the service talks to: the configured keyset against production or
 * sandbox hosts, or the in-process emulator with its own keyset. Explicit base URLs win.
 */
export async function resolveEbayConnection(
  config: EbayConfig,
  emulatorHost: LocalEmulatorHost,
): Promise<EbayConnection> {
  if (config.environment === 'emulator') {
    const { baseUrl, apizBaseUrl, app } = await emulatorHost.start();
    return {
      environment: 'emulator',
      hosts: withOverrides(config, { authBaseUrl: baseUrl, apiBaseUrl: baseUrl, apizBaseUrl }),
      // The emulator knows only its own keyset and the RuName the service registers there.
      clientId: app.clientId,
      clientSecret: app.clientSecret,
      ruName: LOCAL_RUNAME,
      scopes: config.scopes,
    };
  }
  if (config.clientId === undefined || config.clientSecret === undefined || config.ruName === undefined) {
    // Configuration validation makes this unreachable; the check keeps the types honest.
    throw new Error(`EBAY_CLIENT_ID, EBAY_CLIENT_SECRET and EBAY_RUNAME are required for ${config.environment}`);
  }
  return {
    environment: config.environment,
    hosts: withOverrides(config, EBAY_HOSTS[config.environment]),
    clientId: config.clientId,
    clientSecret: config.clientSecret,
    ruName: config.ruName,
    scopes: config.scopes,
  };
}

function withOverrides(config: EbayConfig, defaults: EbayHosts): EbayHosts {
  return {
    authBaseUrl: config.authBaseUrl ?? defaults.authBaseUrl,
    apiBaseUrl: config.apiBaseUrl ?? defaults.apiBaseUrl,
    apizBaseUrl: config.apizBaseUrl ?? defaults.apizBaseUrl,
  };
}

import type { AccountDeletionEndpoint } from './configuration';
import { ConfigurationError } from './configuration.error';
import type { EnvironmentVariables } from './environment-variables';

const TOKEN = 'EBAY_DELETION_VERIFICATION_TOKEN';
const URL_VARIABLE = 'EBAY_DELETION_ENDPOINT_URL';

/**
 * The Marketplace Account Deletion endpoint as registered at eBay, or undefined when it is not
 * configured (the endpoint then answers 404). The two variables go together: eBay hashes both
 * into the challenge answer, so one without the other can never pass its check.
 */
export function resolveAccountDeletionEndpoint(env: EnvironmentVariables): AccountDeletionEndpoint | undefined {
  const verificationToken = env.EBAY_DELETION_VERIFICATION_TOKEN;
  const endpointUrl = env.EBAY_DELETION_ENDPOINT_URL;
  if (verificationToken === undefined && endpointUrl === undefined) return undefined;
  if (verificationToken === undefined || endpointUrl === undefined) {
    const missing = verificationToken === undefined ? TOKEN : URL_VARIABLE;
    const given = verificationToken === undefined ? URL_VARIABLE : TOKEN;
    throw new ConfigurationError(
      `Invalid configuration: ${given} is set but ${missing} is not; set both (Marketplace Account Deletion) or neither`,
    );
  }
  checkEndpointUrl(endpointUrl);
  // Kept exactly as given: the challenge answer hashes the URL byte for byte as registered.
  return { verificationToken, endpointUrl };
}

/** https, as eBay requires; http only to this machine, for the emulator and tests. */
function checkEndpointUrl(value: string): void {
  const refuse = (why: string): never => {
    throw new ConfigurationError(`Invalid configuration: ${URL_VARIABLE} ${why}`);
  };
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return refuse('must be an absolute URL, e.g. https://connect.example.com/api/ebay/notifications/account-deletion');
  }
  if (/\s/.test(value)) refuse('must not contain spaces');
  if (url.username !== '' || url.password !== '' || url.hash !== '') refuse('must not carry credentials or a #fragment');
  if (url.protocol === 'https:') return;
  if (url.protocol === 'http:' && isLoopback(url.hostname)) return;
  refuse('must be an https:// URL (http:// is accepted only for localhost, 127.0.0.1 or [::1])');
}

function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);
}

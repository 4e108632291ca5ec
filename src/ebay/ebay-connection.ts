import type { EbayEnvironment } from '../config/configuration';
import type { EbayHosts } from './ebay-hosts';

/**
 * Who the service is to eBay and where eBay is, once configuration and (in emulator mode) the
 * local emulator are resolved. Everything that talks to eBay starts from here.
 */
export abstract class EbayConnection {
  abstract readonly environment: EbayEnvironment;
  abstract readonly hosts: EbayHosts;
  abstract readonly clientId: string;
  abstract readonly clientSecret: string;
  abstract readonly ruName: string;
  /** What a connect asks the user to consent to. */
  abstract readonly scopes: readonly string[];
}

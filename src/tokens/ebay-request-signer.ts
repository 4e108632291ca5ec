import { Injectable } from '@nestjs/common';
import { Clock } from '../common/time/clock';
import { isSignatureRequired, type SignableRequest, type SignatureHeaders, signRequest } from '../ebay';
import { SigningKeyProvider } from './signing-key.provider';

/**
 * Signs the requests eBay wants signed for EU/UK-domiciled sellers (docs/ebay.md, section 9),
 * with the keyset's one signing key. Every in-scope request is signed, for every seller: eBay
 * ignores a signature it does not need, which is safer than guessing where a seller lives.
 * EbayApiClient signs through it; so can any other caller of eBay (a proxy).
 */
@Injectable()
export class EbayRequestSigner {
  constructor(
    private readonly keys: SigningKeyProvider,
    private readonly clock: Clock,
  ) {}

  /** Whether eBay wants `method` on `path` (the eBay path, e.g. `/sell/finances/v1/transaction`) signed. */
  isInScope(method: string, path: string): boolean {
    return isSignatureRequired(method, path);
  }

  /**
   * The headers that sign this request, to send with it unchanged: `url` the absolute URL it
   * goes to, `body` its exact bytes. Makes the keyset's key on first need; throws
   * SigningUnavailableError (503, or 502 when eBay answered wrongly) when there is none to be
   * had, in which case nothing should be sent.
   */
  async headersFor(request: SignableRequest): Promise<SignatureHeaders> {
    const key = await this.keys.current();
    return signRequest(request, key, Math.floor(this.clock.now().getTime() / 1000));
  }
}

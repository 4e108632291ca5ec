import type { Provider } from '@nestjs/common';
import axios, { type AxiosInstance } from 'axios';
import { EBAY_REQUEST_TIMEOUT_MS } from './ebay-hosts';

/**
 * The axios instance a module's eBay clients call through: eBay's timeout, no redirects. Each
 * module that lists `ebayHttpProvider` gets an instance of its own, made per app: the
 * interceptors EbayApiClient (tokens) adds must not touch the other clients. axios directly,
 * not @nestjs/axios: only its instance was used, and its ESM copy of axios cost the boot a
 * second axios (docs/decisions.md).
 */
export abstract class EbayHttp {
  abstract readonly axios: AxiosInstance;
}

export const ebayHttpProvider: Provider = {
  provide: EbayHttp,
  useFactory: (): EbayHttp => ({ axios: axios.create({ timeout: EBAY_REQUEST_TIMEOUT_MS, maxRedirects: 0 }) }),
};

import { HttpModule } from '@nestjs/axios';
import { Module } from '@nestjs/common';
import { EbayConfig } from '../config/configuration';
import { EbayConnection } from './ebay-connection';
import { resolveEbayConnection } from './ebay-connection.factory';
import { EBAY_REQUEST_TIMEOUT_MS } from './ebay-hosts';
import { EbayIdentityClient } from './ebay-identity.client';
import { EbayKeyManagementClient } from './ebay-key-management.client';
import { EbayNotificationClient } from './ebay-notification.client';
import { EbayOAuthClient } from './ebay-oauth.client';
import { LocalEmulatorHost } from './local-emulator.host';

/**
 * eBay's wire protocol: where it is, its OAuth endpoints, Identity, Notification keys, signing
 * keys and request signatures, and its error formats.
 */
@Module({
  imports: [HttpModule.registerAsync({ useFactory: () => ({ timeout: EBAY_REQUEST_TIMEOUT_MS, maxRedirects: 0 }) })],
  providers: [
    LocalEmulatorHost,
    {
      provide: EbayConnection,
      inject: [EbayConfig, LocalEmulatorHost],
      useFactory: resolveEbayConnection,
    },
    EbayOAuthClient,
    EbayIdentityClient,
    EbayNotificationClient,
    EbayKeyManagementClient,
  ],
  exports: [
    EbayConnection,
    EbayOAuthClient,
    EbayIdentityClient,
    EbayNotificationClient,
    EbayKeyManagementClient,
    LocalEmulatorHost,
  ],
})
export class EbayModule {}

import { HttpModule } from '@nestjs/axios';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { EBAY_REQUEST_TIMEOUT_MS, EbayModule } from '../ebay';
import { EventsModule } from '../events';
import { EbayApiClient } from './ebay-api.client';
import { EbayAuthorizationRepository } from './ebay-authorization.repository';
import { EbayRequestSigner } from './ebay-request-signer';
import { EbayTokenRepository } from './ebay-token.repository';
import { EbayAuthorization } from './entities/ebay-authorization.entity';
import { EbayGrantCount } from './entities/ebay-grant-count.entity';
import { EbaySigningKey } from './entities/ebay-signing-key.entity';
import { EbayToken } from './entities/ebay-token.entity';
import { TokenRefreshRun } from './entities/token-refresh-run.entity';
import { GrantCountRepository } from './grant-count.repository';
import { GrantCounter } from './grant-counter';
import { RefreshRunRepository } from './refresh-run.repository';
import { RefresherStatusReader } from './refresher-status';
import { SigningKeyRepository } from './signing-key.repository';
import { SigningKeyProvider } from './signing-key.provider';
import { TokenCipher } from './token-cipher';
import { TokenRefreshScheduler } from './token-refresh.scheduler';
import { TokenFleetRepository } from './token-fleet.repository';
import { TokenMetrics } from './token-metrics';
import { TokenRefresher } from './token-refresher';
import { TokenUseMarker } from './token-use-marker';
import { TokenSummaryRepository } from './token-summary.repository';
import { TokenService } from './token.service';

/**
 * Each account's encrypted OAuth tokens and consented scopes, their refresh (on demand and in
 * the background), the keyset's signing key, and the authorized eBay client that signs what
 * eBay wants signed. Knows accounts only by id.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([EbayToken, EbayAuthorization, EbayGrantCount, TokenRefreshRun, EbaySigningKey]),
    // An axios instance of its own, made per app (register() would share one across every app
    // in the process): the interceptors of EbayApiClient must not touch other clients.
    HttpModule.registerAsync({ useFactory: () => ({ timeout: EBAY_REQUEST_TIMEOUT_MS, maxRedirects: 0 }) }),
    EbayModule,
    EventsModule,
  ],
  providers: [
    TokenCipher,
    EbayTokenRepository,
    EbayAuthorizationRepository,
    TokenSummaryRepository,
    TokenRefresher,
    TokenUseMarker,
    GrantCounter,
    GrantCountRepository,
    RefreshRunRepository,
    RefresherStatusReader,
    TokenFleetRepository,
    TokenMetrics,
    TokenService,
    TokenRefreshScheduler,
    SigningKeyRepository,
    SigningKeyProvider,
    EbayRequestSigner,
    EbayApiClient,
  ],
  exports: [TokenService, TokenCipher, EbayApiClient, EbayRequestSigner, TokenRefreshScheduler, RefresherStatusReader],
})
export class TokensModule {}

/**
 * The typed, validated configuration of the service. Each section is also an injection token:
 * a provider asks for `EbayConfig` and gets the `ebay` section, nothing more.
 */
export type NodeEnvironment = 'development' | 'production' | 'test';
export type EbayEnvironment = 'production' | 'sandbox' | 'emulator';
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
/** json: one JSON object a line (production, log shippers); pretty: for people at a terminal. */
export type LogFormat = 'json' | 'pretty';

export abstract class AppConfig {
  abstract readonly nodeEnv: NodeEnvironment;
  abstract readonly isProduction: boolean;
  abstract readonly port: number;
  /** The address to listen on: loopback outside production unless HOST says otherwise. */
  abstract readonly host: string;
  abstract readonly dataDir: string;
  /** The admin console's built files (`npm run build` writes them), served at `/`. */
  abstract readonly consoleDir: string;
  abstract readonly corsOrigins: readonly string[];
  /** Reverse proxies in front of the service whose X-Forwarded-For is trusted (client IPs). */
  abstract readonly trustProxyHops: number;
  abstract readonly logLevel: LogLevel;
  abstract readonly logFormat: LogFormat;
}

export abstract class DatabaseConfig {
  /** Unset means "start the embedded PostgreSQL in dataDir". */
  abstract readonly url: string | undefined;
  abstract readonly dataDir: string;
  abstract readonly migrationsRun: boolean;
  abstract readonly poolSize: number;
  /** Every statement is cancelled by PostgreSQL after this; the driver gives up a little later. */
  abstract readonly statementTimeoutMs: number;
}

export abstract class AuthConfig {
  abstract readonly jwtSecret: string;
  abstract readonly jwtExpiresInSeconds: number;
  abstract readonly allowRegistration: boolean;
}

export interface EncryptionKey {
  readonly id: string;
  readonly key: Buffer;
}

export abstract class EbayConfig {
  abstract readonly environment: EbayEnvironment;
  abstract readonly clientId: string | undefined;
  abstract readonly clientSecret: string | undefined;
  abstract readonly ruName: string | undefined;
  abstract readonly devId: string | undefined;
  abstract readonly scopes: readonly string[];
  /** Explicit base URLs; unset ones are derived from `environment` by the ebay module. */
  abstract readonly authBaseUrl: string | undefined;
  abstract readonly apiBaseUrl: string | undefined;
  abstract readonly apizBaseUrl: string | undefined;
  abstract readonly connectReturnUrl: string | undefined;
}

export abstract class TokensConfig {
  /** The first key encrypts; every key decrypts. */
  abstract readonly encryptionKeys: readonly EncryptionKey[];
  /** Whether this replica runs the background refresher. */
  abstract readonly refreshEnabled: boolean;
  /** When the background refresher runs (cron, read in UTC). */
  abstract readonly refreshCron: string;
  /** The longest wait between two runs of refreshCron. */
  abstract readonly refreshIntervalSeconds: number;
  abstract readonly refreshHorizonSeconds: number;
  abstract readonly refreshConcurrency: number;
  /** active: keep warm only tokens used within warmWindowSeconds; all: every token. */
  abstract readonly refreshPolicy: RefreshPolicyName;
  abstract readonly warmWindowSeconds: number;
  /** refresh_token grants eBay allows the app per quota day (across every replica). */
  abstract readonly dailyRefreshGrantLimit: number;
}

export type RefreshPolicyName = 'active' | 'all';

export abstract class HealthConfig {
  /** Whether this replica takes part in the periodic live check of every active account. */
  abstract readonly checkEnabled: boolean;
  /** When a check round runs (cron, read in UTC, every day). */
  abstract readonly checkCron: string;
  /** The seconds after midnight UTC at which checkCron runs, ascending: a round is named by one. */
  abstract readonly checkRunSeconds: readonly number[];
  /** Accounts this replica checks at once during a round. */
  abstract readonly checkConcurrency: number;
  /** Health events older than this are deleted. */
  abstract readonly eventsRetentionDays: number;
}

export abstract class SyncConfig {
  /** Whether this replica takes part in the periodic sync of every selling account. */
  abstract readonly enabled: boolean;
  /** When the periodic sync runs (cron, read in UTC, every day). */
  abstract readonly cron: string;
  /** The seconds after midnight UTC at which cron runs, ascending: a periodic run is named by one. */
  abstract readonly runSeconds: readonly number[];
  /** Account resources this replica syncs at once during a periodic run. */
  abstract readonly concurrency: number;
  /** How far back the first sync of an account reaches. */
  abstract readonly backfillDays: number;
  /** Each later sync starts this much before the last one's checkpoint (clock skew, late writes at eBay). */
  abstract readonly overlapSeconds: number;
}

export abstract class ProxyConfig {
  /** eBay path prefixes the proxy may call (`sell/`, `commerce/`…), lower case, each ending in `/`. */
  abstract readonly allowedPaths: readonly string[];
  /** A request body past this is refused with 413 before it is read further. */
  abstract readonly maxBodyBytes: number;
  /** eBay's answer (its headers) must come within this, else 504. */
  abstract readonly timeoutMs: number;
  /** A 429 whose Retry-After is at most this is waited out and retried once (GET and HEAD). */
  abstract readonly maxRetryWaitMs: number;
  /** Proxied calls in flight per account on one replica; beyond, 429 with Retry-After: 1. */
  abstract readonly maxConcurrentPerAccount: number;
  /** The audit of proxied calls keeps this many days. */
  abstract readonly callsRetentionDays: number;
}

/** Where eBay sends Marketplace Account Deletion notifications, and the token it hashes into its check. */
export interface AccountDeletionEndpoint {
  /** 32–80 characters of A-Z a-z 0-9 _ -, as entered in eBay's developer portal. */
  readonly verificationToken: string;
  /** The public URL exactly as registered at eBay. */
  readonly endpointUrl: string;
}

export abstract class AccountDeletionConfig {
  /** Unset: GET and POST /api/ebay/notifications/account-deletion answer 404. */
  abstract readonly endpoint: AccountDeletionEndpoint | undefined;
}

export abstract class MetricsConfig {
  /** false: no /metrics (404) and nothing collected. */
  abstract readonly enabled: boolean;
}

export abstract class EventsConfig {
  /** Events (and their deliveries) older than this are deleted. */
  abstract readonly retentionDays: number;
  /** Live streams one user may hold open on one replica. */
  abstract readonly streamsPerUser: number;
  /** One webhook attempt, from DNS to the first KiB of the answer. */
  abstract readonly webhookTimeoutMs: number;
  /** The wait before retry n+1 (index n), in seconds; its length is the number of retries. */
  abstract readonly webhookRetryScheduleSeconds: readonly number[];
  /** http and any address allowed as webhook targets (development); https and public addresses only otherwise. */
  abstract readonly allowInsecureWebhookTargets: boolean;
  /** Webhook deliveries this replica has in flight at once. */
  abstract readonly webhookConcurrency: number;
}

export interface Configuration {
  readonly app: AppConfig;
  readonly database: DatabaseConfig;
  readonly auth: AuthConfig;
  readonly ebay: EbayConfig;
  readonly tokens: TokensConfig;
  readonly health: HealthConfig;
  readonly sync: SyncConfig;
  readonly proxy: ProxyConfig;
  readonly accountDeletion: AccountDeletionConfig;
  readonly metrics: MetricsConfig;
  readonly events: EventsConfig;
  /** Things worth telling the operator at start (generated secrets and the like). */
  readonly warnings: readonly string[];
}

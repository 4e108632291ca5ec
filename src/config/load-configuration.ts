import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';
import { resolveAccountDeletionEndpoint } from './account-deletion-settings';
import { ConfigurationError } from './configuration.error';
import type {
  Configuration,
  EbayEnvironment,
  LogFormat,
  LogLevel,
  NodeEnvironment,
} from './configuration';
import { DEFAULT_EBAY_SCOPES } from './default-ebay-scopes';
import { generateEncryptionKeys, parseEncryptionKeys } from './encryption-keys';
import { EnvironmentVariables, effectiveEbayEnvironment } from './environment-variables';
import { resolveHealthCheckSettings } from './health-check-settings';
import { resolveEventsSettings } from './events-settings';
import { resolveProxySettings } from './proxy-settings';
import { resolveSyncSettings } from './sync-settings';
import { readOrCreateLocalSecret } from './local-secrets';
import { resolveRefreshSettings } from './refresh-settings';
import { DEFAULT_REFRESH_CRON } from './refresh-timing';

export type EnvironmentSource = Readonly<Record<string, string | undefined>>;

/** Variables earlier versions read: a leftover one stops the boot and says what replaced it. */
const REPLACED_VARIABLES: Readonly<Record<string, string>> = {
  TOKEN_REFRESH_INTERVAL_SECONDS: `TOKEN_REFRESH_CRON (a cron expression, e.g. "${DEFAULT_REFRESH_CRON}" for every 30 seconds)`,
};
const PLACEHOLDER_SECRET = /change.?me|placeholder|your[-_ ]?secret/i;

/**
 * Builds the service's configuration from an environment (process.env plus .env at run time,
 * an explicit object in tests). Throws a ConfigurationError whose one-line message names the
 * offending variable.
 */
export function loadConfiguration(source: EnvironmentSource, cwd: string): Configuration {
  const env = validate(source);
  const nodeEnv = (env.NODE_ENV ?? 'development') as NodeEnvironment;
  const isProduction = nodeEnv === 'production';
  const dataDir = resolve(cwd, env.DATA_DIR ?? './data');
  const warnings: string[] = [];

  if (isProduction && env.JWT_SECRET !== undefined && PLACEHOLDER_SECRET.test(env.JWT_SECRET)) {
    throw new ConfigurationError('JWT_SECRET looks like a placeholder; set a random secret in production');
  }
  const jwtSecret = env.JWT_SECRET ?? localSecret(dataDir, 'jwt-secret', generateJwtSecret, warnings);
  const encryptionKeys = parseEncryptionKeys(
    env.TOKEN_ENCRYPTION_KEYS ??
      localSecret(dataDir, 'token-encryption-keys', generateEncryptionKeys, warnings),
  );

  const poolSize = env.DATABASE_POOL_SIZE ?? 10;
  const refresh = resolveRefreshSettings(env, env.DATABASE_URL === undefined ? undefined : poolSize);

  return {
    app: {
      nodeEnv,
      isProduction,
      port: env.PORT ?? 3000,
      // Outside production nobody else on the network should reach a laptop's service.
      host: env.HOST ?? (isProduction ? '0.0.0.0' : '127.0.0.1'),
      dataDir,
      consoleDir: resolve(cwd, 'dist', 'web'),
      corsOrigins: parseCorsOrigins(env.CORS_ORIGINS),
      trustProxyHops: env.TRUST_PROXY_HOPS ?? 0,
      logLevel: (env.LOG_LEVEL ?? 'info') as LogLevel,
      logFormat: (env.LOG_FORMAT ?? (nodeEnv === 'development' ? 'pretty' : 'json')) as LogFormat,
    },
    database: {
      url: env.DATABASE_URL,
      dataDir,
      migrationsRun: env.DB_MIGRATIONS_RUN ?? true,
      poolSize,
      statementTimeoutMs: env.DATABASE_STATEMENT_TIMEOUT_MS ?? 5_000,
    },
    auth: {
      jwtSecret,
      jwtExpiresInSeconds: env.JWT_EXPIRES_IN_SECONDS ?? 3600,
      allowRegistration: env.ALLOW_REGISTRATION ?? true,
    },
    ebay: {
      environment: effectiveEbayEnvironment(env) as EbayEnvironment,
      clientId: env.EBAY_CLIENT_ID,
      clientSecret: env.EBAY_CLIENT_SECRET,
      ruName: env.EBAY_RUNAME,
      devId: env.EBAY_DEV_ID,
      scopes: env.EBAY_SCOPES?.split(/\s+/).filter(Boolean) ?? DEFAULT_EBAY_SCOPES,
      authBaseUrl: withoutTrailingSlash(env.EBAY_AUTH_BASE_URL),
      apiBaseUrl: withoutTrailingSlash(env.EBAY_API_BASE_URL),
      apizBaseUrl: withoutTrailingSlash(env.EBAY_APIZ_BASE_URL),
      connectReturnUrl: env.EBAY_CONNECT_RETURN_URL,
    },
    tokens: {
      encryptionKeys,
      ...refresh,
    },
    health: resolveHealthCheckSettings(env),
    sync: resolveSyncSettings(env),
    proxy: resolveProxySettings(env),
    accountDeletion: { endpoint: resolveAccountDeletionEndpoint(env) },
    metrics: { enabled: env.METRICS_ENABLED ?? true },
    events: resolveEventsSettings(env, isProduction),
    warnings,
  };
}

function validate(source: EnvironmentSource): EnvironmentVariables {
  for (const [variable, replacement] of Object.entries(REPLACED_VARIABLES)) {
    if (source[variable] !== undefined && source[variable] !== '') {
      throw new ConfigurationError(`Invalid configuration: ${variable} was replaced by ${replacement}`);
    }
  }
  const env = plainToInstance(EnvironmentVariables, { ...source });
  const errors = validateSync(env, { stopAtFirstError: true });
  if (errors.length > 0) {
    throw new ConfigurationError(`Invalid configuration: ${errors.map(describe).join('; ')}`);
  }
  if (env.NODE_ENV === 'production' && env.EBAY_ENVIRONMENT === 'emulator') {
    throw new ConfigurationError(
      'Invalid configuration: EBAY_ENVIRONMENT=emulator is not allowed when NODE_ENV=production',
    );
  }
  return env;
}

function describe(error: ValidationError): string {
  const [message] = Object.values(error.constraints ?? {});
  return message ?? `${error.property} is invalid`;
}

function localSecret(
  dataDir: string,
  fileName: string,
  generate: () => string,
  warnings: string[],
): string {
  const secret = readOrCreateLocalSecret(dataDir, fileName, generate);
  if (secret.created) {
    warnings.push(`Generated a local secret in ${secret.path}; set it explicitly in production`);
  } else {
    warnings.push(`Using the local secret in ${secret.path}; set it explicitly in production`);
  }
  return secret.value;
}

function generateJwtSecret(): string {
  return randomBytes(48).toString('base64url');
}

function parseCorsOrigins(value: string | undefined): string[] {
  if (value === undefined) return [];
  const origins = value.split(',').map((origin) => origin.trim()).filter(Boolean);
  for (const origin of origins) {
    if (origin !== '*' && !/^https?:\/\/[^/\s]+$/.test(origin)) {
      throw new ConfigurationError(
        `Invalid configuration: CORS_ORIGINS entry "${origin}" must be an origin like https://app.example.com`,
      );
    }
  }
  return origins;
}

function withoutTrailingSlash(url: string | undefined): string | undefined {
  return url?.replace(/\/+$/, '');
}

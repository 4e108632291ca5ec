import { Transform, type TransformFnParams } from 'class-transformer';
import {
  IsDefined,
  IsIn,
  IsIP,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  Min,
  MinLength,
  ValidateIf,
} from 'class-validator';

/** Empty strings count as unset: `FOO=` in a .env file means "use the default". */
function blankToUndefined({ value }: TransformFnParams): unknown {
  return typeof value === 'string' && value.trim() === '' ? undefined : value;
}

/** Whole numbers become numbers; anything else stays a string so @IsInt can name it. */
function toInteger(params: TransformFnParams): unknown {
  const value = blankToUndefined(params);
  return typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value;
}

function toBoolean(params: TransformFnParams): unknown {
  const value = blankToUndefined(params);
  if (typeof value !== 'string') return value;
  const normalised = value.trim().toLowerCase();
  if (['true', '1', 'yes'].includes(normalised)) return true;
  if (['false', '0', 'no'].includes(normalised)) return false;
  return value;
}

const isProduction = (env: EnvironmentVariables): boolean => env.NODE_ENV === 'production';
const isSet = (_env: EnvironmentVariables, value: unknown): boolean => value !== undefined;
const requiredInProduction = (env: EnvironmentVariables, value: unknown): boolean =>
  isProduction(env) || value !== undefined;

/** The eBay environment the service will talk to, once defaults are applied. */
export function effectiveEbayEnvironment(env: EnvironmentVariables): string | undefined {
  if (env.EBAY_ENVIRONMENT !== undefined || isProduction(env)) return env.EBAY_ENVIRONMENT;
  return env.EBAY_CLIENT_ID === undefined ? 'emulator' : 'production';
}
const needsEbayKeys = (env: EnvironmentVariables): boolean =>
  effectiveEbayEnvironment(env) !== 'emulator';

const URL_OPTIONS = { require_tld: false, require_protocol: true, protocols: ['http', 'https'] };
const INTEGER = (name: string, min: number, max: number): string =>
  `${name} must be a whole number from ${min} to ${max}`;
const BOOLEAN = (name: string): string => `${name} must be true or false`;

/**
 * Every variable the service reads, as the environment spells it. Values arrive as strings;
 * the transforms turn numbers and booleans into their types before validation.
 */
export class EnvironmentVariables {
  @Transform(blankToUndefined)
  @IsOptional()
  @IsIn(['development', 'production', 'test'], {
    message: 'NODE_ENV must be development, production or test',
  })
  NODE_ENV?: string;

  @Transform(toInteger)
  @IsOptional()
  @IsInt({ message: INTEGER('PORT', 0, 65535) })
  @Min(0, { message: INTEGER('PORT', 0, 65535) })
  @Max(65535, { message: INTEGER('PORT', 0, 65535) })
  PORT?: number;

  @Transform(blankToUndefined)
  @IsOptional()
  @ValidateIf((_env, value) => value !== 'localhost')
  @IsIP(undefined, { message: 'HOST must be an IP address to listen on (0.0.0.0, ::, 127.0.0.1…) or localhost' })
  HOST?: string;

  @Transform(blankToUndefined)
  @ValidateIf(requiredInProduction)
  @IsDefined({ message: 'DATABASE_URL is required when NODE_ENV=production' })
  @Matches(/^postgres(ql)?:\/\/\S+$/, {
    message: 'DATABASE_URL must be a postgres:// or postgresql:// connection URL',
  })
  DATABASE_URL?: string;

  @Transform(blankToUndefined)
  @IsOptional()
  @IsString()
  DATA_DIR?: string;

  @Transform(toBoolean)
  @IsOptional()
  @IsIn([true, false], { message: BOOLEAN('DB_MIGRATIONS_RUN') })
  DB_MIGRATIONS_RUN?: boolean;

  @Transform(toInteger)
  @IsOptional()
  @IsInt({ message: INTEGER('DATABASE_POOL_SIZE', 1, 100) })
  @Min(1, { message: INTEGER('DATABASE_POOL_SIZE', 1, 100) })
  @Max(100, { message: INTEGER('DATABASE_POOL_SIZE', 1, 100) })
  DATABASE_POOL_SIZE?: number;

  @Transform(toInteger)
  @IsOptional()
  @IsInt({ message: INTEGER('DATABASE_STATEMENT_TIMEOUT_MS', 100, 600000) })
  @Min(100, { message: INTEGER('DATABASE_STATEMENT_TIMEOUT_MS', 100, 600000) })
  @Max(600000, { message: INTEGER('DATABASE_STATEMENT_TIMEOUT_MS', 100, 600000) })
  DATABASE_STATEMENT_TIMEOUT_MS?: number;

  @Transform(blankToUndefined)
  @ValidateIf(requiredInProduction)
  @IsDefined({ message: 'JWT_SECRET is required when NODE_ENV=production' })
  @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters long' })
  JWT_SECRET?: string;

  @Transform(toInteger)
  @IsOptional()
  @IsInt({ message: INTEGER('JWT_EXPIRES_IN_SECONDS', 60, 2592000) })
  @Min(60, { message: INTEGER('JWT_EXPIRES_IN_SECONDS', 60, 2592000) })
  @Max(2592000, { message: INTEGER('JWT_EXPIRES_IN_SECONDS', 60, 2592000) })
  JWT_EXPIRES_IN_SECONDS?: number;

  @Transform(toBoolean)
  @IsOptional()
  @IsIn([true, false], { message: BOOLEAN('ALLOW_REGISTRATION') })
  ALLOW_REGISTRATION?: boolean;

  @Transform(blankToUndefined)
  @ValidateIf(requiredInProduction)
  @IsDefined({ message: 'TOKEN_ENCRYPTION_KEYS is required when NODE_ENV=production' })
  @IsString()
  TOKEN_ENCRYPTION_KEYS?: string;

  @Transform(blankToUndefined)
  @ValidateIf(requiredInProduction)
  @IsDefined({
    message: 'EBAY_ENVIRONMENT is required when NODE_ENV=production (production or sandbox)',
  })
  @IsIn(['production', 'sandbox', 'emulator'], {
    message: 'EBAY_ENVIRONMENT must be production, sandbox or emulator',
  })
  EBAY_ENVIRONMENT?: string;

  @Transform(blankToUndefined)
  @ValidateIf(needsEbayKeys)
  @IsDefined({ message: 'EBAY_CLIENT_ID is required unless EBAY_ENVIRONMENT=emulator' })
  @IsString()
  EBAY_CLIENT_ID?: string;

  @Transform(blankToUndefined)
  @ValidateIf(needsEbayKeys)
  @IsDefined({ message: 'EBAY_CLIENT_SECRET is required unless EBAY_ENVIRONMENT=emulator' })
  @IsString()
  EBAY_CLIENT_SECRET?: string;

  @Transform(blankToUndefined)
  @ValidateIf(needsEbayKeys)
  @IsDefined({ message: 'EBAY_RUNAME is required unless EBAY_ENVIRONMENT=emulator' })
  @IsString()
  EBAY_RUNAME?: string;

  @Transform(blankToUndefined)
  @IsOptional()
  @IsString()
  EBAY_DEV_ID?: string;

  @Transform(blankToUndefined)
  @IsOptional()
  @Matches(/^https:\/\/\S+(\s+https:\/\/\S+)*$/, {
    message: 'EBAY_SCOPES must be space-separated https:// scope URLs',
  })
  EBAY_SCOPES?: string;

  @Transform(blankToUndefined)
  @ValidateIf(isSet)
  @IsUrl(URL_OPTIONS, { message: 'EBAY_AUTH_BASE_URL must be an http(s) URL' })
  EBAY_AUTH_BASE_URL?: string;

  @Transform(blankToUndefined)
  @ValidateIf(isSet)
  @IsUrl(URL_OPTIONS, { message: 'EBAY_API_BASE_URL must be an http(s) URL' })
  EBAY_API_BASE_URL?: string;

  @Transform(blankToUndefined)
  @ValidateIf(isSet)
  @IsUrl(URL_OPTIONS, { message: 'EBAY_APIZ_BASE_URL must be an http(s) URL' })
  EBAY_APIZ_BASE_URL?: string;

  @Transform(blankToUndefined)
  @ValidateIf(isSet)
  @IsUrl(URL_OPTIONS, { message: 'EBAY_CONNECT_RETURN_URL must be an http(s) URL' })
  EBAY_CONNECT_RETURN_URL?: string;

  @Transform(blankToUndefined)
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{32,80}$/, {
    message: 'EBAY_DELETION_VERIFICATION_TOKEN must be 32 to 80 characters of A-Z, a-z, 0-9, _ and -',
  })
  EBAY_DELETION_VERIFICATION_TOKEN?: string;

  // Checked in full (https, or http to a loopback host) by account-deletion-settings.ts.
  @Transform(blankToUndefined)
  @IsOptional()
  @IsString()
  EBAY_DELETION_ENDPOINT_URL?: string;

  @Transform(toBoolean)
  @IsOptional()
  @IsIn([true, false], { message: BOOLEAN('TOKEN_REFRESH_ENABLED') })
  TOKEN_REFRESH_ENABLED?: boolean;

  @Transform(blankToUndefined)
  @IsOptional()
  @IsString()
  TOKEN_REFRESH_CRON?: string;

  @Transform(toInteger)
  @IsOptional()
  @IsInt({ message: INTEGER('TOKEN_REFRESH_HORIZON_SECONDS', 60, 3600) })
  @Min(60, { message: INTEGER('TOKEN_REFRESH_HORIZON_SECONDS', 60, 3600) })
  @Max(3600, { message: INTEGER('TOKEN_REFRESH_HORIZON_SECONDS', 60, 3600) })
  TOKEN_REFRESH_HORIZON_SECONDS?: number;

  @Transform(toInteger)
  @IsOptional()
  @IsInt({ message: INTEGER('TOKEN_REFRESH_CONCURRENCY', 1, 100) })
  @Min(1, { message: INTEGER('TOKEN_REFRESH_CONCURRENCY', 1, 100) })
  @Max(100, { message: INTEGER('TOKEN_REFRESH_CONCURRENCY', 1, 100) })
  TOKEN_REFRESH_CONCURRENCY?: number;

  @Transform(toBoolean)
  @IsOptional()
  @IsIn([true, false], { message: BOOLEAN('HEALTH_CHECK_ENABLED') })
  HEALTH_CHECK_ENABLED?: boolean;

  @Transform(blankToUndefined)
  @IsOptional()
  @IsString()
  HEALTH_CHECK_CRON?: string;

  @Transform(toInteger)
  @IsOptional()
  @IsInt({ message: INTEGER('HEALTH_CHECK_CONCURRENCY', 1, 32) })
  @Min(1, { message: INTEGER('HEALTH_CHECK_CONCURRENCY', 1, 32) })
  @Max(32, { message: INTEGER('HEALTH_CHECK_CONCURRENCY', 1, 32) })
  HEALTH_CHECK_CONCURRENCY?: number;

  @Transform(toInteger)
  @IsOptional()
  @IsInt({ message: INTEGER('HEALTH_EVENTS_RETENTION_DAYS', 1, 3650) })
  @Min(1, { message: INTEGER('HEALTH_EVENTS_RETENTION_DAYS', 1, 3650) })
  @Max(3650, { message: INTEGER('HEALTH_EVENTS_RETENTION_DAYS', 1, 3650) })
  HEALTH_EVENTS_RETENTION_DAYS?: number;

  @Transform(toBoolean)
  @IsOptional()
  @IsIn([true, false], { message: BOOLEAN('SYNC_ENABLED') })
  SYNC_ENABLED?: boolean;

  @Transform(blankToUndefined)
  @IsOptional()
  @IsString()
  SYNC_CRON?: string;

  @Transform(toInteger)
  @IsOptional()
  @IsInt({ message: INTEGER('SYNC_CONCURRENCY', 1, 32) })
  @Min(1, { message: INTEGER('SYNC_CONCURRENCY', 1, 32) })
  @Max(32, { message: INTEGER('SYNC_CONCURRENCY', 1, 32) })
  SYNC_CONCURRENCY?: number;

  @Transform(toInteger)
  @IsOptional()
  @IsInt({ message: INTEGER('SYNC_BACKFILL_DAYS', 1, 1095) })
  @Min(1, { message: INTEGER('SYNC_BACKFILL_DAYS', 1, 1095) })
  @Max(1095, { message: INTEGER('SYNC_BACKFILL_DAYS', 1, 1095) })
  SYNC_BACKFILL_DAYS?: number;

  @Transform(toInteger)
  @IsOptional()
  @IsInt({ message: INTEGER('SYNC_OVERLAP_SECONDS', 0, 86400) })
  @Min(0, { message: INTEGER('SYNC_OVERLAP_SECONDS', 0, 86400) })
  @Max(86400, { message: INTEGER('SYNC_OVERLAP_SECONDS', 0, 86400) })
  SYNC_OVERLAP_SECONDS?: number;

  @Transform(blankToUndefined)
  @IsOptional()
  @Matches(/^\s*[a-z0-9_-]+(\/[a-z0-9_-]+)*\/?(\s*,\s*[a-z0-9_-]+(\/[a-z0-9_-]+)*\/?)*\s*$/, {
    message: 'EBAY_PROXY_ALLOWED_PATHS must be comma-separated eBay path prefixes like sell/,commerce/',
  })
  EBAY_PROXY_ALLOWED_PATHS?: string;

  @Transform(toInteger)
  @IsOptional()
  @IsInt({ message: INTEGER('EBAY_PROXY_MAX_BODY_BYTES', 1, 104857600) })
  @Min(1, { message: INTEGER('EBAY_PROXY_MAX_BODY_BYTES', 1, 104857600) })
  @Max(104857600, { message: INTEGER('EBAY_PROXY_MAX_BODY_BYTES', 1, 104857600) })
  EBAY_PROXY_MAX_BODY_BYTES?: number;

  @Transform(toInteger)
  @IsOptional()
  @IsInt({ message: INTEGER('EBAY_PROXY_TIMEOUT_MS', 100, 300000) })
  @Min(100, { message: INTEGER('EBAY_PROXY_TIMEOUT_MS', 100, 300000) })
  @Max(300000, { message: INTEGER('EBAY_PROXY_TIMEOUT_MS', 100, 300000) })
  EBAY_PROXY_TIMEOUT_MS?: number;

  @Transform(toInteger)
  @IsOptional()
  @IsInt({ message: INTEGER('EBAY_PROXY_MAX_RETRY_WAIT_MS', 0, 60000) })
  @Min(0, { message: INTEGER('EBAY_PROXY_MAX_RETRY_WAIT_MS', 0, 60000) })
  @Max(60000, { message: INTEGER('EBAY_PROXY_MAX_RETRY_WAIT_MS', 0, 60000) })
  EBAY_PROXY_MAX_RETRY_WAIT_MS?: number;

  @Transform(toInteger)
  @IsOptional()
  @IsInt({ message: INTEGER('EBAY_PROXY_MAX_CONCURRENT_PER_ACCOUNT', 1, 1000) })
  @Min(1, { message: INTEGER('EBAY_PROXY_MAX_CONCURRENT_PER_ACCOUNT', 1, 1000) })
  @Max(1000, { message: INTEGER('EBAY_PROXY_MAX_CONCURRENT_PER_ACCOUNT', 1, 1000) })
  EBAY_PROXY_MAX_CONCURRENT_PER_ACCOUNT?: number;

  @Transform(toInteger)
  @IsOptional()
  @IsInt({ message: INTEGER('EBAY_API_CALLS_RETENTION_DAYS', 1, 3650) })
  @Min(1, { message: INTEGER('EBAY_API_CALLS_RETENTION_DAYS', 1, 3650) })
  @Max(3650, { message: INTEGER('EBAY_API_CALLS_RETENTION_DAYS', 1, 3650) })
  EBAY_API_CALLS_RETENTION_DAYS?: number;

  @Transform(toBoolean)
  @IsOptional()
  @IsIn([true, false], { message: BOOLEAN('METRICS_ENABLED') })
  METRICS_ENABLED?: boolean;

  @Transform(toInteger)
  @IsOptional()
  @IsInt({ message: INTEGER('EVENTS_RETENTION_DAYS', 1, 3650) })
  @Min(1, { message: INTEGER('EVENTS_RETENTION_DAYS', 1, 3650) })
  @Max(3650, { message: INTEGER('EVENTS_RETENTION_DAYS', 1, 3650) })
  EVENTS_RETENTION_DAYS?: number;

  @Transform(toInteger)
  @IsOptional()
  @IsInt({ message: INTEGER('EVENTS_STREAMS_PER_USER', 1, 100) })
  @Min(1, { message: INTEGER('EVENTS_STREAMS_PER_USER', 1, 100) })
  @Max(100, { message: INTEGER('EVENTS_STREAMS_PER_USER', 1, 100) })
  EVENTS_STREAMS_PER_USER?: number;

  @Transform(toInteger)
  @IsOptional()
  @IsInt({ message: INTEGER('WEBHOOK_TIMEOUT_MS', 100, 60000) })
  @Min(100, { message: INTEGER('WEBHOOK_TIMEOUT_MS', 100, 60000) })
  @Max(60000, { message: INTEGER('WEBHOOK_TIMEOUT_MS', 100, 60000) })
  WEBHOOK_TIMEOUT_MS?: number;

  @Transform(blankToUndefined)
  @IsOptional()
  @Matches(/^\s*\d+\s*[smhd]\s*(,\s*\d+\s*[smhd]\s*)*$/, {
    message: 'WEBHOOK_RETRY_SCHEDULE must be comma-separated waits like 5s,5m,30m,2h,1d',
  })
  WEBHOOK_RETRY_SCHEDULE?: string;

  @Transform(toBoolean)
  @IsOptional()
  @IsIn([true, false], { message: BOOLEAN('WEBHOOK_ALLOW_INSECURE_TARGETS') })
  WEBHOOK_ALLOW_INSECURE_TARGETS?: boolean;

  @Transform(toInteger)
  @IsOptional()
  @IsInt({ message: INTEGER('WEBHOOK_CONCURRENCY', 1, 1000) })
  @Min(1, { message: INTEGER('WEBHOOK_CONCURRENCY', 1, 1000) })
  @Max(1000, { message: INTEGER('WEBHOOK_CONCURRENCY', 1, 1000) })
  WEBHOOK_CONCURRENCY?: number;

  @Transform(blankToUndefined)
  @IsOptional()
  @IsIn(['active', 'all'], { message: 'TOKEN_REFRESH_POLICY must be active or all' })
  TOKEN_REFRESH_POLICY?: 'active' | 'all';

  @Transform(toInteger)
  @IsOptional()
  @IsInt({ message: INTEGER('TOKEN_WARM_WINDOW_SECONDS', 3600, 2592000) })
  @Min(3600, { message: INTEGER('TOKEN_WARM_WINDOW_SECONDS', 3600, 2592000) })
  @Max(2592000, { message: INTEGER('TOKEN_WARM_WINDOW_SECONDS', 3600, 2592000) })
  TOKEN_WARM_WINDOW_SECONDS?: number;

  @Transform(toInteger)
  @IsOptional()
  @IsInt({ message: INTEGER('EBAY_DAILY_REFRESH_GRANT_LIMIT', 1, 10000000) })
  @Min(1, { message: INTEGER('EBAY_DAILY_REFRESH_GRANT_LIMIT', 1, 10000000) })
  @Max(10000000, { message: INTEGER('EBAY_DAILY_REFRESH_GRANT_LIMIT', 1, 10000000) })
  EBAY_DAILY_REFRESH_GRANT_LIMIT?: number;

  @Transform(blankToUndefined)
  @IsOptional()
  @IsString()
  CORS_ORIGINS?: string;

  @Transform(toInteger)
  @IsOptional()
  @IsInt({ message: INTEGER('TRUST_PROXY_HOPS', 0, 10) })
  @Min(0, { message: INTEGER('TRUST_PROXY_HOPS', 0, 10) })
  @Max(10, { message: INTEGER('TRUST_PROXY_HOPS', 0, 10) })
  TRUST_PROXY_HOPS?: number;

  @Transform(blankToUndefined)
  @IsOptional()
  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
    message: 'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent',
  })
  LOG_LEVEL?: string;

  @Transform(blankToUndefined)
  @IsOptional()
  @IsIn(['json', 'pretty'], { message: 'LOG_FORMAT must be json or pretty' })
  LOG_FORMAT?: string;
}

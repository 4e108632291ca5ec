import { EBAY_API_LIST, type EbayApi } from './ebay-apis';
import { gatewayErrors } from './ebay-errors';

/** eBay counts daily call limits from midnight in this time zone (docs/ebay.md, section 4). */
const QUOTA_TIME_ZONE = 'America/Los_Angeles';
const DAY_SECONDS = 24 * 60 * 60;
const HOUR_MS = 60 * 60 * 1000;

const WALL_CLOCK = new Intl.DateTimeFormat('en-CA', {
  timeZone: QUOTA_TIME_ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/** One entry of Developer Analytics' `rates`. */
export interface Rate {
  count: number;
  limit: number;
  remaining: number;
  /** ISO 8601: the next quota-day midnight. */
  reset: string;
  timeWindow: number;
}

/** One entry of Developer Analytics' `rateLimits`. */
export interface ApiRateLimit {
  apiContext: string;
  apiName: string;
  apiVersion: string;
  resources: { name: string; rates: Rate[] }[];
}

/** What the control API shows: the day's counts by app and by seller, and the limits in force. */
export interface UsageView {
  /** The quota day the counts belong to, YYYY-MM-DD in Pacific time. */
  quotaDay: string;
  limits: Record<string, number>;
  /** clientId → resource → calls. */
  apps: Record<string, Record<string, number>>;
  /** Username → resource → calls, whichever app made them. */
  users: Record<string, Record<string, number>>;
}

/**
 * The calls the emulator served today, per app and per seller, for each API: what Developer
 * Analytics reports, and what its daily limits are checked against. A call counts once its
 * token was accepted (faulted calls and refused tokens never reach an API). A seller's count
 * adds up every app's calls for them, as eBay's user-based limits do.
 */
export class ApiUsage {
  private quotaDay = '';
  // The stretch of the emulator's clock known to fall in quotaDay, so most calls skip the time zone maths.
  private knownFromMs = Number.POSITIVE_INFINITY;
  private knownUntilMs = Number.NEGATIVE_INFINITY;
  private appCounts = new Map<string, Map<string, number>>();
  private userCounts = new Map<string, Map<string, number>>();
  private readonly limitOverrides = new Map<string, number>();

  constructor(private readonly nowMs: () => number) {}

  /** Counts a served call, or answers eBay's 429 (errorId 2001) when the day's limit is used up. */
  record(api: EbayApi, clientId: string, userId: string | undefined): void {
    this.startDayIfNew();
    const limit = this.limitOf(api);
    const app = countsOf(this.appCounts, clientId);
    const user = userId === undefined ? undefined : countsOf(this.userCounts, userId);
    if ((app.get(api.resource) ?? 0) >= limit || (user?.get(api.resource) ?? 0) >= limit) {
      throw gatewayErrors.tooManyRequests();
    }
    app.set(api.resource, (app.get(api.resource) ?? 0) + 1);
    user?.set(api.resource, (user.get(api.resource) ?? 0) + 1);
  }

  /** getRateLimits: the app's calls. */
  appRateLimits(clientId: string, apis: readonly EbayApi[]): ApiRateLimit[] {
    this.startDayIfNew();
    return this.rateLimits(this.appCounts.get(clientId), apis);
  }

  /** getUserRateLimits: the seller's calls. */
  userRateLimits(userId: string, apis: readonly EbayApi[]): ApiRateLimit[] {
    this.startDayIfNew();
    return this.rateLimits(this.userCounts.get(userId), apis);
  }

  /** A lower (or higher) daily limit for one resource, so a test can reach it; undefined restores eBay's. */
  setLimit(resource: string, limit: number | undefined): void {
    if (limit === undefined) this.limitOverrides.delete(resource);
    else this.limitOverrides.set(resource, limit);
  }

  /** `usernameOf` names each seller (by their id when they are gone). */
  view(usernameOf: (userId: string) => string): UsageView {
    this.startDayIfNew();
    const plain = (
      counts: Map<string, Map<string, number>>,
      name: (key: string) => string,
    ): Record<string, Record<string, number>> =>
      Object.fromEntries([...counts].map(([key, perResource]) => [name(key), Object.fromEntries(perResource)]));
    return {
      quotaDay: this.quotaDay,
      limits: Object.fromEntries(EBAY_API_LIST.map((api) => [api.resource, this.limitOf(api)])),
      apps: plain(this.appCounts, (clientId) => clientId),
      users: plain(this.userCounts, usernameOf),
    };
  }

  /** Whether `resource` names an API the emulator counts. */
  static isKnownResource(resource: string): boolean {
    return EBAY_API_LIST.some((api) => api.resource === resource);
  }

  /** Counts back to zero and eBay's limits back in force. */
  clear(): void {
    this.appCounts = new Map();
    this.userCounts = new Map();
    this.limitOverrides.clear();
  }

  private rateLimits(counts: Map<string, number> | undefined, apis: readonly EbayApi[]): ApiRateLimit[] {
    const reset = new Date(nextQuotaDayStartMs(this.nowMs())).toISOString();
    return apis.map((api) => {
      const count = counts?.get(api.resource) ?? 0;
      const limit = this.limitOf(api);
      return {
        apiContext: api.apiContext,
        apiName: api.apiName,
        apiVersion: api.apiVersion,
        resources: [
          { name: api.resource, rates: [{ count, limit, remaining: Math.max(0, limit - count), reset, timeWindow: DAY_SECONDS }] },
        ],
      };
    });
  }

  private limitOf(api: EbayApi): number {
    return this.limitOverrides.get(api.resource) ?? api.dailyLimit;
  }

  /** A new quota day (the emulator's clock, offset included, crossed midnight) starts from zero. */
  private startDayIfNew(): void {
    const nowMs = this.nowMs();
    if (nowMs >= this.knownFromMs && nowMs < this.knownUntilMs) return;
    const day = quotaDayOf(nowMs);
    this.knownFromMs = nowMs;
    this.knownUntilMs = nextQuotaDayStartMs(nowMs);
    if (day === this.quotaDay) return;
    this.quotaDay = day;
    this.appCounts = new Map();
    this.userCounts = new Map();
  }
}

function countsOf(counts: Map<string, Map<string, number>>, key: string): Map<string, number> {
  let perResource = counts.get(key);
  if (perResource === undefined) {
    perResource = new Map();
    counts.set(key, perResource);
  }
  return perResource;
}

interface WallClock {
  day: string;
  secondsIntoDay: number;
}

function wallClockOf(ms: number): WallClock {
  const parts = Object.fromEntries(WALL_CLOCK.formatToParts(new Date(ms)).map((part) => [part.type, part.value]));
  return {
    day: `${parts.year}-${parts.month}-${parts.day}`,
    secondsIntoDay: Number(parts.hour) * 3600 + Number(parts.minute) * 60 + Number(parts.second),
  };
}

/** YYYY-MM-DD of the quota day `ms` falls in. */
export function quotaDayOf(ms: number): string {
  return wallClockOf(ms).day;
}

/** When the quota day after the one `ms` falls in starts: midnight in Pacific time. */
export function nextQuotaDayStartMs(ms: number): number {
  const wholeSecondMs = Math.floor(ms / 1000) * 1000;
  const { secondsIntoDay } = wallClockOf(wholeSecondMs);
  let candidate = wholeSecondMs + (DAY_SECONDS - secondsIntoDay) * 1000;
  // A day of 23 or 25 hours (daylight saving) lands the candidate an hour off midnight.
  const { secondsIntoDay: landed } = wallClockOf(candidate);
  if (landed === 23 * 3600) candidate += HOUR_MS;
  else if (landed === 3600) candidate -= HOUR_MS;
  return candidate;
}

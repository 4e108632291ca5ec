/** What other modules may use of rate limits: the module, the service and the rule's shape. */
export { RateLimitsModule } from './rate-limits.module';
export type { RateLimitRule } from './rate-limit-rule';
export { RateLimitsService } from './rate-limits.service';

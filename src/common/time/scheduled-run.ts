const SECONDS_PER_DAY = 86_400;

/**
 * The scheduled run a firing of a daily schedule (HEALTH_CHECK_CRON, SYNC_CRON) belongs to: of
 * its run times (seconds after midnight UTC, ascending), the instant nearest to `now`. Every
 * replica's timer fires a little after that instant, so they all name the same run, however
 * late each one's event loop got to it (up to half the gap between two runs).
 */
export function scheduledRunNearest(now: Date, runSeconds: readonly number[]): Date {
  const midnight = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const candidates = [runSeconds[runSeconds.length - 1] - SECONDS_PER_DAY, ...runSeconds, runSeconds[0] + SECONDS_PER_DAY];
  let nearest = midnight + candidates[0] * 1000;
  for (const seconds of candidates) {
    const instant = midnight + seconds * 1000;
    if (Math.abs(instant - now.getTime()) < Math.abs(nearest - now.getTime())) nearest = instant;
  }
  return new Date(nearest);
}

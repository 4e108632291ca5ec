import { Injectable } from '@nestjs/common';
import { HealthIndicatorService, type HealthIndicatorResult } from '@nestjs/terminus';
import { DataSource } from 'typeorm';
import { MIGRATIONS_DIR } from '../database/data-source-options';
import { migrationMismatch, readMigrationState } from '../database/migration-state';
import { withTimeout } from '../common/time/with-timeout';

/**
 * Down while this build and the database disagree: a migration is pending (its queries would
 * fail), the build holds none, or the database was migrated by a newer build.
 */
@Injectable()
export class MigrationsHealthIndicator {
  constructor(
    private readonly dataSource: DataSource,
    private readonly indicators: HealthIndicatorService,
  ) {}

  async check<Key extends string>(key: Key, timeoutMs: number): Promise<HealthIndicatorResult<Key>> {
    const indicator = this.indicators.check(key);
    let state;
    try {
      state = await withTimeout(readMigrationState(this.dataSource), timeoutMs);
    } catch {
      return indicator.down({ message: 'Could not read the applied migrations' });
    }
    const mismatch = migrationMismatch(state, MIGRATIONS_DIR);
    if (mismatch !== undefined) return indicator.down({ message: mismatch, unknown: state.unknown });
    return state.pending.length === 0 ? indicator.up() : indicator.down({ pending: state.pending });
  }
}

import { Injectable } from '@nestjs/common';
import { HealthIndicatorService, type HealthIndicatorResult } from '@nestjs/terminus';
import { DataSource } from 'typeorm';
import { listPendingMigrations } from '../database/migration-runner';

/** Down while the database lacks a migration this build expects: its queries would fail. */
@Injectable()
export class MigrationsHealthIndicator {
  constructor(
    private readonly dataSource: DataSource,
    private readonly indicators: HealthIndicatorService,
  ) {}

  async check<Key extends string>(key: Key): Promise<HealthIndicatorResult<Key>> {
    const indicator = this.indicators.check(key);
    try {
      const pending = await listPendingMigrations(this.dataSource);
      return pending.length === 0 ? indicator.up() : indicator.down({ pending });
    } catch {
      return indicator.down({ message: 'Could not read the applied migrations' });
    }
  }
}

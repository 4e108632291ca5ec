import type { DataSource } from 'typeorm';
import { EmailTakenError } from '../auth/auth.errors';
import { User } from '../auth/entities/user.entity';
import { PasswordHasher } from '../auth/password-hasher';
import { UsersRepository } from '../auth/users.repository';
import { UsersService } from '../auth/users.service';
import type { Configuration, DatabaseConfig } from '../config/configuration';
import { EmbeddedDatabaseInUseError } from '../database/embedded-postgres';
import { prepareSchema } from '../database/migration-runner';
import { MigrationMismatchError } from '../database/migration-state';
import { createStandaloneDataSource } from '../database/standalone-data-source';
import { CommandRefusal } from './command-refusal';
import { validateRegistrationCredentials } from './registration-credentials';

/**
 * Creates an active administrator with the registration rules, hashing and insert of the API
 * (UsersService.create), on a database brought up to date first.
 */
export async function createAdministrator(configuration: Configuration, email: string, password: string): Promise<User> {
  const credentials = await validateRegistrationCredentials(email, password);
  const dataSource = await openDatabase(configuration.database);
  try {
    await bringSchemaUpToDate(dataSource, configuration.database);
    const users = new UsersService(
      new UsersRepository(dataSource.getRepository(User), dataSource),
      new PasswordHasher(),
      configuration.auth,
    );
    return await users.create({ ...credentials, isAdmin: true });
  } catch (error) {
    if (!(error instanceof EmailTakenError)) throw error;
    // No --promote: an admin can already do that through the API, with the request logged.
    throw new CommandRefusal(
      `A user with the email ${credentials.email} already exists; to make an existing user an ` +
        'administrator, sign in as an admin and send PATCH /api/admin/users/:id {"isAdmin": true}',
    );
  } finally {
    await dataSource.destroy();
  }
}

async function openDatabase(database: DatabaseConfig): Promise<DataSource> {
  try {
    return await (await createStandaloneDataSource(database, [User])).initialize();
  } catch (error) {
    if (!(error instanceof EmbeddedDatabaseInUseError)) throw error;
    throw new CommandRefusal(
      `The embedded database in ${error.folder} is open in process ${error.ownerPid}, most likely the ` +
        'running service; only one process at a time can open it: stop the service, run this ' +
        'command, then start the service again',
    );
  }
}

/** Like the service at start: pending migrations run under the lock, unless DB_MIGRATIONS_RUN=false. */
async function bringSchemaUpToDate(dataSource: DataSource, database: DatabaseConfig): Promise<void> {
  let pending: readonly string[];
  try {
    ({ pending } = await prepareSchema(dataSource, database.migrationsRun));
  } catch (error) {
    if (error instanceof MigrationMismatchError) throw new CommandRefusal(error.message);
    throw error;
  }
  if (pending.length > 0) {
    throw new CommandRefusal(
      `The database lacks ${pending.length} migration(s) and DB_MIGRATIONS_RUN=false: ` +
        'apply them first (npm run migration:run), then run this command again',
    );
  }
}

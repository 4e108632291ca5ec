/**
 * `npm run admin:create -- --email ops@example.com` (production:
 * `node dist/src/cli/create-admin.js --email ops@example.com`): creates an active administrator,
 * the way in when ALLOW_REGISTRATION=false leaves nobody to register first. The password is
 * typed at a prompt or piped on stdin, never passed in argv. Applies pending migrations first,
 * so it works on an empty database. With the embedded database, stop the service first.
 */
import 'reflect-metadata';
import { readConfigurationOrExit } from '../config/config.module';
import { CommandRefusal } from './command-refusal';
import { CREATE_ADMIN_USAGE, parseCreateAdminArguments } from './create-admin-arguments';
import { readPassword } from './password-input';

async function main(): Promise<void> {
  const parsed = parseCreateAdminArguments(process.argv.slice(2));
  if (parsed.help) {
    process.stdout.write(`${CREATE_ADMIN_USAGE}\n`);
    return;
  }
  const configuration = readConfigurationOrExit();
  // The prompt is up (echo off) before Nest and TypeORM load, which takes seconds: a password
  // typed meanwhile waits unseen instead of being echoed by the terminal.
  const [password, { createAdministrator }] = await Promise.all([
    readPassword(process.stdin, process.stderr),
    import('./administrator-creation.js'),
  ]);
  const admin = await createAdministrator(configuration, parsed.email, password);
  process.stdout.write(`Created administrator ${admin.email} (id ${admin.id})\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(
    error instanceof CommandRefusal
      ? `${error.message}\n`
      : `Creating the administrator failed: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exitCode = 1;
});

import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface EmbeddedPostgres {
  /** A postgres:// URL for the ordinary `pg` driver. */
  readonly url: string;
  stop(): Promise<void>;
}

/** PGlite is one backend session: a larger pool would only queue behind it. */
export const EMBEDDED_POOL_SIZE = 1;

/**
 * Starts PGlite (PostgreSQL compiled to WebAssembly) on a data folder and serves it on an
 * ephemeral 127.0.0.1 port, so the app uses the same driver and migrations as in production.
 * A pid file keeps a second process off the same folder. PGlite is imported lazily: a
 * production start (DATABASE_URL set) never loads it.
 */
export async function startEmbeddedPostgres(dataDir: string): Promise<EmbeddedPostgres> {
  const folder = join(dataDir, 'pgdata');
  const lockPath = join(dataDir, 'pgdata.pid');
  if (openFolders.has(folder)) {
    throw new Error(`The embedded database in ${folder} is already open in this process`);
  }
  mkdirSync(dataDir, { recursive: true });
  claimLock(lockPath, folder);
  openFolders.add(folder);
  try {
    const { PGlite } = await import('@electric-sql/pglite');
    const { PGLiteSocketServer } = await import('@electric-sql/pglite-socket');
    const db = await PGlite.create(folder);
    const server = new PGLiteSocketServer({
      db,
      host: '127.0.0.1',
      port: 0,
      maxConnections: EMBEDDED_POOL_SIZE * 4,
    });
    await server.start();
    return {
      url: `postgresql://postgres@${server.getServerConn()}/postgres`,
      async stop() {
        await server.stop();
        await db.close();
        release();
      },
    };
  } catch (error) {
    release();
    throw error;
  }

  function release(): void {
    rmSync(lockPath, { force: true });
    openFolders.delete(folder);
  }
}

/** Another live process holds the folder's pid file: the service, or another command. */
export class EmbeddedDatabaseInUseError extends Error {
  constructor(
    readonly folder: string,
    readonly ownerPid: number,
  ) {
    super(`The embedded database in ${folder} is in use by process ${ownerPid}; stop it, or set DATABASE_URL or DATA_DIR`);
    this.name = 'EmbeddedDatabaseInUseError';
  }
}

const openFolders = new Set<string>();

function claimLock(lockPath: string, folder: string): void {
  try {
    writeFileSync(lockPath, String(process.pid), { flag: 'wx' });
    return;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const owner = Number(readFileSync(lockPath, 'utf8').trim());
  if (Number.isInteger(owner) && owner !== process.pid && isAlive(owner)) {
    throw new EmbeddedDatabaseInUseError(folder, owner);
  }
  // The previous owner died without cleaning up (kill -9), or was an earlier container whose
  // pid we reuse: the folder is ours now.
  writeFileSync(lockPath, String(process.pid));
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface LocalSecret {
  readonly value: string;
  readonly path: string;
  readonly created: boolean;
}

/**
 * Reads a secret kept in the data folder, creating it on first use. Outside production the
 * service generates what an operator did not set, and must find the same value after a
 * restart (or every JWT and every stored token would become unreadable).
 */
export function readOrCreateLocalSecret(
  dataDir: string,
  fileName: string,
  generate: () => string,
): LocalSecret {
  const path = join(dataDir, fileName);
  mkdirSync(dataDir, { recursive: true });
  try {
    // 'wx' fails when the file exists, so two processes starting together keep one value.
    writeFileSync(path, `${generate()}\n`, { flag: 'wx', mode: 0o600 });
    return { value: readSecret(path), path, created: true };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return { value: readSecret(path), path, created: false };
  }
}

function readSecret(path: string): string {
  return readFileSync(path, 'utf8').trim();
}

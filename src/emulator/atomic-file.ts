import { randomBytes } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * Replaces `path` with `text` so that a reader (or the next start after a crash) sees the old
 * file or the new one, never a torn one: the text goes to a temporary file beside it, is
 * synced to disk, then renamed over it. The file is created with `mode` (the state file holds
 * tokens: 0o600).
 */
export async function writeFileAtomically(path: string, text: string, mode: number): Promise<void> {
  // Same directory, so the rename never crosses a file system; a random name, so a leftover
  // from a killed process is never reused with its old mode.
  const temporary = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const file = await open(temporary, 'wx', mode);
    try {
      // open() applies the umask; the mode asked for is the mode meant.
      await file.chmod(mode);
      await file.writeFile(text, 'utf8');
      await file.sync();
    } finally {
      await file.close();
    }
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

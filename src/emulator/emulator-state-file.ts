import { mkdir, readFile, rename } from 'node:fs/promises';
import { dirname } from 'node:path';
import { writeFileAtomically } from './atomic-file';
import { CoalescingSaver } from './coalescing-saver';
import type { EmulatorState } from './emulator-state';
import { decodeStateFile, encodeStateFile, StateFileFormatError } from './state-file-format';

/** Writes come at most this often; a crash loses at most about this much. */
const SAVE_INTERVAL_MS = 200;
/** It holds refresh and access tokens. */
const FILE_MODE = 0o600;

export interface StateFile {
  /** Writes what is still pending, then stops writing. */
  close(): Promise<void>;
}

/**
 * Lets `state` outlive restarts, as eBay's does: loads the file (a file that cannot be loaded
 * is set aside, and the state starts fresh), then writes it after every change to what it
 * keeps. docs/emulator.md, "State file".
 */
export async function attachStateFile(
  path: string,
  state: EmulatorState,
  log: (line: string) => void,
): Promise<StateFile> {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  const restored = await load(path, state, log);
  let failing = false;
  const saver = new CoalescingSaver(
    async () => {
      await writeFileAtomically(path, encodeStateFile(state.snapshot(), new Date()), FILE_MODE);
      if (failing) log(`eBay emulator: state file ${path} written again`);
      failing = false;
    },
    SAVE_INTERVAL_MS,
    (error) => {
      // One line when writing starts failing, not one per change against a full disk.
      if (!failing) log(`eBay emulator: could not write state file ${path} (${summary(error)}); retrying on the next change`);
      failing = true;
    },
  );
  state.onChange(() => saver.changed());
  // A fresh start's seeded history is dated from now; written without waiting for a change, the next start keeps it.
  if (!restored) saver.changed();
  return { close: () => saver.close() };
}

/** True when the file's state was restored; false for a fresh start. */
async function load(path: string, state: EmulatorState, log: (line: string) => void): Promise<boolean> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return false;
    // Setting a directory aside would surprise whoever named it; that is a configuration mistake.
    if (errorCode(error) === 'EISDIR') throw new Error(`The emulator state file ${path} is a directory`);
    await setAside(path, `could not be read (${summary(error)})`, state, log);
    return false;
  }
  try {
    state.restore(decodeStateFile(text));
    return true;
  } catch (error) {
    const reason =
      error instanceof StateFileFormatError ? error.message : `does not hold emulator state (${summary(error)})`;
    await setAside(path, reason, state, log);
    return false;
  }
}

/** Keeps a file that could not be loaded for someone to look at, rather than overwriting it. */
async function setAside(path: string, reason: string, state: EmulatorState, log: (line: string) => void): Promise<void> {
  // A restore that failed halfway leaves part of the file's state behind.
  state.reset();
  const aside = `${path}.corrupt-${new Date().toISOString().replace(/[:.]/g, '-')}`;
  try {
    await rename(path, aside);
  } catch (error) {
    throw new Error(`The emulator state file ${path} ${reason}, and could not be moved aside (${summary(error)})`);
  }
  log(`eBay emulator: state file ${path} ${reason}; starting fresh, the file is kept as ${aside}`);
}

// Duck-typed, not instanceof Error: errors from node:fs come from another realm under Jest.
function errorFields(error: unknown): { code?: unknown; message?: unknown } {
  return typeof error === 'object' && error !== null ? error : {};
}

function errorCode(error: unknown): string | undefined {
  const { code } = errorFields(error);
  return typeof code === 'string' ? code : undefined;
}

function summary(error: unknown): string {
  const { message } = errorFields(error);
  return errorCode(error) ?? (typeof message === 'string' ? message : String(error));
}

import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const CLI_DIR = join(__dirname, '..', '..', 'dist', 'src', 'cli');

export interface CliRunOptions {
  /** Exactly the environment the command sees (plus PATH): nothing of the test runner's leaks in. */
  readonly env: Record<string, string>;
  /** What is piped to stdin, which is then closed; by default stdin is closed at once. */
  readonly stdin?: string;
  /** By default a fresh scratch folder, so no `.env` of the repository is read. */
  readonly cwd?: string;
}

export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs a built maintenance command (`node dist/src/cli/<script>`, what its npm script runs) to
 * the end, with stdin a pipe (not a terminal), and collects what it printed.
 */
export function runCli(script: string, args: readonly string[], options: CliRunOptions): Promise<CliRun> {
  const path = join(CLI_DIR, script);
  if (!existsSync(path)) throw new Error(`${path} is missing: run "npm run build" first (npm test does)`);
  const child = spawn(process.execPath, [path, ...args], {
    cwd: options.cwd ?? mkdtempSync(join(tmpdir(), 'ebay-connect-cli-')),
    env: { PATH: process.env.PATH ?? '', ...options.env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  // A command that exits before reading its input closes the pipe; that is its answer, not ours.
  child.stdin.on('error', () => undefined);
  child.stdin.end(options.stdin);
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** What `node dist/src/emulator/main.js` was asked for. */
export interface EmulatorCliArguments {
  /** The api (and auth) host's port. */
  readonly port: number;
  /** The apiz host's port. */
  readonly apizPort: number;
  readonly host: string;
  /** Absent: memory only. */
  readonly stateFile?: string;
}

export const DEFAULT_CLI_PORT = 4010;

/**
 * Parses `--port=N`, `--apiz-port=N`, `--host=H` and `--state-file=PATH` (also `--port N`).
 * Without `--apiz-port`, apiz listens on the port after `--port` (4011 by default; a free one
 * when `--port=0`). Anything else is a mistake worth stopping for: an emulator silently on the
 * wrong port wastes an afternoon.
 */
export function parseCliArguments(argv: readonly string[]): EmulatorCliArguments {
  let port = DEFAULT_CLI_PORT;
  let apizPort: number | undefined;
  let host = '127.0.0.1';
  let stateFile: string | undefined;
  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index] ?? '';
    const [flag = '', inlineValue] = argument.split(/=(.*)/s, 2);
    const value = inlineValue ?? argv[++index];
    if (value === undefined || value === '') throw new Error(`${flag} needs a value`);
    if (flag === '--port') {
      port = parsePort(flag, value);
    } else if (flag === '--apiz-port') {
      apizPort = parsePort(flag, value);
    } else if (flag === '--host') {
      host = value;
    } else if (flag === '--state-file') {
      stateFile = value;
    } else {
      throw new Error(`Unknown argument "${argument}" (use --port=N, --apiz-port=N, --host=H and --state-file=PATH)`);
    }
  }
  apizPort ??= port === 0 ? 0 : port + 1;
  if (apizPort > 65_535) throw new Error(`--apiz-port is needed: the port after ${port} is not one`);
  if (apizPort !== 0 && apizPort === port) throw new Error(`--port and --apiz-port must differ, both are ${port}`);
  return stateFile === undefined ? { port, apizPort, host } : { port, apizPort, host, stateFile };
}

function parsePort(flag: string, value: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65_535) throw new Error(`${flag} must be 0-65535, got "${value}"`);
  return port;
}

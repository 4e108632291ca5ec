/** What `node dist/src/emulator/main.js` was asked for. */
export interface EmulatorCliArguments {
  readonly port: number;
  readonly host: string;
  /** Absent: memory only. */
  readonly stateFile?: string;
}

export const DEFAULT_CLI_PORT = 4010;

/**
 * Parses `--port=N`, `--host=H` and `--state-file=PATH` (also `--port N`). Anything else is a mistake worth
 * stopping for: an emulator silently on the wrong port wastes an afternoon.
 */
export function parseCliArguments(argv: readonly string[]): EmulatorCliArguments {
  let port = DEFAULT_CLI_PORT;
  let host = '127.0.0.1';
  let stateFile: string | undefined;
  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index] ?? '';
    const [flag = '', inlineValue] = argument.split(/=(.*)/s, 2);
    const value = inlineValue ?? argv[++index];
    if (value === undefined || value === '') throw new Error(`${flag} needs a value`);
    if (flag === '--port') {
      port = Number(value);
      if (!/^\d+$/.test(value) || port > 65_535) throw new Error(`--port must be 0-65535, got "${value}"`);
    } else if (flag === '--host') {
      host = value;
    } else if (flag === '--state-file') {
      stateFile = value;
    } else {
      throw new Error(`Unknown argument "${argument}" (use --port=N, --host=H and --state-file=PATH)`);
    }
  }
  return stateFile === undefined ? { port, host } : { port, host, stateFile };
}

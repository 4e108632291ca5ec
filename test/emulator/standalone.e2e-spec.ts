import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

/** `node src/emulator/main.ts` through ts-node (swc), as `npm run emulator` runs its build. */
function startStandalone(args: string[]): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  const child = spawn(process.execPath, ['-r', 'ts-node/register', join(ROOT, 'src/emulator/main.ts'), ...args], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      TS_NODE_SWC: 'true',
      // ts-node's swc path does not know TypeScript's module "node20" and would emit ESM.
      TS_NODE_COMPILER_OPTIONS: '{"module":"commonjs"}',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

async function waitFor(output: () => string, pattern: RegExp, timeoutMs = 20_000): Promise<RegExpExecArray> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const match = pattern.exec(output());
    if (match !== null) return match;
    if (Date.now() > deadline) throw new Error(`No ${pattern} in:\n${output()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('emulator: standalone (src/emulator/main.ts)', () => {
  // Each start pays ts-node's ~3 s compile, so both processes start together.
  let serving: ReturnType<typeof startStandalone>;
  let refusing: ReturnType<typeof startStandalone>;
  let stateDirectory: string;

  beforeAll(() => {
    stateDirectory = mkdtempSync(join(tmpdir(), 'emulator-standalone-'));
    serving = startStandalone(['--port=0', `--state-file=${join(stateDirectory, 'state.json')}`]);
    refusing = startStandalone(['--prot=4010']);
  });
  afterAll(() => {
    serving.child.kill('SIGKILL');
    refusing.child.kill('SIGKILL');
    rmSync(stateDirectory, { recursive: true, force: true });
  });

  it('prints a consent link that works end to end, and exits 0 on SIGTERM with its state written', async () => {
    const [, baseUrl = ''] = await waitFor(serving.output, /listening on (http:\/\/\S+)/);
    const [, consentLink = ''] = await waitFor(serving.output, /consent page:\s+(\S+)/);
    expect(serving.output()).toContain('client secret:');

    expect((await fetch(consentLink)).status).toBe(200);
    const approved = await fetch(`${consentLink}&emulator_user=seller_one&emulator_action=approve`, {
      redirect: 'manual',
    });
    const landing = new URL(approved.headers.get('location') ?? '');
    expect(`${landing.origin}${landing.pathname}`).toBe(`${baseUrl}/__emulator/landing`);
    const page = await (await fetch(landing)).text();
    expect(page).toContain('grant_type=authorization_code');
    expect(page).toContain(`${baseUrl}/identity/v1/oauth2/token`);

    serving.child.kill('SIGTERM');
    expect(await serving.exited).toBe(0);
    const state = JSON.parse(readFileSync(join(stateDirectory, 'state.json'), 'utf8')) as {
      tokens: { codes: { code: string }[] };
    };
    expect(state.tokens.codes.map((code) => code.code)).toEqual([landing.searchParams.get('code')]);
  });

  it('refuses an argument it does not know, with exit code 1', async () => {
    expect(await refusing.exited).toBe(1);
    expect(refusing.output()).toContain('Unknown argument "--prot=4010"');
  });
});

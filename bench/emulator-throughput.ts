/**
 * How fast the eBay emulator answers, so later benchmarks know it is not their bottleneck.
 * Starts an emulator in this process and drives it over real HTTP with Node's fetch, whose
 * connections stay alive between calls (16 callers, so 16 connections):
 * refresh_token grants per second and getOrders pages (limit=200) per second, next to a
 * baseline of the cheapest call there is (GET /__emulator/stats) measured in the same run.
 * Client and emulator share one thread, so every figure is a lower bound for one core.
 *
 *   npm run bench:emulator -- --seconds=5 --concurrency=16
 */
import { DEFAULT_EMULATOR_APP, startEmulator } from '../src/emulator';

interface Options {
  seconds: number;
  concurrency: number;
}

interface Measurement {
  name: string;
  requests: number;
  failures: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
}

const RUNAME = 'Bench-RuName';
const SCOPES = [
  'https://api.ebay.com/oauth/api_scope',
  'https://api.ebay.com/oauth/api_scope/sell.fulfillment',
  'https://api.ebay.com/oauth/api_scope/commerce.identity.readonly',
].join(' ');

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const emulator = await startEmulator();
  try {
    emulator.registerRuName(DEFAULT_EMULATOR_APP.clientId, {
      ruName: RUNAME,
      acceptUrl: 'http://127.0.0.1:9/accept',
      declineUrl: 'http://127.0.0.1:9/decline',
    });
    const { accessToken, refreshToken } = await connect(emulator.baseUrl);
    const basic = `Basic ${Buffer.from(`${DEFAULT_EMULATOR_APP.clientId}:${DEFAULT_EMULATOR_APP.clientSecret}`).toString('base64')}`;
    const refreshBody = new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refreshToken }).toString();

    const call = (url: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}) =>
      async (): Promise<boolean> => {
        const response = await fetch(url, init);
        await response.arrayBuffer();
        return response.status === 200;
      };

    const baseline = await measure('baseline: GET /__emulator/stats', options, call(`${emulator.baseUrl}/__emulator/stats`));
    const grants = await measure(
      'token: refresh_token grant',
      options,
      call(`${emulator.baseUrl}/identity/v1/oauth2/token`, {
        method: 'POST',
        headers: { authorization: basic, 'content-type': 'application/x-www-form-urlencoded' },
        body: refreshBody,
      }),
    );
    const pages = await measure(
      'getOrders: limit=200 page',
      options,
      call(`${emulator.baseUrl}/sell/fulfillment/v1/order?limit=200`, { headers: { authorization: `Bearer ${accessToken}` } }),
    );

    console.log(`eBay emulator throughput: ${options.concurrency} keep-alive callers, ${options.seconds} s per figure, Node ${process.version}`);
    for (const m of [baseline, grants, pages]) {
      console.log(
        `  ${m.name.padEnd(34)} ${m.perSecond.toFixed(0).padStart(7)}/s  p50 ${m.p50Ms.toFixed(2)} ms  p99 ${m.p99Ms.toFixed(
          2,
        )} ms  ${m.requests} requests, ${m.failures} failed  (${(m.perSecond / baseline.perSecond).toFixed(2)}× baseline)`,
      );
    }
  } finally {
    await emulator.close();
  }
}

/** A seller's tokens through the automated consent and the code exchange. */
async function connect(baseUrl: string): Promise<{ accessToken: string; refreshToken: string }> {
  const consent = new URLSearchParams({
    client_id: DEFAULT_EMULATOR_APP.clientId,
    redirect_uri: RUNAME,
    response_type: 'code',
    scope: SCOPES,
    emulator_user: 'seller_one',
    emulator_action: 'approve',
  });
  const redirect = await fetch(`${baseUrl}/oauth2/authorize?${consent.toString()}`, { redirect: 'manual' });
  const code = new URL(redirect.headers.get('location') ?? '').searchParams.get('code') ?? '';
  const response = await fetch(`${baseUrl}/identity/v1/oauth2/token`, {
    method: 'POST',
    headers: {
      authorization: `Basic ${Buffer.from(`${DEFAULT_EMULATOR_APP.clientId}:${DEFAULT_EMULATOR_APP.clientSecret}`).toString('base64')}`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: RUNAME }).toString(),
  });
  const body = (await response.json()) as { access_token?: string; refresh_token?: string };
  if (body.access_token === undefined || body.refresh_token === undefined) {
    throw new Error(`Could not connect a seller: ${response.status} ${JSON.stringify(body)}`);
  }
  return { accessToken: body.access_token, refreshToken: body.refresh_token };
}

/** `concurrency` callers in a loop for the warm-up, then for `seconds`; latencies of the measured part only. */
async function measure(name: string, options: Options, request: () => Promise<boolean>): Promise<Measurement> {
  await runFor(Math.min(1, options.seconds / 4), options.concurrency, request);
  const latencies: number[] = [];
  let failures = 0;
  const startedAt = performance.now();
  await runFor(options.seconds, options.concurrency, request, (ms, isOk) => {
    latencies.push(ms);
    if (!isOk) failures += 1;
  });
  const elapsedSeconds = (performance.now() - startedAt) / 1000;
  latencies.sort((a, b) => a - b);
  const percentile = (p: number): number => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))] ?? 0;
  return {
    name,
    requests: latencies.length,
    failures,
    perSecond: latencies.length / elapsedSeconds,
    p50Ms: percentile(0.5),
    p99Ms: percentile(0.99),
  };
}

async function runFor(
  seconds: number,
  concurrency: number,
  request: () => Promise<boolean>,
  record: (ms: number, isOk: boolean) => void = () => undefined,
): Promise<void> {
  const deadline = performance.now() + seconds * 1000;
  const caller = async (): Promise<void> => {
    while (performance.now() < deadline) {
      const startedAt = performance.now();
      const isOk = await request().catch(() => false);
      record(performance.now() - startedAt, isOk);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, caller));
}

function parseOptions(argv: readonly string[]): Options {
  const options: Options = { seconds: 3, concurrency: 16 };
  for (const argument of argv) {
    const match = /^--(seconds|concurrency)=(\d+(?:\.\d+)?)$/.exec(argument);
    if (match === null) throw new Error(`Unknown argument "${argument}" (use --seconds=N --concurrency=N)`);
    options[match[1] as keyof Options] = Number(match[2]);
  }
  return options;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

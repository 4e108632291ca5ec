// The floor for bench/webhook-throughput.ts: a process that only signs (standardwebhooks) and
// POSTs deliveries to the same receivers, with the service's bounds (16 in flight per
// endpoint, BARE_CONCURRENCY in all) and a keep-alive agent, and no database at all: what
// delivering costs before anything is made durable. Prints the milliseconds from its first
// POST to its last 2xx.
//
//   BARE_TARGETS='[{"url":…,"secret":…}]' BARE_COUNT=10000 BARE_CONCURRENCY=256 node bench/support/bare-webhook-sender.cjs
'use strict';
const http = require('node:http');
const { Webhook } = require('standardwebhooks');

const PER_ENDPOINT = 16;

function post(agent, url, headers, body) {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method: 'POST', agent, headers: { 'content-type': 'application/json', ...headers } }, (response) => {
      response.resume();
      response.on('end', () => (response.statusCode === 200 ? resolve() : reject(new Error(`${url} answered ${response.statusCode}`))));
    });
    request.on('error', reject);
    request.end(body);
  });
}

async function main() {
  const targets = JSON.parse(process.env.BARE_TARGETS).map((target) => ({ ...target, signer: new Webhook(target.secret), inFlight: 0 }));
  const count = Number(process.env.BARE_COUNT);
  const concurrency = Number(process.env.BARE_CONCURRENCY);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  let next = 0;
  let inFlight = 0;
  const started = performance.now();
  await new Promise((resolve, reject) => {
    let done = 0;
    const pump = () => {
      while (next < count && inFlight < concurrency) {
        const target = targets[next % targets.length];
        if (target.inFlight >= PER_ENDPOINT) break;
        const id = `bare_${next++}`;
        const sentAt = new Date();
        const body = JSON.stringify({ type: 'webhook.test', timestamp: sentAt.toISOString(), data: { endpointId: id } });
        const headers = { 'webhook-id': id, 'webhook-timestamp': String(Math.floor(sentAt.getTime() / 1000)) };
        headers['webhook-signature'] = target.signer.sign(id, sentAt, body);
        inFlight++;
        target.inFlight++;
        post(agent, target.url, headers, body).then(() => {
          inFlight--;
          target.inFlight--;
          if (++done === count) resolve();
          else pump();
        }, reject);
      }
    };
    pump();
  });
  process.stdout.write(`${(performance.now() - started).toFixed(1)}\n`);
  agent.destroy();
}

main().catch((error) => {
  process.stderr.write(`bare sender failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});

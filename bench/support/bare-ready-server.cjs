// The floor for bench/startup.ts: Express and `pg` alone, doing what a replica must do before
// it is ready (a pool on the database, one query through it, a listening port) and answering
// /health/ready with a query. Plain JavaScript run by `node`, as the service's dist/ is, so
// both pay the same for starting Node and nothing else.
//
//   PORT=… DATABASE_URL=… node bench/support/bare-ready-server.cjs
'use strict';
const express = require('express');
const { Pool } = require('pg');

async function main() {
  const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
  await pool.query('SELECT 1');
  const app = express();
  app.get('/health/ready', async (_request, response) => {
    await pool.query('SELECT 1');
    response.json({ status: 'ok' });
  });
  const server = app.listen(Number(process.env.PORT), '127.0.0.1', () => {
    process.stdout.write('bare server is ready\n');
  });
  process.once('SIGTERM', () => {
    server.close();
    void pool.end();
  });
}

main().catch((error) => {
  process.stderr.write(`bare server could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});

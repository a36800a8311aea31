// The limit each scenario is measured against: a bare node:http server and a pg pool answering
// POST /<scenario index>/<request index> with the scenario's one hand-written SQL statement (prepared), whose
// single row is the response body. Started by run.mjs with BENCH_CONTEXT (the JSON of the bench context).
import { createServer } from 'node:http';
import pg from 'pg';
import { SCENARIOS } from './scenarios.mjs';

const ctx = JSON.parse(process.env.BENCH_CONTEXT);
const pool = new pg.Pool({
  connectionString: process.env.DATABASE_URL,
  max: Number(process.env.DATABASE_POOL_SIZE ?? 10),
});
const statements = SCENARIOS.map((scenario, s) => {
  const raw = scenario.raw(ctx);
  return (Array.isArray(raw) ? raw : [raw]).map((statement, r) => ({ name: `bench_${s}_${r}`, ...statement }));
});

createServer((request, response) => {
  request.resume();
  request.on('end', async () => {
    const [, s, r] = request.url.split('/');
    const statement = statements[Number(s)]?.[Number(r ?? 0)];
    if (!statement) {
      response.writeHead(404).end();
      return;
    }
    try {
      const { rows } = await pool.query(statement);
      response.writeHead(200, { 'content-type': 'application/json' }).end(rows[0]?.body ?? '{"data":null}');
    } catch (error) {
      response.writeHead(500, { 'content-type': 'text/plain' }).end(String(error));
    }
  });
}).listen(Number(process.env.PORT), '127.0.0.1');

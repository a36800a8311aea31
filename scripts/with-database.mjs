// `node scripts/with-database.mjs <script> [args]`: runs a Node script with DATABASE_URL set, using the embedded
// Postgres when none is configured (the one `npm start` runs, or one started just for this command).
import { spawn } from 'node:child_process';
import { prepareLocalEnv } from './local-env.mjs';

let local;
try {
  local = await prepareLocalEnv();
} catch (error) {
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
}
const child = spawn(process.execPath, process.argv.slice(2), { stdio: 'inherit', env: local.env });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', async (code, signal) => {
  await local.stop();
  process.exit(code ?? (signal ? 1 : 0));
});

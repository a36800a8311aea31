// Runs the api and the worker from the build as two processes; a signal stops both, and if one dies the other is stopped.
import { spawn } from 'node:child_process';

const children = ['dist/apps/api/src/main.js', 'dist/apps/worker/src/main.js'].map((entry) =>
  spawn(process.execPath, [entry], { stdio: 'inherit', env: process.env }),
);
let stopping = false;
const stop = (signal) => {
  if (stopping) return;
  stopping = true;
  for (const child of children) if (child.exitCode === null) child.kill(signal);
};
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => stop(signal));
let exited = 0;
for (const child of children) {
  child.on('exit', (code) => {
    exited += 1;
    if (!stopping) {
      process.exitCode = code || 1;
      stop('SIGTERM');
    }
    if (exited === children.length) process.exit(process.exitCode ?? 0);
  });
}

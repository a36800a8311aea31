import { AsyncLocalStorage } from 'node:async_hooks';
import type { LoggerService } from '@nestjs/common';
import { pino, type DestinationStream, type Logger as Pino, type LoggerOptions } from 'pino';
import PinoPretty from 'pino-pretty';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** What every log line of a request or a job carries (read by the logger's mixin, not passed by callers). */
export interface LogScope {
  requestId?: string;
  jobId?: string;
  job?: string;
  queue?: string;
}

const scope = new AsyncLocalStorage<LogScope>();

export const LogContext = {
  run<T>(values: LogScope, fn: () => T): T {
    return scope.run({ ...scope.getStore(), ...values }, fn);
  },
  current(): LogScope | undefined {
    return scope.getStore();
  },
};

/**
 * Keys whose values never reach a log line, at any depth the callers use (pino's redaction needs explicit paths).
 * Callers should not log such values at all; this is the net under them.
 */
const SECRET_KEYS = [
  'password',
  'newPassword',
  'currentPassword',
  'token',
  'accessToken',
  'refreshToken',
  'setupLink',
  'secret',
  'authorization',
  'cookie',
  'personalNumber',
  'personnummer',
];
export const REDACT_PATHS = SECRET_KEYS.flatMap((key) => [key, `*.${key}`, `*.*.${key}`]).concat([
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
]);

export interface LoggerSetup {
  level: LogLevel;
  /** Pretty, coloured lines for a developer's terminal; JSON (one object per line) otherwise. */
  pretty: boolean;
  /** `api`, `worker` or `cli`: on every line. */
  process: string;
  destination?: DestinationStream;
}

/** The one logger of every Noden process: pino, JSON in production, request id / job id on every line. */
export function createLogger({ level, pretty, process: name, destination }: LoggerSetup): Pino {
  const options: LoggerOptions = {
    level,
    base: { process: name },
    messageKey: 'message',
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    mixin: () => ({ ...scope.getStore() }),
  };
  if (destination) return pino(options, destination);
  if (pretty) {
    return pino(
      options,
      PinoPretty({
        sync: true,
        colorize: Boolean(process.stdout.isTTY),
        messageKey: 'message',
        ignore: 'pid,hostname',
      }),
    );
  }
  // Synchronous writes: a crash or process.exit loses no line (one line per request is cheap enough).
  return pino(options, pino.destination({ dest: 1, sync: true }));
}

/** Level and format from the configuration: every process honours LOG_LEVEL the same way. */
export function loggerFor(config: { logLevel: LogLevel; nodeEnv: string }, processName: string): Pino {
  return createLogger({ level: config.logLevel, pretty: config.nodeEnv === 'development', process: processName });
}

type NestLevel = 'log' | 'error' | 'warn' | 'debug' | 'verbose' | 'fatal';
const PINO_LEVEL: Record<NestLevel, 'info' | 'error' | 'warn' | 'debug' | 'trace' | 'fatal'> = {
  log: 'info',
  error: 'error',
  warn: 'warn',
  debug: 'debug',
  verbose: 'trace',
  fatal: 'fatal',
};

/** Nest's logger interface over pino: `new Logger('Ctx').log({ message, ... })` becomes one JSON line. */
export class PinoNestLogger implements LoggerService {
  constructor(readonly pino: Pino) {}

  log(message: unknown, ...rest: unknown[]): void {
    this.write('log', message, rest);
  }
  error(message: unknown, ...rest: unknown[]): void {
    this.write('error', message, rest);
  }
  warn(message: unknown, ...rest: unknown[]): void {
    this.write('warn', message, rest);
  }
  debug(message: unknown, ...rest: unknown[]): void {
    this.write('debug', message, rest);
  }
  verbose(message: unknown, ...rest: unknown[]): void {
    this.write('verbose', message, rest);
  }
  fatal(message: unknown, ...rest: unknown[]): void {
    this.write('fatal', message, rest);
  }

  private write(level: NestLevel, message: unknown, rest: unknown[]): void {
    const method = PINO_LEVEL[level];
    if (!this.pino.isLevelEnabled(method)) return;
    // Nest passes the context last; for errors the stack comes before it.
    const params = [...rest];
    const context = typeof params[params.length - 1] === 'string' ? (params.pop() as string) : undefined;
    const stack = level === 'error' && typeof params[0] === 'string' ? (params.shift() as string) : undefined;
    const fields: Record<string, unknown> = { context };
    if (stack) fields.stack = stack;
    if (message instanceof Error) {
      this.pino[method]({ ...fields, err: message }, message.message);
    } else if (typeof message === 'object' && message !== null) {
      this.pino[method]({ ...fields, ...(message as Record<string, unknown>) });
    } else {
      this.pino[method](fields, String(message));
    }
  }
}

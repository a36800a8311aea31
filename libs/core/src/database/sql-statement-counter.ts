import { AsyncLocalStorage } from 'node:async_hooks';
import { AbstractLogger, type LogLevel, type LogMessage, type QueryRunner } from 'typeorm';

interface Tally {
  statements: number;
}

const scope = new AsyncLocalStorage<Tally>();

/**
 * Counts SQL statements per request (through AsyncLocalStorage), so the request log shows what a
 * request cost and tests can assert that a page costs a constant number of statements.
 */
export const SqlStatementCounter = {
  run<T>(fn: () => T): { result: T; tally: Tally } {
    const tally: Tally = { statements: 0 };
    const result = scope.run(tally, fn);
    return { result, tally };
  },
  enter(): Tally {
    const tally: Tally = { statements: 0 };
    scope.enterWith(tally);
    return tally;
  },
  current(): Tally | undefined {
    return scope.getStore();
  },
  count(): void {
    const tally = scope.getStore();
    if (tally) tally.statements += 1;
  },
};

/** TypeORM logger that never prints SQL (free text may hold personal data) and counts statements. */
export class CountingTypeormLogger extends AbstractLogger {
  constructor(private readonly onError: (message: string) => void = () => undefined) {
    super(['query', 'error']);
  }

  override logQuery(): void {
    SqlStatementCounter.count();
  }

  override logQueryError(error: string | Error, _query: string, _parameters?: unknown[], _runner?: QueryRunner): void {
    SqlStatementCounter.count();
    const message = typeof error === 'string' ? error : error.message;
    this.onError(`query failed: ${message}`);
  }

  protected writeLog(
    _level: LogLevel,
    _message: LogMessage | string | number | (LogMessage | string | number)[],
  ): void {
    // Nothing: query texts and parameters stay out of the logs.
  }
}

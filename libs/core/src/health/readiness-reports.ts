import { Injectable } from '@nestjs/common';

/** A domain's part of `/ready`: informative unless `ok` is false (which fails readiness). */
export interface ReadinessReport {
  ok: boolean;
  [detail: string]: unknown;
}

/**
 * Later domains add their own section to `/ready` without core knowing them (federation: each peer's last pull,
 * lag and error). A reporter that throws or takes longer than the health check's timeout is shown as failed.
 */
@Injectable()
export class ReadinessReports {
  private readonly reporters = new Map<string, () => Promise<ReadinessReport>>();

  register(name: string, reporter: () => Promise<ReadinessReport>): void {
    this.reporters.set(name, reporter);
  }

  entries(): [string, () => Promise<ReadinessReport>][] {
    return [...this.reporters.entries()];
  }
}

import { Injectable, Logger } from '@nestjs/common';
import { Clock, Db } from '#core';
import { isLang, type Lang, word } from '#words';
import { Mailer } from './mailer.js';
import { claimEmails, EMAIL_BATCH, markEmail, markEmailsSkipped } from './notifications.queries.js';

const MAX_ATTEMPTS = 5;
/** A claim older than this is from a worker that died mid-send: the row is tried again. */
const CLAIM_TIMEOUT_MS = 10 * 60_000;

const lang = (value: string): Lang => (isLang(value) ? value : 'sv');

@Injectable()
export class NotificationDeliveryService {
  private readonly logger = new Logger('NotificationDelivery');

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly mailer: Mailer,
  ) {}

  /**
   * Claims pending rows with SKIP LOCKED (so two workers never take the same row), sends, records the
   * outcome. Without SMTP the rows are marked SKIPPED: they stay readable in-app.
   */
  async deliver(onlyIds?: readonly string[]): Promise<{ sent: number; skipped: number; failed: number }> {
    const total = { sent: 0, skipped: 0, failed: 0 };
    // Drains in batches: a sweep after an outage, or one job for a batch of follow-ups, leaves nothing for the next tick.
    for (;;) {
      const { claimed, ...counts } = await this.deliverBatch(onlyIds);
      total.sent += counts.sent;
      total.skipped += counts.skipped;
      total.failed += counts.failed;
      if (claimed < EMAIL_BATCH || counts.failed > 0) return total;
    }
  }

  private async deliverBatch(
    onlyIds?: readonly string[],
  ): Promise<{ claimed: number; sent: number; skipped: number; failed: number }> {
    const now = this.clock.now();
    const staleClaim = new Date(now.getTime() - CLAIM_TIMEOUT_MS);
    const claimed = await claimEmails(this.db.manager, { now, staleClaim, onlyIds: onlyIds ? [...onlyIds] : null });
    let sent = 0;
    let failed = 0;
    const skipped = claimed.filter((row) => !this.mailer.enabled || !row.email).map((row) => row.id);
    if (skipped.length) {
      await markEmailsSkipped(this.db.manager, skipped);
    }
    for (const row of claimed) {
      if (!this.mailer.enabled || !row.email) continue;
      try {
        await this.mailer.send({
          to: row.email,
          subject: word(lang(row.language), 'email.subject', { title: row.title }),
          text: `${row.body}\n\n${word(lang(row.language), 'email.signature')}`,
        });
        await this.mark(row.id, 'SENT', this.clock.now());
        sent++;
      } catch (error) {
        const final = row.emailAttempts >= MAX_ATTEMPTS;
        await this.mark(row.id, final ? 'FAILED' : 'PENDING', null);
        failed++;
        this.logger.warn({
          message: 'e-mail delivery failed',
          notificationId: row.id,
          attempt: row.emailAttempts,
          final,
          error: (error as Error).message,
        });
      }
    }
    return { claimed: claimed.length, sent, skipped: skipped.length, failed };
  }

  private async mark(id: string, status: string, emailedAt: Date | null): Promise<void> {
    await markEmail(this.db.manager, id, status, emailedAt);
  }
}

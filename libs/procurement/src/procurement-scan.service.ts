import { Injectable, Logger } from '@nestjs/common';
import {
  Clock,
  Db,
  NODE_ROLES,
  OrganizationKind,
  OrganizationService,
  plusDays,
  plusMonths,
  RequestContext,
  Role,
  UserService,
} from '#core';
import { NotificationService } from '#notifications';
import { Procurement } from './procurement.entity.js';
import { ProcurementStatus } from './procurement.enums.js';
import { ProcurementService } from './procurement.service.js';

/** Days before a participation window closes when organisations that have not joined are reminded. */
export const WINDOW_REMINDER_DAYS = 7;
/** Months before an agreement ends when participants and node staff are reminded, the nearest first. */
export const AGREEMENT_REMINDER_MONTHS = [1, 6] as const;

export interface ScanResult {
  activated: number;
  expired: number;
  notified: number;
}

/**
 * What the daily scan does, by the Clock's calendar day in Europe/Stockholm. Each reminder has a dedupe key
 * naming the event (agreement, threshold, end date), so a person gets it once however often the scan runs;
 * an extension moves the end date and so earns new reminders.
 */
@Injectable()
export class ProcurementScanService {
  private readonly logger = new Logger('ProcurementScan');

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly organizations: OrganizationService,
    private readonly users: UserService,
    private readonly notifications: NotificationService,
    private readonly procurements: ProcurementService,
  ) {}

  async run(): Promise<ScanResult> {
    const node = await this.organizations.node();
    if (!node) return { activated: 0, expired: 0, notified: 0 };
    const ctx = RequestContext.system(node.id);
    const today = this.clock.today();
    // Activation first: an agreement whose whole validity passed unnoticed goes ACTIVE, then EXPIRED, both recorded.
    const activated = await this.activateStarted(ctx, today);
    const expired = await this.expireEnded(ctx, today);
    const notified = (await this.remindAgreementsEnding(today)) + (await this.remindWindowsClosing(today));
    if (activated || expired || notified)
      this.logger.log({ message: 'procurement scan', today, activated, expired, notified });
    return { activated, expired, notified };
  }

  /** AWARDED → ACTIVE from the agreement's first day, attributed to the system. */
  private async activateStarted(ctx: RequestContext, today: string): Promise<number> {
    const due: { id: string }[] = await this.db.manager.query(
      `SELECT p.id FROM procurements p JOIN framework_agreements a ON a.procurement_id = p.id WHERE p.status = $1 AND a.starts_on <= $2::date`,
      [ProcurementStatus.AWARDED, today],
    );
    let activated = 0;
    for (const row of due) {
      await this.db.transaction(async (tx) => {
        const procurement = await tx.findOne(Procurement, {
          where: { id: row.id },
          lock: { mode: 'pessimistic_write' },
        });
        const [agreement]: { starts_on: string }[] = await tx.query(
          `SELECT starts_on::text AS starts_on FROM framework_agreements WHERE procurement_id = $1`,
          [row.id],
        );
        if (procurement?.status !== ProcurementStatus.AWARDED || !agreement || agreement.starts_on > today) return;
        await this.procurements.transition(
          ctx,
          tx,
          procurement,
          ProcurementStatus.ACTIVE,
          `Avtalet gäller från ${agreement.starts_on}.`,
        );
        activated++;
      });
    }
    return activated;
  }

  /** ACTIVE → EXPIRED the day after the agreement's last day, attributed to the system. */
  private async expireEnded(ctx: RequestContext, today: string): Promise<number> {
    const due: { id: string; ends_on: string }[] = await this.db.manager.query(
      `SELECT p.id, a.ends_on::text AS ends_on FROM procurements p JOIN framework_agreements a ON a.procurement_id = p.id
       WHERE p.status = $1 AND a.ends_on < $2::date`,
      [ProcurementStatus.ACTIVE, today],
    );
    let expired = 0;
    for (const row of due) {
      await this.db.transaction(async (tx) => {
        const procurement = await tx.findOne(Procurement, {
          where: { id: row.id },
          lock: { mode: 'pessimistic_write' },
        });
        const [current]: { ends_on: string }[] = await tx.query(
          `SELECT ends_on::text AS ends_on FROM framework_agreements WHERE procurement_id = $1`,
          [row.id],
        );
        if (procurement?.status !== ProcurementStatus.ACTIVE || !current || current.ends_on >= today) return;
        await this.procurements.transition(
          ctx,
          tx,
          procurement,
          ProcurementStatus.EXPIRED,
          `Avtalstiden löpte ut ${current.ends_on}.`,
        );
        expired++;
      });
    }
    return expired;
  }

  private async remindAgreementsEnding(today: string): Promise<number> {
    const rows: { agreement_id: string; procurement_id: string; title: string; ends_on: string }[] =
      await this.db.manager.query(
        `SELECT a.id AS agreement_id, p.id AS procurement_id, p.title, a.ends_on::text AS ends_on
       FROM framework_agreements a JOIN procurements p ON p.id = a.procurement_id
       WHERE p.status = ANY($1::text[]) AND a.ends_on BETWEEN $2::date AND $3::date`,
        // A month's slack: month arithmetic clamps at month ends; the exact threshold is checked below.
        [
          [ProcurementStatus.AWARDED, ProcurementStatus.ACTIVE],
          today,
          plusMonths(today, Math.max(...AGREEMENT_REMINDER_MONTHS) + 1),
        ],
      );
    let notified = 0;
    for (const row of rows) {
      // Only the nearest threshold reached: a scan that first runs a month before the end sends one reminder, not two.
      const months = AGREEMENT_REMINDER_MONTHS.find((m) => today >= plusMonths(row.ends_on, -m));
      if (!months) continue;
      const participants: { organization_id: string }[] = await this.db.manager.query(
        `SELECT organization_id FROM procurement_participations WHERE procurement_id = $1`,
        [row.procurement_id],
      );
      const recipients = [
        ...(await this.users.withRoles(
          participants.map((p) => p.organization_id),
          [Role.MUNICIPALITY_COORDINATOR],
        )),
        ...(await this.users.withRoles('ANY', NODE_ROLES)),
      ].map((u) => u.id);
      const ids = await this.db.transaction((tx) =>
        this.notifications.notify(tx, {
          recipientUserIds: recipients,
          kind: 'procurement.agreementEnding',
          text: { procurementTitle: row.title },
          entityType: 'FrameworkAgreement',
          entityId: row.agreement_id,
          params: { procurementId: row.procurement_id, endsOn: row.ends_on, months },
          dedupeKey: `procurement.agreementEnding.${row.agreement_id}.${months}m.${row.ends_on}`,
        }),
      );
      await this.notifications.dispatch(ids);
      notified += ids.length;
    }
    return notified;
  }

  /** Organisations that may join (municipalities and the region) and have not, when the window closes within a week. */
  private async remindWindowsClosing(today: string): Promise<number> {
    const rows: { id: string; title: string; closes_on: string }[] = await this.db.manager.query(
      `SELECT id, title, participation_closes_on::text AS closes_on FROM procurements
       WHERE status = $1 AND participation_closes_on BETWEEN $2::date AND $3::date AND participation_opens_on <= $2::date`,
      [ProcurementStatus.OPEN_FOR_PARTICIPATION, today, plusDays(today, WINDOW_REMINDER_DAYS)],
    );
    let notified = 0;
    for (const row of rows) {
      const eligible: { id: string }[] = await this.db.manager.query(
        `SELECT o.id FROM organizations o WHERE o.kind = ANY($1::text[])
         AND NOT EXISTS (SELECT 1 FROM procurement_participations pp WHERE pp.procurement_id = $2 AND pp.organization_id = o.id)`,
        [[OrganizationKind.MUNICIPALITY, OrganizationKind.REGION], row.id],
      );
      const recipients = (
        await this.users.withRoles(
          eligible.map((o) => o.id),
          [Role.MUNICIPALITY_COORDINATOR],
        )
      ).map((u) => u.id);
      const ids = await this.db.transaction((tx) =>
        this.notifications.notify(tx, {
          recipientUserIds: recipients,
          kind: 'procurement.windowClosing',
          text: { procurementTitle: row.title },
          entityType: 'Procurement',
          entityId: row.id,
          params: { closesOn: row.closes_on },
          dedupeKey: `procurement.windowClosing.${row.id}.${row.closes_on}`,
        }),
      );
      await this.notifications.dispatch(ids);
      notified += ids.length;
    }
    return notified;
  }
}

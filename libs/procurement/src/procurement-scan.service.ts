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
import {
  agreementPeriod,
  agreementsEndingBetween,
  organizationsNotJoined,
  participantOrganizationIds,
  procurementIdsStartedBy,
  procurementsEndedBefore,
  windowsClosingBetween,
} from './procurement.queries.js';

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
    const due = await procurementIdsStartedBy(this.db.manager, ProcurementStatus.AWARDED, today);
    let activated = 0;
    for (const id of due) {
      await this.db.transaction(async (tx) => {
        const procurement = await tx.findOne(Procurement, {
          where: { id },
          lock: { mode: 'pessimistic_write' },
        });
        const agreement = await agreementPeriod(tx, id);
        if (procurement?.status !== ProcurementStatus.AWARDED || !agreement || agreement.startsOn > today) return;
        await this.procurements.transition(
          ctx,
          tx,
          procurement,
          ProcurementStatus.ACTIVE,
          `Avtalet gäller från ${agreement.startsOn}.`,
        );
        activated++;
      });
    }
    return activated;
  }

  /** ACTIVE → EXPIRED the day after the agreement's last day, attributed to the system. */
  private async expireEnded(ctx: RequestContext, today: string): Promise<number> {
    const due = await procurementsEndedBefore(this.db.manager, ProcurementStatus.ACTIVE, today);
    let expired = 0;
    for (const row of due) {
      await this.db.transaction(async (tx) => {
        const procurement = await tx.findOne(Procurement, {
          where: { id: row.id },
          lock: { mode: 'pessimistic_write' },
        });
        const current = await agreementPeriod(tx, row.id);
        if (procurement?.status !== ProcurementStatus.ACTIVE || !current || current.endsOn >= today) return;
        await this.procurements.transition(
          ctx,
          tx,
          procurement,
          ProcurementStatus.EXPIRED,
          `Avtalstiden löpte ut ${current.endsOn}.`,
        );
        expired++;
      });
    }
    return expired;
  }

  private async remindAgreementsEnding(today: string): Promise<number> {
    const rows = await agreementsEndingBetween(
      this.db.manager,
      [ProcurementStatus.AWARDED, ProcurementStatus.ACTIVE],
      today,
      // A month's slack: month arithmetic clamps at month ends; the exact threshold is checked below.
      plusMonths(today, Math.max(...AGREEMENT_REMINDER_MONTHS) + 1),
    );
    let notified = 0;
    for (const row of rows) {
      // Only the nearest threshold reached: a scan that first runs a month before the end sends one reminder, not two.
      const months = AGREEMENT_REMINDER_MONTHS.find((m) => today >= plusMonths(row.endsOn, -m));
      if (!months) continue;
      const participants = await participantOrganizationIds(this.db.manager, row.procurementId);
      const recipients = [
        ...(await this.users.withRoles(participants, [Role.MUNICIPALITY_COORDINATOR])),
        ...(await this.users.withRoles('ANY', NODE_ROLES)),
      ].map((u) => u.id);
      const ids = await this.db.transaction((tx) =>
        this.notifications.notify(tx, {
          recipientUserIds: recipients,
          kind: 'procurement.agreementEnding',
          text: { procurementTitle: row.title },
          entityType: 'FrameworkAgreement',
          entityId: row.agreementId,
          params: { procurementId: row.procurementId, endsOn: row.endsOn, months },
          dedupeKey: `procurement.agreementEnding.${row.agreementId}.${months}m.${row.endsOn}`,
        }),
      );
      await this.notifications.dispatch(ids);
      notified += ids.length;
    }
    return notified;
  }

  /** Organisations that may join (municipalities and the region) and have not, when the window closes within a week. */
  private async remindWindowsClosing(today: string): Promise<number> {
    const rows = await windowsClosingBetween(
      this.db.manager,
      ProcurementStatus.OPEN_FOR_PARTICIPATION,
      today,
      plusDays(today, WINDOW_REMINDER_DAYS),
    );
    let notified = 0;
    for (const row of rows) {
      const eligible = await organizationsNotJoined(
        this.db.manager,
        [OrganizationKind.MUNICIPALITY, OrganizationKind.REGION],
        row.id,
      );
      const recipients = (await this.users.withRoles(eligible, [Role.MUNICIPALITY_COORDINATOR])).map((u) => u.id);
      const ids = await this.db.transaction((tx) =>
        this.notifications.notify(tx, {
          recipientUserIds: recipients,
          kind: 'procurement.windowClosing',
          text: { procurementTitle: row.title },
          entityType: 'Procurement',
          entityId: row.id,
          params: { closesOn: row.closesOn },
          dedupeKey: `procurement.windowClosing.${row.id}.${row.closesOn}`,
        }),
      );
      await this.notifications.dispatch(ids);
      notified += ids.length;
    }
    return notified;
  }
}

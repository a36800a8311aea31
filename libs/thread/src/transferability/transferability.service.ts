import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { Db, Organization, OrganizationKind, type RequestContext, sizeClassOf, Visibility } from '#core';
import { CareSetting } from '#catalog';
import type { NeedTargetGroup } from '#needs';
import { type TestProtocol, TestbedPolicy } from '#testbed';
import { ThreadError } from '../thread.errors.js';
import type { Transferability } from './transferability.types.js';
import { type TransferabilityContextRow, transferabilityContextRows } from '../thread.queries.js';

/**
 * Transferability (MAST leaves it as a manual step): for a decided test and a municipality, what in the
 * municipality's own context the test did not cover. Two statements: the context, then the organisations.
 */
@Injectable()
export class TransferabilityService {
  constructor(private readonly db: Db) {}

  async assess(
    ctx: RequestContext,
    decisionId: string,
    organizationId: string | null | undefined,
  ): Promise<Transferability> {
    const orgId = organizationId ?? ctx.organizationId;
    Visibility.assertActsFor(ctx, orgId);
    const [assessed] = await this.assessAll(ctx, [decisionId], orgId);
    if (!assessed) throw ThreadError.DECISION_NOT_FOUND({ field: 'decisionId' });
    return assessed;
  }

  /** Shown with each decision of a page: one batch, the same two statements whatever the page size. */
  forMyOrganization(ctx: RequestContext, decisionId: string): Promise<Transferability | null> {
    return ctx.loaders
      .get<string, Transferability | null>('transferabilityForMe', (ids) =>
        this.assessAll(ctx, ids, ctx.organizationId),
      )
      .load(decisionId);
  }

  /** Null for a decision the caller may not see. */
  private async assessAll(
    ctx: RequestContext,
    decisionIds: readonly string[],
    orgId: string,
  ): Promise<(Transferability | null)[]> {
    const rows = await transferabilityContextRows(this.db.manager, [...decisionIds], orgId);
    const byDecision = new Map(rows.map((r) => [r.decisionId, r]));
    const organizations = await this.db.manager.findBy(Organization, {
      id: In([...new Set([orgId, ...rows.flatMap((r) => [r.leadOrganizationId, ...r.participantIds])])]),
    });
    const organization = organizations.find((o) => o.id === orgId);
    if (!organization) throw ThreadError.ORGANIZATION_NOT_FOUND({ field: 'organizationId' });
    if (organization.kind !== OrganizationKind.MUNICIPALITY)
      throw ThreadError.NOT_A_MUNICIPALITY({ field: 'organizationId' });
    return decisionIds.map((decisionId) => {
      const row = byDecision.get(decisionId);
      if (
        !row ||
        !TestbedPolicy.canSee(ctx, {
          protocol: { leadOrganizationId: row.leadOrganizationId, published: row.published } as TestProtocol,
          participantIds: row.participantIds,
        })
      )
        return null;
      return this.compare(decisionId, row, organization, organizations);
    });
  }

  private compare(
    decisionId: string,
    row: TransferabilityContextRow,
    organization: Organization,
    organizations: Organization[],
  ): Transferability {
    const testedIds = [row.leadOrganizationId, ...row.participantIds];
    const testedBy = organizations.filter((o) => testedIds.includes(o.id));

    const mySizeClass = sizeClassOf(organization.population);
    const testedSizeClasses = [...new Set(testedBy.map((o) => sizeClassOf(o.population)).filter((c) => c !== null))];
    const sizeClassNotCovered = mySizeClass !== null && !testedSizeClasses.includes(mySizeClass);
    const testedSettings = (row.settings ?? []) as CareSetting[];
    const mySettings = (row.mySettings.length ? row.mySettings : Object.values(CareSetting)) as CareSetting[];
    const settingsNotCovered = mySettings.filter((s) => !testedSettings.includes(s));
    const testedTargetGroups = row.testedTargetGroups as NeedTargetGroup[];
    const targetGroupsNotCovered = (row.myTargetGroups as NeedTargetGroup[]).filter(
      (g) => !testedTargetGroups.includes(g),
    );
    const systemsNotCovered = row.systemsNotCovered;
    // Codes only: the words for each gap live in the catalogues (libs/words, the web app's i18n).
    return {
      decisionId,
      organization,
      fullyCovered:
        !sizeClassNotCovered &&
        settingsNotCovered.length === 0 &&
        systemsNotCovered.length === 0 &&
        targetGroupsNotCovered.length === 0,
      testedBy,
      mySizeClass,
      testedSizeClasses,
      sizeClassNotCovered,
      mySettings,
      testedSettings,
      settingsNotCovered,
      systemsNotCovered,
      testedTargetGroups,
      targetGroupsNotCovered,
      participantGroups: row.participantGroups,
    };
  }
}

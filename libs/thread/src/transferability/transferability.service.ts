import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { Db, Organization, OrganizationKind, type RequestContext, sizeClassOf, Visibility } from '#core';
import { CareSetting } from '#catalog';
import type { NeedTargetGroup } from '#needs';
import { type TestProtocol, TestbedPolicy } from '#testbed';
import { ThreadError } from '../thread.errors.js';
import type { Transferability, UncoveredSystem } from './transferability.types.js';

/** Everything about the test and the municipality in one statement. */
const CONTEXT_SQL = `
  SELECT d.id AS decision_id, p.id AS protocol_id, p.lead_organization_id, p.published, p.settings, d.category_id,
    ARRAY(SELECT o.organization_id FROM test_protocol_organizations o WHERE o.protocol_id = p.id) AS participant_ids,
    ARRAY(SELECT DISTINCT n.target_group FROM test_protocol_needs tpn JOIN needs n ON n.id = tpn.need_id WHERE tpn.protocol_id = p.id) AS tested_target_groups,
    ARRAY(SELECT DISTINCT c.participant_group FROM test_participant_counts c WHERE c.protocol_id = p.id) AS participant_groups,
    ARRAY(SELECT DISTINCT s FROM (SELECT n.setting AS s FROM needs n WHERE n.organization_id = $2 AND n.status <> 'MERGED'
                                  UNION SELECT i.setting FROM implementations i WHERE i.organization_id = $2) x) AS my_settings,
    ARRAY(SELECT DISTINCT n.target_group FROM needs n WHERE n.organization_id = $2 AND n.status <> 'MERGED'
          AND (n.category_id = d.category_id OR NOT EXISTS (SELECT 1 FROM needs m WHERE m.organization_id = $2 AND m.category_id = d.category_id))) AS my_target_groups,
    coalesce((SELECT json_agg(json_build_object('id', s.id, 'name', s.name, 'vendorName', s.vendor_name, 'version', os.version, 'kind', k.key) ORDER BY s.name)
      FROM organization_systems os JOIN systems s ON s.id = os.system_id JOIN system_kinds k ON k.id = s.kind_id
      WHERE os.organization_id = $2 AND NOT EXISTS (
        SELECT 1 FROM organization_systems other WHERE other.system_id = os.system_id
          AND (other.organization_id = p.lead_organization_id OR other.organization_id IN (SELECT o.organization_id FROM test_protocol_organizations o WHERE o.protocol_id = p.id)))), '[]') AS systems_not_covered
  FROM test_decisions d JOIN test_protocols p ON p.id = d.protocol_id WHERE d.id = ANY($1::uuid[])`;

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
    const rows = await this.db.manager.query<ContextRow[]>(CONTEXT_SQL, [[...decisionIds], orgId]);
    const byDecision = new Map(rows.map((r) => [r.decision_id, r]));
    const organizations = await this.db.manager.findBy(Organization, {
      id: In([...new Set([orgId, ...rows.flatMap((r) => [r.lead_organization_id, ...r.participant_ids])])]),
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
          protocol: { leadOrganizationId: row.lead_organization_id, published: row.published } as TestProtocol,
          participantIds: row.participant_ids,
        })
      )
        return null;
      return this.compare(decisionId, row, organization, organizations);
    });
  }

  private compare(
    decisionId: string,
    row: ContextRow,
    organization: Organization,
    organizations: Organization[],
  ): Transferability {
    const testedIds = [row.lead_organization_id, ...row.participant_ids];
    const testedBy = organizations.filter((o) => testedIds.includes(o.id));

    const mySizeClass = sizeClassOf(organization.population);
    const testedSizeClasses = [...new Set(testedBy.map((o) => sizeClassOf(o.population)).filter((c) => c !== null))];
    const sizeClassNotCovered = mySizeClass !== null && !testedSizeClasses.includes(mySizeClass);
    const testedSettings = (row.settings ?? []) as CareSetting[];
    const mySettings = (row.my_settings.length ? row.my_settings : Object.values(CareSetting)) as CareSetting[];
    const settingsNotCovered = mySettings.filter((s) => !testedSettings.includes(s));
    const testedTargetGroups = row.tested_target_groups as NeedTargetGroup[];
    const targetGroupsNotCovered = (row.my_target_groups as NeedTargetGroup[]).filter(
      (g) => !testedTargetGroups.includes(g),
    );
    const systemsNotCovered = row.systems_not_covered;
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
      participantGroups: row.participant_groups,
    };
  }
}

interface ContextRow {
  decision_id: string;
  protocol_id: string;
  lead_organization_id: string;
  published: boolean;
  settings: string[] | null;
  category_id: string;
  participant_ids: string[];
  tested_target_groups: string[];
  participant_groups: string[];
  my_settings: string[];
  my_target_groups: string[];
  systems_not_covered: UncoveredSystem[];
}

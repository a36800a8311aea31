import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Injectable } from '@nestjs/common';
import { Db, Organization, OrganizationKind, type RequestContext, sizeClassOf, Visibility } from '#core';
import { FederationError } from '../federation.errors.js';
import { RecordType } from '../protocol/record-schemas.js';

const SETTING_SV: Record<string, string> = {
  HOME_CARE: 'hemtjänst',
  SPECIAL_HOUSING: 'särskilt boende',
  HOME_HEALTH_CARE: 'hemsjukvård',
  DISABILITY_SUPPORT: 'stöd till personer med funktionsnedsättning',
};
const SIZE_SV: Record<string, string> = {
  SMALL: 'små kommuner',
  MEDIUM: 'mellanstora kommuner',
  LARGE: 'stora kommuner',
};

@ObjectType({ description: 'A system the municipality runs that none of the testing organisations ran.' })
export class FederatedUncoveredSystem {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;

  @Field()
  vendorName: string;

  @Field()
  kind: string;
}

@ObjectType({
  description:
    "Transferability of another county's decision (federation) to one of this node's municipalities: what the test there did not cover here.",
})
export class FederatedTransferability {
  @Field()
  decisionUrn: string;

  @Field()
  title: string;

  @Field()
  originName: string;

  @Field(() => Organization)
  organization: Organization;

  @Field()
  fullyCovered: boolean;

  @Field(() => String, { nullable: true })
  mySizeClass: string | null;

  @Field(() => [String])
  testedSizeClasses: string[];

  @Field()
  sizeClassNotCovered: boolean;

  @Field(() => [String])
  mySettings: string[];

  @Field(() => [String])
  testedSettings: string[];

  @Field(() => [String])
  settingsNotCovered: string[];

  @Field(() => [FederatedUncoveredSystem], {
    description: 'Matched across nodes by vendor, system name and kind (docs/federation.md "Matching").',
  })
  systemsNotCovered: FederatedUncoveredSystem[];

  @Field(() => [String])
  testedTargetGroups: string[];

  @Field(() => [String])
  targetGroupsNotCovered: string[];

  @Field()
  summary: string;
}

const norm = (sql: string) => `lower(regexp_replace(btrim(${sql}), '\\s+', ' ', 'g'))`;

/**
 * The same comparison as `transferability` for a local decision, from what the deciding node shared: the size
 * classes, care settings, target groups and systems of the organisations that tested, never who they were.
 */
/** The decision record with this organization's settings, target groups and uncovered systems, as `assess` reads it. */
interface TransferabilityRow {
  urn: string;
  /** The part of the decision record's `data` used here (validated against its schema on receipt). */
  data: { title: string; settings: string[]; testedSizeClasses: string[]; testedTargetGroups: string[] };
  origin_name: string;
  my_settings: string[];
  my_target_groups: string[];
  systems_not_covered: FederatedUncoveredSystem[];
}

@Injectable()
export class FederatedTransferabilityService {
  constructor(private readonly db: Db) {}

  async assess(
    ctx: RequestContext,
    decisionId: string,
    organizationId?: string | null,
  ): Promise<FederatedTransferability> {
    const orgId = organizationId ?? ctx.organizationId;
    Visibility.assertActsFor(ctx, orgId);
    const [row] = await this.db.manager.query<(TransferabilityRow | undefined)[]>(
      `SELECT r.urn, r.data, p.name AS origin_name,
              ARRAY(SELECT DISTINCT s FROM (SELECT n.setting AS s FROM needs n WHERE n.organization_id = $2 AND n.status <> 'MERGED'
                                            UNION SELECT i.setting FROM implementations i WHERE i.organization_id = $2) x) AS my_settings,
              ARRAY(SELECT DISTINCT n.target_group FROM needs n JOIN technology_categories c ON c.id = n.category_id
                     WHERE n.organization_id = $2 AND n.status <> 'MERGED' AND c.key = r.data->>'categoryKey') AS my_target_groups,
              coalesce((SELECT json_agg(json_build_object('id', s.id, 'name', s.name, 'vendorName', s.vendor_name, 'kind', k.key) ORDER BY s.name)
                 FROM organization_systems os JOIN systems s ON s.id = os.system_id JOIN system_kinds k ON k.id = s.kind_id
                WHERE os.organization_id = $2 AND NOT EXISTS (
                  SELECT 1 FROM jsonb_array_elements(r.data->'testedSystems') t
                   WHERE ${norm("t->>'vendorName'")} = ${norm('s.vendor_name')} AND ${norm("t->>'name'")} = ${norm('s.name')}
                     AND t->>'kindKey' = k.key)), '[]') AS systems_not_covered
         FROM federated_records r JOIN federation_peers p ON p.node_id = r.origin_node_id AND p.trusted AND p.in_registry
        WHERE r.record_type = $3 AND NOT r.deleted AND (r.urn = $1 OR r.record_id::text = $1)`,
      [decisionId, orgId, RecordType.DECISION],
    );
    if (!row) throw FederationError.RECORD_NOT_FOUND({ field: 'decisionId' });
    const organization = await this.db.manager.findOneBy(Organization, { id: orgId });
    if (!organization) throw FederationError.RECORD_NOT_FOUND({ field: 'organizationId' });
    if (organization.kind !== OrganizationKind.MUNICIPALITY)
      throw FederationError.NOT_A_MUNICIPALITY({ field: 'organizationId' });
    const data = row.data;
    const mySizeClass = sizeClassOf(organization.population);
    const sizeClassNotCovered = mySizeClass !== null && !data.testedSizeClasses.includes(mySizeClass);
    const mySettings: string[] = row.my_settings.length ? row.my_settings : Object.keys(SETTING_SV);
    const settingsNotCovered = mySettings.filter((s) => !data.settings.includes(s));
    const targetGroupsNotCovered = row.my_target_groups.filter((g) => !data.testedTargetGroups.includes(g));
    const systemsNotCovered = row.systems_not_covered;
    const gaps = [
      sizeClassNotCovered ? `Inga ${SIZE_SV[mySizeClass]} deltog i testet.` : null,
      settingsNotCovered.length
        ? `Testet omfattade inte ${settingsNotCovered.map((s) => SETTING_SV[s] ?? s).join(', ')}.`
        : null,
      systemsNotCovered.length
        ? `Ingen deltagande organisation körde ${systemsNotCovered.map((s) => s.name).join(', ')}.`
        : null,
      targetGroupsNotCovered.length
        ? `Testets behov gällde inte målgrupperna ${targetGroupsNotCovered.join(', ')}.`
        : null,
    ].filter((g): g is string => g !== null);
    return {
      decisionUrn: row.urn,
      title: data.title,
      originName: row.origin_name,
      organization,
      fullyCovered: gaps.length === 0,
      mySizeClass,
      testedSizeClasses: data.testedSizeClasses,
      sizeClassNotCovered,
      mySettings,
      testedSettings: data.settings,
      settingsNotCovered,
      systemsNotCovered,
      testedTargetGroups: data.testedTargetGroups,
      targetGroupsNotCovered,
      summary: gaps.length
        ? gaps.join(' ')
        : 'Testet omfattade er storlek, era verksamheter, era system och målgrupper.',
    };
  }
}

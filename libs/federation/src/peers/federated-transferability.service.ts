import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Injectable } from '@nestjs/common';
import { Db, Organization, OrganizationKind, type RequestContext, sizeClassOf, Visibility } from '#core';
import { FederationError } from '../federation.errors.js';
import { federatedTransferabilityRow } from './peers.queries.js';

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

/**
 * The same comparison as `transferability` for a local decision, from what the deciding node shared: the size
 * classes, care settings, target groups and systems of the organisations that tested, never who they were.
 */
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
    const row = await federatedTransferabilityRow(this.db.manager, decisionId, orgId);
    if (!row) throw FederationError.RECORD_NOT_FOUND({ field: 'decisionId' });
    const organization = await this.db.manager.findOneBy(Organization, { id: orgId });
    if (!organization) throw FederationError.RECORD_NOT_FOUND({ field: 'organizationId' });
    if (organization.kind !== OrganizationKind.MUNICIPALITY)
      throw FederationError.NOT_A_MUNICIPALITY({ field: 'organizationId' });
    const data = row.data;
    const mySizeClass = sizeClassOf(organization.population);
    const sizeClassNotCovered = mySizeClass !== null && !data.testedSizeClasses.includes(mySizeClass);
    const mySettings: string[] = row.mySettings.length ? row.mySettings : Object.keys(SETTING_SV);
    const settingsNotCovered = mySettings.filter((s) => !data.settings.includes(s));
    const targetGroupsNotCovered = row.myTargetGroups.filter((g) => !data.testedTargetGroups.includes(g));
    const systemsNotCovered = row.systemsNotCovered;
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
      originName: row.originName,
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

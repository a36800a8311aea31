import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { OrganizationKind, RequestContext, Role } from '#core';
import { FollowUpResultsService } from '#followup';
import { derivedUuid } from '../protocol/canonical-json.js';
import { RecordType } from '../protocol/record-schemas.js';
import { agreementOutcomes, ownStatements, publishedArticles, publishedDecisions } from './publish.queries.js';

/** One record as it stands now on this node: what a peer would receive in `data`. */
export interface SharedRecord {
  id: string;
  data: Record<string, unknown>;
}

const iso = (value: Date | string | null): string | null =>
  value === null ? null : (value instanceof Date ? value : new Date(value)).toISOString();

/**
 * What this node shares, read straight from the domains' tables: only published, non-personal records, and of
 * each only the fields of its schema's allow-list. No user, e-mail address, organisation id, participant or
 * free-text observation about a person is selected here.
 */
@Injectable()
export class SharedRecords {
  constructor(private readonly results: FollowUpResultsService) {}

  async current(
    tx: EntityManager,
    type: RecordType,
    urnOf: (type: RecordType, id: string) => string,
  ): Promise<SharedRecord[]> {
    switch (type) {
      case RecordType.ARTICLE:
        return this.articles(tx);
      case RecordType.DECISION:
        return this.decisions(tx, urnOf);
      case RecordType.COMPATIBILITY:
        return this.statements(tx, urnOf);
      case RecordType.AGREEMENT_OUTCOME:
        return this.outcomes(tx);
    }
  }

  private async articles(tx: EntityManager): Promise<SharedRecord[]> {
    const rows = await publishedArticles(tx);
    return rows.map((r) => ({
      id: r.id,
      data: {
        title: r.title,
        summary: r.summary,
        body: r.body,
        kind: r.kind,
        sourceType: r.sourceType,
        qualityGrade: r.qualityGrade,
        categoryKey: r.categoryKey,
      },
    }));
  }

  /**
   * Published decisions with their results, lessons and the frozen version's hash; never participants, and of the
   * rationale only the decision's own line, not each member's words (free text written by a person).
   */
  private async decisions(tx: EntityManager, urnOf: (type: RecordType, id: string) => string): Promise<SharedRecord[]> {
    const rows = await publishedDecisions(tx);
    return rows.map((r) => ({
      id: r.id,
      data: {
        title: r.title,
        categoryKey: r.categoryKey,
        outcome: r.outcome,
        rationale: r.rationale,
        conditions: r.conditions,
        decidedAt: iso(r.decidedAt),
        protocolVersion: { number: r.versionNumber, contentHash: r.contentHash },
        supersedes: r.supersedesDecisionId ? urnOf(RecordType.DECISION, r.supersedesDecisionId) : null,
        product: r.product,
        purpose: r.purpose,
        expectedBenefit: r.expectedBenefit,
        settings: r.settings ?? [],
        testedSizeClasses: r.sizeClasses,
        testedTargetGroups: r.targetGroups,
        testedSystems: r.systems,
        results: r.results,
        lessons: r.lessons,
      },
    }));
  }

  /** This node's own statements about systems, superseded ones included as history. */
  private async statements(
    tx: EntityManager,
    urnOf: (type: RecordType, id: string) => string,
  ): Promise<SharedRecord[]> {
    const rows = await ownStatements(tx);
    return rows.map((r) => ({
      id: r.id,
      data: {
        product: r.product,
        productVersions: r.productVersions,
        system: r.system,
        systemVersions: r.systemVersions,
        status: r.status,
        evidence: r.evidence,
        note: r.note,
        sourceNote: r.sourceNote,
        assertedAt: iso(r.assertedAt),
        supersededAt: iso(r.supersededAt),
        supersededBy: r.supersededByStatementId ? urnOf(RecordType.COMPATIBILITY, r.supersededByStatementId) : null,
      },
    }));
  }

  /**
   * Per framework agreement and product called off under it: how many implementations, and the 12/24-month
   * results as an outsider sees them (the small-number rule of the county overview: suppressed groups stay
   * suppressed, no single municipality's figure below the thresholds).
   */
  private async outcomes(tx: EntityManager): Promise<SharedRecord[]> {
    const rows = await agreementOutcomes(tx);
    if (!rows.length) return [];
    const results = await this.results.results(OUTSIDER, {});
    return rows.map((r) => ({
      id: derivedUuid('agreement-outcome', r.agreementId, r.productId),
      data: {
        product: r.product,
        agreement: { title: r.title, startsOn: r.startsOn, endsOn: r.endsOn },
        implementations: r.implementations,
        followUps: results.byProduct
          .filter((g) => g.productId === r.productId)
          .sort((a, b) => a.wave - b.wave)
          .map((g) => ({
            wave: g.wave,
            suppressed: g.suppressed,
            suppressionReason: g.suppression?.reason ?? null,
            due: g.due,
            answered: g.answered,
            responseRate: g.responseRate,
            indicators: (g.indicators ?? []).map((i) => ({
              key: i.key,
              label: i.labelSv,
              type: i.type,
              unit: i.unit,
              responses: i.responses,
              mean: i.mean,
              sum: i.sum,
              suppressed: i.suppression !== null,
            })),
          })),
      },
    }));
  }
}

/** Reads aggregates as another county would: no organisation of this node, not node staff. */
const OUTSIDER = new RequestContext({
  userId: '00000000-0000-0000-0000-000000000000',
  organizationId: '00000000-0000-0000-0000-000000000000',
  organizationKind: OrganizationKind.PARTNER,
  roles: [Role.VIEWER],
  system: true,
});

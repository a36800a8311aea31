import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { OrganizationKind, RequestContext, Role } from '#core';
import { FollowUpResultsService } from '#followup';
import { derivedUuid } from '../protocol/canonical-json.js';
import { RecordType } from '../protocol/record-schemas.js';

/** One record as it stands now on this node: what a peer would receive in `data`. */
export interface SharedRecord {
  id: string;
  data: Record<string, unknown>;
}

const iso = (value: Date | string | null): string | null =>
  value === null ? null : (value instanceof Date ? value : new Date(value)).toISOString();

/** What PRODUCT_REF builds. */
interface ProductRef {
  supplierName: string;
  name: string;
  model: string | null;
  categoryKey: string;
}

interface SystemRef {
  vendorName: string;
  name: string;
  kindKey: string;
}

interface DecisionRow {
  id: string;
  title: string;
  category_key: string;
  outcome: string;
  rationale: string;
  conditions: string | null;
  decided_at: Date | string | null;
  version_number: number;
  content_hash: string;
  supersedes_decision_id: string | null;
  purpose: string;
  expected_benefit: string | null;
  settings: string[] | null;
  product: ProductRef | null;
  size_classes: string[];
  target_groups: string[];
  systems: SystemRef[];
  results: {
    criterion: string;
    targetValue: number;
    unit: string;
    measuredValue: number;
    met: boolean;
    comment: string | null;
  }[];
  lessons: string[];
}

interface StatementRow {
  id: string;
  product: ProductRef;
  system: SystemRef;
  product_versions: string;
  system_versions: string;
  status: string;
  evidence: string;
  note: string | null;
  source_note: string | null;
  asserted_at: Date | string | null;
  superseded_at: Date | string | null;
  superseded_by_statement_id: string | null;
}

interface OutcomeRow {
  agreement_id: string;
  title: string;
  starts_on: string;
  ends_on: string;
  product_id: string;
  product: ProductRef;
  implementations: number;
}

const PRODUCT_REF = `jsonb_build_object('supplierName', su.name, 'name', pr.name, 'model', pr.model, 'categoryKey', tc.key)`;

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
    const rows: Record<string, string | null>[] = await tx.query(
      `SELECT a.id, a.title, a.summary, a.body, a.kind, a.source_type, a.quality_grade,
              (SELECT min(c.key) FROM knowledge_article_links l JOIN technology_categories c ON c.id = l.entity_id
                WHERE l.article_id = a.id AND l.entity_type = 'CATEGORY') AS category_key
         FROM knowledge_articles a WHERE a.status = 'PUBLISHED'`,
    );
    return rows.map((r) => ({
      id: r.id!,
      data: {
        title: r.title,
        summary: r.summary,
        body: r.body,
        kind: r.kind,
        sourceType: r.source_type,
        qualityGrade: r.quality_grade,
        categoryKey: r.category_key,
      },
    }));
  }

  /**
   * Published decisions with their results, lessons and the frozen version's hash; never participants, and of the
   * rationale only the decision's own line, not each member's words (free text written by a person).
   */
  private async decisions(tx: EntityManager, urnOf: (type: RecordType, id: string) => string): Promise<SharedRecord[]> {
    // Size classes as in sizeClassOf (libs/core organization.entity.ts): keep in sync.
    const rows = await tx.query<DecisionRow[]>(
      `SELECT d.id, p.title, c.key AS category_key, d.outcome, split_part(d.rationale, E'\n', 1) AS rationale, d.conditions, d.decided_at, d.version_number,
              v.content_hash, d.supersedes_decision_id, p.purpose, p.expected_benefit, p.settings,
              CASE WHEN pr.id IS NULL THEN NULL ELSE ${PRODUCT_REF} END AS product,
              ARRAY(SELECT DISTINCT CASE WHEN o.population < 15000 THEN 'SMALL' WHEN o.population < 50000 THEN 'MEDIUM' ELSE 'LARGE' END
                      FROM organizations o
                     WHERE o.population IS NOT NULL AND (o.id = p.lead_organization_id
                        OR o.id IN (SELECT po.organization_id FROM test_protocol_organizations po WHERE po.protocol_id = p.id))
                     ORDER BY 1) AS size_classes,
              ARRAY(SELECT DISTINCT n.target_group FROM test_protocol_needs tpn JOIN needs n ON n.id = tpn.need_id
                     WHERE tpn.protocol_id = p.id AND n.target_group IS NOT NULL ORDER BY 1) AS target_groups,
              coalesce((SELECT jsonb_agg(DISTINCT jsonb_build_object('vendorName', s.vendor_name, 'name', s.name, 'kindKey', k.key))
                          FROM organization_systems os JOIN systems s ON s.id = os.system_id JOIN system_kinds k ON k.id = s.kind_id
                         WHERE os.organization_id = p.lead_organization_id
                            OR os.organization_id IN (SELECT po.organization_id FROM test_protocol_organizations po WHERE po.protocol_id = p.id)), '[]') AS systems,
              coalesce((SELECT jsonb_agg(jsonb_build_object('criterion', sc.name, 'targetValue', sc.target_value, 'unit', sc.unit,
                                 'measuredValue', r.measured_value, 'met', r.met, 'comment', r.comment) ORDER BY sc.position)
                          FROM test_success_criteria sc JOIN test_results r ON r.criterion_id = sc.id WHERE sc.protocol_id = p.id), '[]') AS results,
              ARRAY(SELECT ob.description FROM test_observations ob WHERE ob.protocol_id = p.id AND ob.kind = 'LESSON' ORDER BY ob.seq) AS lessons
         FROM test_decisions d
         JOIN test_protocols p ON p.id = d.protocol_id
         JOIN test_protocol_versions v ON v.id = d.version_id
         JOIN technology_categories c ON c.id = d.category_id
         LEFT JOIN products pr ON pr.id = p.product_id
         LEFT JOIN suppliers su ON su.id = pr.supplier_id
         LEFT JOIN technology_categories tc ON tc.id = pr.category_id
        WHERE p.published`,
    );
    return rows.map((r) => ({
      id: r.id,
      data: {
        title: r.title,
        categoryKey: r.category_key,
        outcome: r.outcome,
        rationale: r.rationale,
        conditions: r.conditions,
        decidedAt: iso(r.decided_at),
        protocolVersion: { number: r.version_number, contentHash: r.content_hash },
        supersedes: r.supersedes_decision_id ? urnOf(RecordType.DECISION, r.supersedes_decision_id) : null,
        product: r.product,
        purpose: r.purpose,
        expectedBenefit: r.expected_benefit,
        settings: r.settings ?? [],
        testedSizeClasses: r.size_classes,
        testedTargetGroups: r.target_groups,
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
    const rows = await tx.query<StatementRow[]>(
      `SELECT cs.id, ${PRODUCT_REF} AS product,
              jsonb_build_object('vendorName', s.vendor_name, 'name', s.name, 'kindKey', k.key) AS system,
              cs.product_versions, cs.system_versions, cs.status, cs.evidence, cs.note, cs.source_note,
              cs.asserted_at, cs.superseded_at, cs.superseded_by_statement_id
         FROM compatibility_statements cs
         JOIN products pr ON pr.id = cs.product_id
         JOIN suppliers su ON su.id = pr.supplier_id
         JOIN technology_categories tc ON tc.id = pr.category_id
         JOIN systems s ON s.id = cs.system_id
         JOIN system_kinds k ON k.id = s.kind_id
        WHERE cs.origin_node_id IS NULL`,
    );
    return rows.map((r) => ({
      id: r.id,
      data: {
        product: r.product,
        productVersions: r.product_versions,
        system: r.system,
        systemVersions: r.system_versions,
        status: r.status,
        evidence: r.evidence,
        note: r.note,
        sourceNote: r.source_note,
        assertedAt: iso(r.asserted_at),
        supersededAt: iso(r.superseded_at),
        supersededBy: r.superseded_by_statement_id
          ? urnOf(RecordType.COMPATIBILITY, r.superseded_by_statement_id)
          : null,
      },
    }));
  }

  /**
   * Per framework agreement and product called off under it: how many implementations, and the 12/24-month
   * results as an outsider sees them (the small-number rule of the county overview: suppressed groups stay
   * suppressed, no single municipality's figure below the thresholds).
   */
  private async outcomes(tx: EntityManager): Promise<SharedRecord[]> {
    const rows = await tx.query<OutcomeRow[]>(
      `SELECT fa.id AS agreement_id, pc.title, fa.starts_on::text AS starts_on, fa.ends_on::text AS ends_on, pr.id AS product_id,
              ${PRODUCT_REF} AS product,
              (SELECT count(*)::int FROM implementations i JOIN call_offs co2 ON co2.id = i.call_off_id
                WHERE co2.agreement_id = fa.id AND i.product_id = pr.id) AS implementations
         FROM framework_agreements fa
         JOIN procurements pc ON pc.id = fa.procurement_id
         JOIN (SELECT DISTINCT agreement_id, product_id FROM call_offs) co ON co.agreement_id = fa.id
         JOIN products pr ON pr.id = co.product_id
         JOIN suppliers su ON su.id = pr.supplier_id
         JOIN technology_categories tc ON tc.id = pr.category_id`,
    );
    if (!rows.length) return [];
    const results = await this.results.results(OUTSIDER, {});
    return rows.map((r) => ({
      id: derivedUuid('agreement-outcome', r.agreement_id, r.product_id),
      data: {
        product: r.product,
        agreement: { title: r.title, startsOn: r.starts_on, endsOn: r.ends_on },
        implementations: r.implementations,
        followUps: results.byProduct
          .filter((g) => g.productId === r.product_id)
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

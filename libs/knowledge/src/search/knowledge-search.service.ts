import { Injectable } from '@nestjs/common';
import { Brackets } from 'typeorm';
import { type ConnectionResult, CoreError, Db, type RequestContext, Visibility } from '#core';
import { TechnologyCategoryService } from '#catalog';
import type { KnowledgeSearchArgs } from '../dto/knowledge-search.args.js';
import { KnowledgeError } from '../knowledge.errors.js';
import { KnowledgePolicy } from '../knowledge.policy.js';
import type { KnowledgeHit } from './knowledge-hit.type.js';
import { searchQueryOf, snippetsOf } from './knowledge-search.queries.js';

interface HitRow {
  id: string;
  source: KnowledgeHit['source'];
  source_id: string;
  kind: KnowledgeHit['kind'];
  title: string;
  summary: string;
  source_type: KnowledgeHit['sourceType'];
  quality_grade: KnowledgeHit['qualityGrade'];
  category_id: string | null;
  dated_at: Date;
  origin_node_id: string | null;
  origin_name: string | null;
  rank: number;
}

/**
 * `knowledgeSearch`: ranked full-text search over articles and published test decisions. Three statements per page
 * (whether the query has a searchable word, the ranked page, then `ts_headline` for that page only), plus one for
 * `totalCount` when asked. Cursors are
 * positions in the ranking: relevance has no stable key to seek on.
 */
@Injectable()
export class KnowledgeSearchService {
  constructor(
    private readonly db: Db,
    private readonly categories: TechnologyCategoryService,
  ) {}

  async search(ctx: RequestContext, args: KnowledgeSearchArgs): Promise<ConnectionResult<KnowledgeHit>> {
    const first = Math.min(Math.max(args.first ?? 20, 1), 100);
    const offset = args.after ? decodeOffset(args.after) : 0;
    const filters = args.filters ?? {};
    if (filters.from && filters.to && filters.from > filters.to)
      throw KnowledgeError.DATES_INVALID({ field: 'filters.from' });
    const category = filters.category ? await this.categories.resolve(ctx, filters.category, 'filters.category') : null;
    // Computed once: written inline, the compound-part function would run again for every entry it is matched against.
    const { searchable, tsquery } = await searchQueryOf(this.db.manager, args.query);
    if (!searchable) throw KnowledgeError.QUERY_EMPTY({ field: 'query' });

    const qb = this.db.manager
      .createQueryBuilder()
      .select([
        'e.id AS id',
        'e.source AS source',
        'e.source_id AS source_id',
        'e.kind AS kind',
        'e.title AS title',
        'e.summary AS summary',
      ])
      .addSelect([
        'e.source_type AS source_type',
        'e.quality_grade AS quality_grade',
        'e.category_id AS category_id',
        'e.dated_at AS dated_at',
        'e.origin_node_id AS origin_node_id',
        'e.origin_name AS origin_name',
      ])
      .addSelect(`ts_rank(e.search, CAST(:tsquery AS tsquery))`, 'rank')
      .from('knowledge_entries', 'e')
      .where(`e.search @@ CAST(:tsquery AS tsquery)`, { tsquery });
    Visibility.scope(ctx, qb, KnowledgePolicy.scope('e', 'e.published'));
    if (category) {
      qb.andWhere(
        new Brackets((w) =>
          w
            .where('e.category_id = :category')
            .orWhere(
              `EXISTS (SELECT 1 FROM knowledge_article_links l WHERE e.source = 'ARTICLE' AND l.article_id = e.source_id AND l.entity_type = 'CATEGORY' AND l.entity_id = :category)`,
            ),
        ),
        { category: category.id },
      );
    }
    if (filters.localOnly) qb.andWhere('e.origin_node_id IS NULL');
    if (filters.kind) qb.andWhere('e.kind = :kind', { kind: filters.kind });
    if (filters.sourceType) qb.andWhere('e.source_type = :sourceType', { sourceType: filters.sourceType });
    if (filters.qualityGrade) qb.andWhere('e.quality_grade = :grade', { grade: filters.qualityGrade });
    if (filters.from)
      qb.andWhere(`e.dated_at >= (CAST(:from AS date) AT TIME ZONE 'Europe/Stockholm')`, { from: filters.from });
    if (filters.to)
      qb.andWhere(`e.dated_at < ((CAST(:to AS date) + 1) AT TIME ZONE 'Europe/Stockholm')`, { to: filters.to });
    const countQb = qb.clone();

    const rows: HitRow[] = await qb
      .orderBy('rank', 'DESC')
      .addOrderBy('e.id', 'ASC')
      .offset(offset)
      .limit(first + 1)
      .getRawMany();
    const page = rows.slice(0, first);
    const snippets = page.length
      ? await snippetsOf(
          this.db.manager,
          page.map((r) => r.id),
          tsquery,
        )
      : new Map<string, string>();
    const nodes: KnowledgeHit[] = page.map((r) => ({
      id: r.id,
      source: r.source,
      sourceId: r.source_id,
      kind: r.kind,
      title: r.title,
      summary: r.summary,
      snippet: snippets.get(r.id) ?? r.summary,
      sourceType: r.source_type,
      qualityGrade: r.quality_grade,
      categoryId: r.category_id,
      datedAt: r.dated_at,
      origin: r.origin_node_id ? { nodeId: r.origin_node_id, name: r.origin_name ?? r.origin_node_id } : null,
      rank: Number(r.rank),
    }));
    const edges = nodes.map((node, i) => ({ node, cursor: encodeOffset(offset + i + 1) }));
    let total: Promise<number> | undefined;
    return {
      edges,
      nodes,
      pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null },
      totalCount: () =>
        (total ??= countQb
          .select('count(*)', 'n')
          .getRawOne()
          .then((r: { n: string }) => Number(r.n))),
    };
  }
}

function encodeOffset(offset: number): string {
  return Buffer.from(JSON.stringify({ offset })).toString('base64url');
}

function decodeOffset(cursor: string): number {
  try {
    const { offset } = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { offset: unknown };
    if (Number.isInteger(offset) && (offset as number) >= 0 && (offset as number) <= 10_000) return offset as number;
  } catch {
    // fall through
  }
  throw CoreError.INVALID_CURSOR({ field: 'after' });
}

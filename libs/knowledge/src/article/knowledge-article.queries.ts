import type { EntityManager } from 'typeorm';
import {
  type ListSpec,
  Organization,
  type RequestContext,
  type SortKey,
  type SqlFragment,
  sql,
  Visibility,
} from '#core';
import { KnowledgeArticle } from './knowledge-article.entity.js';
import type { ArticlesArgs } from '../dto/article.input.js';
import { KnowledgePolicy } from '../knowledge.policy.js';

/** The articles page's planned path (see plannedPage): an article with its writing organisation. */
export const ARTICLE_LIST: ListSpec = {
  entity: KnowledgeArticle,
  alias: 'a',
  relations: {
    organization: {
      entity: Organization,
      alias: 'paged_organization',
      on: 'paged_organization.id = a.organization_id',
    },
  },
};

export const LATEST_CHANGED_ARTICLES: SortKey<KnowledgeArticle>[] = [
  { expression: 'a.updated_at', direction: 'DESC', value: (a) => a.updatedAt },
  { expression: 'a.id', direction: 'DESC', value: (a) => a.id },
];

/** The articles page's conditions on alias `a`: the policy first, then the filters; every value a parameter. */
export function articleListWhere(ctx: RequestContext, args: ArticlesArgs): SqlFragment[] {
  const where: SqlFragment[] = [];
  const visible = Visibility.condition(ctx, KnowledgePolicy.articles('a'));
  if (visible) where.push(visible);
  if (args.kind) where.push(sql`a.kind = ${args.kind}`);
  if (args.status) where.push(sql`a.status = ${args.status}`);
  return where;
}

/** The tables an article can link to, by kind of link (fixed names, never input). */
export type LinkedTable = 'products' | 'needs' | 'test_protocols' | 'test_decisions';

/** Which of the ids exist in the table. */
export async function existingIds(manager: EntityManager, table: LinkedTable, ids: string[]): Promise<Set<string>> {
  const rows = await manager.query<{ id: string }[]>(`SELECT id FROM ${table} WHERE id = ANY($1::uuid[])`, [ids]);
  return new Set(rows.map((r) => r.id));
}

/** An article's searchable entry, as `knowledge_entries` keeps it. */
export interface ArticleEntry {
  sourceId: string;
  kind: string;
  title: string;
  summary: string;
  body: string;
  sourceType: string;
  qualityGrade: string;
  categoryId: string | null;
  organizationId: string;
  published: boolean;
  datedAt: Date;
}

/** Writes (or refreshes) the entry of source `source` (the articles'). */
export async function upsertEntry(tx: EntityManager, source: string, entry: ArticleEntry): Promise<void> {
  await tx.query(
    `INSERT INTO knowledge_entries (source, source_id, kind, title, summary, body, source_type, quality_grade, category_id, organization_id, published, dated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
     ON CONFLICT (source, source_id) DO UPDATE SET kind = EXCLUDED.kind, title = EXCLUDED.title, summary = EXCLUDED.summary, body = EXCLUDED.body,
       source_type = EXCLUDED.source_type, quality_grade = EXCLUDED.quality_grade, category_id = EXCLUDED.category_id, published = EXCLUDED.published, dated_at = EXCLUDED.dated_at`,
    [
      source,
      entry.sourceId,
      entry.kind,
      entry.title,
      entry.summary,
      entry.body,
      entry.sourceType,
      entry.qualityGrade,
      entry.categoryId,
      entry.organizationId,
      entry.published,
      entry.datedAt,
    ],
  );
}

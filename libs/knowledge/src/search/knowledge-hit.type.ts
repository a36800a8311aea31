import { Field, Float, ID, ObjectType } from '@nestjs/graphql';
import { Connection } from '#core';
import { ArticleKind, KnowledgeSource, KnowledgeSourceType, QualityGrade } from '../knowledge.enums.js';

@ObjectType({
  description: 'Another county\'s node a shared record comes from (federation): shown as "Från <name>".',
})
export class KnowledgeOrigin {
  @Field({ description: 'The node id: its HTTPS origin.' })
  nodeId: string;

  @Field({ description: 'As the registry names it, e.g. "Region Västmanlands nod".' })
  name: string;
}

@ObjectType({ description: 'One search hit: an article, or a published test decision with its results and lessons.' })
export class KnowledgeHit {
  @Field(() => ID)
  id: string;

  @Field(() => KnowledgeSource)
  source: KnowledgeSource;

  @Field(() => ID, { description: 'The article id, or the test decision id.' })
  sourceId: string;

  @Field(() => ArticleKind)
  kind: ArticleKind;

  @Field()
  title: string;

  @Field()
  summary: string;

  @Field({
    description:
      'Where the words were found: plain text with <mark>…</mark> around the matches (escape the rest before showing it as HTML).',
  })
  snippet: string;

  @Field(() => KnowledgeSourceType)
  sourceType: KnowledgeSourceType;

  @Field(() => QualityGrade)
  qualityGrade: QualityGrade;

  @Field(() => ID, { nullable: true })
  categoryId: string | null;

  @Field({ description: 'Published or decided.' })
  datedAt: Date;

  @Field(() => KnowledgeOrigin, {
    nullable: true,
    description:
      "Null for this node's own knowledge; for a record shared by another county's node, that node. `sourceId` is then the record's id on its node.",
  })
  origin: KnowledgeOrigin | null;

  @Field(() => Float, { description: 'Relevance: title weighs more than summary, summary more than body.' })
  rank: number;
}

@ObjectType()
export class KnowledgeHitConnection extends Connection(KnowledgeHit) {}

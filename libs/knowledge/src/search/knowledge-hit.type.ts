import { Field, Float, ID, ObjectType } from '@nestjs/graphql';
import { Connection } from '#core';
import { ArticleKind, KnowledgeSource, KnowledgeSourceType, QualityGrade } from '../knowledge.enums.js';

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

  @Field(() => Float, { description: 'Relevance: title weighs more than summary, summary more than body.' })
  rank: number;
}

@ObjectType()
export class KnowledgeHitConnection extends Connection(KnowledgeHit) {}

import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { ArticleKind, ArticleLinkType, ArticleStatus, KnowledgeSourceType, QualityGrade } from '../knowledge.enums.js';

@ObjectType({
  description: 'An article of the knowledge portal: a lesson, good example, guidance, checklist or test report.',
})
@Entity({ name: 'knowledge_articles' })
export class KnowledgeArticle {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => ID, { description: 'The writing organisation.' })
  @Column({ type: 'uuid' })
  organizationId: string;

  @Field(() => ID)
  @Column({ type: 'uuid' })
  authorUserId: string;

  @Field(() => ArticleKind)
  @Column({ type: 'text' })
  kind: ArticleKind;

  @Field()
  @Column({ type: 'text' })
  title: string;

  @Field()
  @Column({ type: 'text' })
  summary: string;

  @Field()
  @Column({ type: 'text' })
  body: string;

  @Field(() => KnowledgeSourceType)
  @Column({ type: 'text' })
  sourceType: KnowledgeSourceType;

  @Field(() => QualityGrade)
  @Column({ type: 'text' })
  qualityGrade: QualityGrade;

  @Field(() => ArticleStatus)
  @Column({ type: 'text' })
  status: ArticleStatus;

  @Field(() => Date, { nullable: true })
  @Column({ type: 'timestamptz', nullable: true })
  publishedAt: Date | null;

  @Field(() => Int)
  @Column({ type: 'integer' })
  version: number;

  @Field()
  @Column({ type: 'timestamptz' })
  createdAt: Date;

  @Field()
  @Column({ type: 'timestamptz' })
  updatedAt: Date;
}

@ObjectType({ description: 'What an article is about: a category, product, need, test or decision.' })
@Entity({ name: 'knowledge_article_links' })
export class KnowledgeArticleLink {
  @Column({ type: 'uuid', primary: true })
  articleId: string;

  @Field(() => ArticleLinkType)
  @Column({ type: 'text', primary: true })
  entityType: ArticleLinkType;

  @Field(() => ID)
  @Column({ type: 'uuid', primary: true })
  entityId: string;
}

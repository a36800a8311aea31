import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { ArrayMaxSize, IsEnum, IsOptional, IsUUID } from 'class-validator';
import { OptionalText, PageArgs, RequiredText, TextLimits } from '#core';
import { ArticleKind, ArticleStatus, KnowledgeSourceType, QualityGrade } from '../knowledge.enums.js';

@InputType()
export class ArticleLinksInput {
  @Field(() => [String], { nullable: true, description: 'Technology category ids or keys.' })
  @IsOptional()
  @ArrayMaxSize(20)
  @OptionalText(100, { each: true })
  categories?: string[] | null;

  @Field(() => [ID], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true })
  productIds?: string[] | null;

  @Field(() => [ID], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true })
  needIds?: string[] | null;

  @Field(() => [ID], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true })
  testProtocolIds?: string[] | null;

  @Field(() => [ID], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true })
  testDecisionIds?: string[] | null;
}

@InputType()
export class CreateArticleInput extends ArticleLinksInput {
  @Field(() => ArticleKind)
  @IsEnum(ArticleKind)
  kind: ArticleKind;

  @Field()
  @RequiredText(TextLimits.title)
  title: string;

  @Field({ description: 'A few sentences: shown in lists and weighted above the body in search.' })
  @RequiredText(TextLimits.short)
  summary: string;

  @Field()
  @RequiredText(TextLimits.long * 5)
  body: string;

  @Field(() => KnowledgeSourceType)
  @IsEnum(KnowledgeSourceType)
  sourceType: KnowledgeSourceType;

  @Field(() => QualityGrade, {
    defaultValue: QualityGrade.UNASSESSED,
    description: 'Set by node staff when they review the source.',
  })
  @IsOptional()
  @IsEnum(QualityGrade)
  qualityGrade?: QualityGrade;
}

@InputType()
export class UpdateArticleInput extends ArticleLinksInput {
  @Field(() => ID)
  @IsUUID()
  id: string;

  @Field(() => ArticleKind, { nullable: true })
  @IsOptional()
  @IsEnum(ArticleKind)
  kind?: ArticleKind | null;

  @Field(() => String, { nullable: true })
  @OptionalText(TextLimits.title)
  title?: string | null;

  @Field(() => String, { nullable: true })
  @OptionalText(TextLimits.short)
  summary?: string | null;

  @Field(() => String, { nullable: true })
  @OptionalText(TextLimits.long * 5)
  body?: string | null;

  @Field(() => KnowledgeSourceType, { nullable: true })
  @IsOptional()
  @IsEnum(KnowledgeSourceType)
  sourceType?: KnowledgeSourceType | null;

  @Field(() => QualityGrade, { nullable: true })
  @IsOptional()
  @IsEnum(QualityGrade)
  qualityGrade?: QualityGrade | null;
}

@ArgsType()
export class ArticlesArgs extends PageArgs {
  @Field(() => ArticleKind, { nullable: true })
  @IsOptional()
  @IsEnum(ArticleKind)
  kind?: ArticleKind | null;

  @Field(() => ArticleStatus, { nullable: true })
  @IsOptional()
  @IsEnum(ArticleStatus)
  status?: ArticleStatus | null;
}

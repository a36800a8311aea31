import { ArgsType, Field, InputType } from '@nestjs/graphql';
import { IsBoolean, IsEnum, IsISO8601, IsOptional, MinLength } from 'class-validator';
import { OptionalNested, OptionalText, PageArgs, RequiredText } from '#core';
import { ArticleKind, KnowledgeSourceType, QualityGrade } from '../knowledge.enums.js';

@InputType()
export class KnowledgeFilters {
  @Field(() => String, { nullable: true, description: 'Technology category id or key.' })
  @OptionalText(100)
  category?: string | null;

  @Field(() => KnowledgeSourceType, { nullable: true })
  @IsOptional()
  @IsEnum(KnowledgeSourceType)
  sourceType?: KnowledgeSourceType | null;

  @Field(() => QualityGrade, { nullable: true })
  @IsOptional()
  @IsEnum(QualityGrade)
  qualityGrade?: QualityGrade | null;

  @Field(() => ArticleKind, { nullable: true })
  @IsOptional()
  @IsEnum(ArticleKind)
  kind?: ArticleKind | null;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD: published or decided on or after.' })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string | null;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD: published or decided on or before.' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description: "true: only this node's own knowledge, without what other counties' nodes share.",
  })
  @IsOptional()
  @IsBoolean()
  localOnly?: boolean | null;
}

@ArgsType()
export class KnowledgeSearchArgs extends PageArgs {
  @Field({
    description:
      'Swedish web-search syntax: words, "a phrase", -without, or. Compounds and inflections are found ("larm" finds "trygghetslarm", "larmen" finds "larm").',
  })
  @RequiredText(200)
  @MinLength(2)
  query: string;

  @OptionalNested(() => KnowledgeFilters)
  filters?: KnowledgeFilters | null;
}

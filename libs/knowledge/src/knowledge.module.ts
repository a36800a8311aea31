import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CatalogModule } from '#catalog';
import { KnowledgeArticle, KnowledgeArticleLink } from './article/knowledge-article.entity.js';
import { KnowledgeArticleService } from './article/knowledge-article.service.js';
import { KnowledgeArticleFieldsResolver, KnowledgeArticleResolver } from './article/knowledge-article.resolver.js';
import { KnowledgeSearchService } from './search/knowledge-search.service.js';

/**
 * The knowledge portal: articles written by node staff and members, graded by source, and Swedish search over
 * them and over published test decisions (which a database trigger enters, so the testbed knows nothing of it).
 */
@Module({
  imports: [TypeOrmModule.forFeature([KnowledgeArticle, KnowledgeArticleLink]), CatalogModule],
  providers: [
    KnowledgeArticleService,
    KnowledgeSearchService,
    KnowledgeArticleResolver,
    KnowledgeArticleFieldsResolver,
  ],
  exports: [KnowledgeArticleService, KnowledgeSearchService],
})
export class KnowledgeModule {}

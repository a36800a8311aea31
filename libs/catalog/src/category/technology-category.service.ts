import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { Db, type RequestContext } from '#core';
import { TechnologyCategory } from './technology-category.entity.js';
import { CatalogError } from '../catalog.errors.js';

@Injectable()
export class TechnologyCategoryService {
  constructor(private readonly db: Db) {}

  list(_ctx: RequestContext): Promise<TechnologyCategory[]> {
    return this.db.manager.find(TechnologyCategory, { order: { sortOrder: 'ASC' } });
  }

  load(ctx: RequestContext, id: string): Promise<TechnologyCategory | null> {
    return this.loader(ctx).load(id);
  }

  /** A category already read with a list page costs no further statement. */
  prime(ctx: RequestContext, category: TechnologyCategory | null | undefined): void {
    if (category) this.loader(ctx).prime(category.id, category);
  }

  private loader(ctx: RequestContext) {
    return ctx.loaders.byKey<string, TechnologyCategory>(
      'technologyCategory',
      (ids) => this.db.manager.findBy(TechnologyCategory, { id: In([...ids]) }),
      (c) => c.id,
    );
  }

  /** Accepts the id or the key (`DIGITAL_SUPERVISION`), so clients can use either. */
  async resolve(ctx: RequestContext, idOrKey: string, field = 'categoryId'): Promise<TechnologyCategory> {
    const category = /^[0-9a-f-]{36}$/i.test(idOrKey)
      ? await this.load(ctx, idOrKey)
      : await this.db.manager.findOneBy(TechnologyCategory, { key: idOrKey.toUpperCase() });
    if (!category) throw CatalogError.CATEGORY_NOT_FOUND({ field });
    return category;
  }
}

import type { Type } from '@nestjs/common';
import { NotificationsModule } from '#notifications';
import { CatalogModule } from '#catalog';
import { NeedsModule } from '#needs';

/** The domain modules, in the order of the thread need → test → procurement → follow-up. */
export const DOMAIN_MODULES: Type[] = [NotificationsModule, CatalogModule, NeedsModule];

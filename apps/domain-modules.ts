import type { Type } from '@nestjs/common';
import { NotificationsModule } from '#notifications';
import { CatalogModule } from '#catalog';
import { FollowUpModule } from '#followup';

/** The domain modules, in the order of the thread need → test → procurement → follow-up. */
export const DOMAIN_MODULES: Type[] = [NotificationsModule, CatalogModule, FollowUpModule];

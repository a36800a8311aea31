import type { Type } from '@nestjs/common';
import { NotificationsModule } from '#notifications';
import { CatalogModule } from '#catalog';
import { NeedsModule } from '#needs';
import { TestbedModule } from '#testbed';
import { ProcurementModule } from '#procurement';
import { FollowUpModule } from '#followup';
import { KnowledgeModule } from '#knowledge';
import { ThreadModule } from '#thread';
import { IdentityModule } from '#identity';
import { FederationModule } from '#federation';

/** The domain modules, in the order of the thread need → test → procurement → follow-up, then what reads them all, and the federation with other counties' nodes. */
export const DOMAIN_MODULES: Type[] = [
  NotificationsModule,
  CatalogModule,
  NeedsModule,
  TestbedModule,
  ProcurementModule,
  FollowUpModule,
  KnowledgeModule,
  ThreadModule,
  IdentityModule,
  FederationModule,
];

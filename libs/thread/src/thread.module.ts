import { Module } from '@nestjs/common';
import { CatalogModule } from '#catalog';
import { NeedsModule } from '#needs';
import { TestbedModule } from '#testbed';
import { ProcurementModule } from '#procurement';
import { FollowUpModule } from '#followup';
import { CountyOverviewService } from './overview/county-overview.service.js';
import { CountyOverviewResolver } from './overview/county-overview.resolver.js';
import { TransferabilityService } from './transferability/transferability.service.js';
import { TransferabilityResolver } from './transferability/transferability.resolver.js';
import { ExportService } from './exports/export.service.js';
import { ExportController } from './exports/export.controller.js';
import { TraceService } from './trace/trace.service.js';
import { TraceResolver } from './trace/trace.resolver.js';
import { ThreadLinkService } from './links/thread-link.service.js';
import {
  FrameworkAgreementThreadLinksResolver,
  CallOffThreadLinksResolver,
  ImplementationThreadLinksResolver,
  NeedThreadLinksResolver,
  ProcurementThreadLinksResolver,
  TestDecisionThreadLinksResolver,
  TestProtocolThreadLinksResolver,
} from './links/thread-links.resolver.js';

/**
 * The thread made visible across the domains: trace, the links in both directions, the county overview,
 * transferability and the CSV exports. It reads every domain; no domain reads it.
 */
@Module({
  imports: [CatalogModule, NeedsModule, TestbedModule, ProcurementModule, FollowUpModule],
  controllers: [ExportController],
  providers: [
    CountyOverviewService,
    CountyOverviewResolver,
    TransferabilityService,
    TransferabilityResolver,
    ExportService,
    TraceService,
    TraceResolver,
    ThreadLinkService,
    NeedThreadLinksResolver,
    TestProtocolThreadLinksResolver,
    TestDecisionThreadLinksResolver,
    ProcurementThreadLinksResolver,
    FrameworkAgreementThreadLinksResolver,
    CallOffThreadLinksResolver,
    ImplementationThreadLinksResolver,
  ],
  exports: [TraceService, CountyOverviewService, TransferabilityService],
})
export class ThreadModule {}

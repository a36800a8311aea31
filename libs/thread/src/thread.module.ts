import { Module } from '@nestjs/common';
import { TraceService } from './trace/trace.service.js';
import { TraceResolver } from './trace/trace.resolver.js';
import { ThreadLinkService } from './links/thread-link.service.js';
import {
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
  providers: [
    TraceService,
    TraceResolver,
    ThreadLinkService,
    NeedThreadLinksResolver,
    TestProtocolThreadLinksResolver,
    TestDecisionThreadLinksResolver,
    ProcurementThreadLinksResolver,
    CallOffThreadLinksResolver,
    ImplementationThreadLinksResolver,
  ],
  exports: [TraceService],
})
export class ThreadModule {}

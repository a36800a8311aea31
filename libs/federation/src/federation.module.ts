import { Module } from '@nestjs/common';
import { CatalogModule } from '#catalog';
import { FollowUpModule } from '#followup';
import { FederationIdentity } from './federation-identity.js';
import { FederationPublisher } from './publish/federation-publisher.service.js';
import { SharedRecords } from './publish/shared-records.js';
import { FederationFeedController } from './publish/federation-feed.controller.js';
import { FederationReceiver } from './receive/federation-receiver.service.js';
import { FederationPuller } from './receive/federation-puller.service.js';
import { FederationPeersService } from './peers/federation-peers.service.js';
import { FederationResolver } from './peers/federation.resolver.js';
import { FederatedTransferabilityService } from './peers/federated-transferability.service.js';
import { FederatedTransferabilityResolver } from './peers/federated-transferability.resolver.js';
import { FederationPullHandler } from './jobs/federation-pull.handler.js';

/**
 * Federation with other counties' nodes (docs/federation.md): this node's identity and signed feed, the pull of
 * its peers' feeds with every receipt check, and where the shared records show. It comes after the thread's
 * domains and reads them; they show federated rows through origin columns in Postgres, never by importing it.
 */
@Module({
  imports: [CatalogModule, FollowUpModule],
  controllers: [FederationFeedController],
  providers: [
    FederationIdentity,
    SharedRecords,
    FederationPublisher,
    FederationReceiver,
    FederationPuller,
    FederationPeersService,
    FederationResolver,
    FederatedTransferabilityService,
    FederatedTransferabilityResolver,
    FederationPullHandler,
  ],
  exports: [FederationIdentity, FederationPublisher, FederationPuller, FederationPeersService],
})
export class FederationModule {}

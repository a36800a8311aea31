import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Ctx, type RequestContext } from '#core';
import { FederationPeersService } from './federation-peers.service.js';
import {
  FederatedAgreementOutcome,
  FederationPeer,
  FederationStatus,
  OtherCountiesOutcomesArgs,
  SetFederationTrustArgs,
} from './federation-peer.types.js';

@Resolver()
export class FederationResolver {
  constructor(private readonly peers: FederationPeersService) {}

  @Query(() => FederationStatus, {
    description: "Node staff: this node's federation and each peer's last pull, lag and last error.",
  })
  federationStatus(@Ctx() ctx: RequestContext): Promise<FederationStatus> {
    return this.peers.status(ctx);
  }

  @Mutation(() => FederationPeer, {
    description:
      "Node staff stop trusting another county's node (its records are hidden at once, kept for audit) or trust it again.",
  })
  setFederationTrust(@Ctx() ctx: RequestContext, @Args() args: SetFederationTrustArgs): Promise<FederationPeer> {
    return this.peers.setTrust(ctx, args);
  }

  @Query(() => [FederatedAgreementOutcome], {
    description:
      "Other counties' framework agreement outcomes for the same product (matched by supplier, name, model).",
  })
  otherCountiesOutcomes(@Ctx() ctx: RequestContext, @Args() args: OtherCountiesOutcomesArgs) {
    return this.peers.outcomesFor(ctx, args.productId);
  }
}

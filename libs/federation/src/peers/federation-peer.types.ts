import { ArgsType, Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { IsBoolean, IsOptional, IsUUID } from 'class-validator';
import { OptionalText, RequiredText } from '#core';

@ObjectType({ description: "Another county's node as this node sees it: trust, and how pulling its feed goes." })
export class FederationPeer {
  @Field({ description: 'The node id: its HTTPS origin.' })
  nodeId: string;

  @Field()
  name: string;

  @Field()
  county: string;

  @Field({ description: 'Listed in the signed registry; a node taken out of it is hidden like an untrusted one.' })
  inRegistry: boolean;

  @Field({ description: 'false after node staff stopped trusting it: its records are hidden (kept for audit).' })
  trusted: boolean;

  @Field(() => String, { nullable: true })
  distrustReason: string | null;

  @Field(() => Date, { nullable: true })
  trustChangedAt: Date | null;

  @Field(() => Float, { description: 'The last sequence number of its feed stored here.' })
  lastSeq: number;

  @Field(() => Date, { nullable: true })
  lastAttemptAt: Date | null;

  @Field(() => Date, { nullable: true, description: 'The last pull that went through.' })
  lastSuccessAt: Date | null;

  @Field(() => Date, { nullable: true, description: 'The last time its whole feed had been read.' })
  caughtUpAt: Date | null;

  @Field(() => Int, {
    nullable: true,
    description: 'Seconds since it was last read to the end: how stale its records may be.',
  })
  lagSeconds: number | null;

  @Field(() => String, { nullable: true })
  lastError: string | null;

  @Field(() => Date, { nullable: true })
  lastErrorAt: Date | null;

  @Field(() => Int, { description: 'Failed pulls in a row; the next waits twice as long each time (backoff).' })
  failures: number;

  @Field(() => Date, { nullable: true })
  nextPullAt: Date | null;

  @Field(() => Int)
  receivedCount: number;

  @Field(() => Int)
  refusedCount: number;

  @Field(() => Int, { description: 'Its records held here (tombstones not counted).' })
  recordCount: number;
}

@ObjectType()
export class FederationStatus {
  @Field({ description: 'false: FEDERATION_NODE_ID is unset and nothing is shared or pulled.' })
  enabled: boolean;

  @Field(() => String, { nullable: true })
  nodeId: string | null;

  @Field(() => Float, { description: "The last sequence number of this node's own feed." })
  publishedSeq: number;

  @Field(() => [FederationPeer])
  peers: FederationPeer[];
}

@ArgsType()
export class SetFederationTrustArgs {
  @Field({ description: 'The node id (HTTPS origin).' })
  @RequiredText(300)
  nodeId: string;

  @Field()
  @IsBoolean()
  trusted: boolean;

  @Field(() => String, { nullable: true, description: 'Required when trust is withdrawn; kept in the audit log.' })
  @OptionalText(2000)
  reason?: string | null;
}

@ObjectType({ description: 'A follow-up wave of an outcome shared by another county, small groups withheld there.' })
export class FederatedFollowUpWave {
  @Field(() => Int)
  wave: number;

  @Field()
  suppressed: boolean;

  @Field(() => String, { nullable: true })
  suppressionReason: string | null;

  @Field(() => Int, { nullable: true })
  due: number | null;

  @Field(() => Int, { nullable: true })
  answered: number | null;

  @Field(() => Float, { nullable: true })
  responseRate: number | null;
}

@ObjectType({ description: "Another county's framework agreement outcome for the same product (federation)." })
export class FederatedAgreementOutcome {
  @Field({ description: 'urn:noden:<node>:agreement-outcome:<uuid>' })
  id: string;

  @Field()
  originNodeId: string;

  @Field({ description: 'As the registry names it, e.g. "Region Västmanlands nod".' })
  originName: string;

  @Field()
  originCounty: string;

  @Field()
  agreementTitle: string;

  @Field()
  startsOn: string;

  @Field()
  endsOn: string;

  @Field()
  productName: string;

  @Field()
  supplierName: string;

  @Field(() => Int)
  implementations: number;

  @Field(() => [FederatedFollowUpWave])
  followUps: FederatedFollowUpWave[];

  @Field()
  publishedAt: Date;
}

@ArgsType()
export class OtherCountiesOutcomesArgs {
  @Field(() => ID)
  @IsUUID()
  productId: string;
}

@ArgsType()
export class FederatedTransferabilityArgs {
  @Field({ description: 'The shared decision: its urn, or the sourceId of its knowledge search hit.' })
  @RequiredText(300)
  decisionId: string;

  @Field(() => ID, { nullable: true, description: 'The municipality; yours when left out.' })
  @IsOptional()
  @IsUUID()
  organizationId?: string | null;
}

import { OrganizationKind, type RequestContext, Role, Visibility } from '#core';
import type { TestProtocol } from './protocol/test-protocol.entity.js';
import { TestbedError } from './testbed.errors.js';

/** Roles that plan and run a test for their organisation. Tech coaches report observations in it. */
export const PROTOCOL_EDITOR_ROLES: readonly Role[] = [
  Role.NODE_ADMIN,
  Role.NODE_STAFF,
  Role.MUNICIPALITY_COORDINATOR,
  Role.STEERING_MEMBER,
];

/** The steering group's member organisations: one representative per municipality and the region (S4:329). */
export const STEERING_MEMBER_KINDS: readonly OrganizationKind[] = [
  OrganizationKind.MUNICIPALITY,
  OrganizationKind.REGION,
];

export interface ProtocolParties {
  protocol: TestProtocol;
  participantIds: readonly string[];
}

/**
 * A draft is visible to the lead and participating organisations and node staff; once the test has run
 * (`published`, set when it leaves DRAFT for RUNNING) it is visible to all members: results are shared (S4:334-336).
 */
export const TestbedPolicy = {
  canSee(ctx: RequestContext, { protocol, participantIds }: ProtocolParties): boolean {
    return Visibility.canSee(ctx, {
      organizationIds: [protocol.leadOrganizationId, ...participantIds],
      published: protocol.published,
    });
  },

  assertCanSee(ctx: RequestContext, parties: ProtocolParties, field = 'id'): void {
    Visibility.assertCanSee(
      ctx,
      {
        organizationIds: [parties.protocol.leadOrganizationId, ...parties.participantIds],
        published: parties.protocol.published,
      },
      () => TestbedError.PROTOCOL_NOT_FOUND({ field }),
    );
  },

  /** For lists: `p` is the protocol alias. */
  scope: {
    published: 'p.published',
    ownedBy: [
      'p.lead_organization_id = :visibilityOrg',
      'p.id IN (SELECT tpo.protocol_id FROM test_protocol_organizations tpo WHERE tpo.organization_id = :visibilityOrg)',
    ],
  },

  /** Node staff create for any lead organisation; coordinators and steering members for their own. */
  assertCreatesFor(ctx: RequestContext, leadOrganizationId: string): void {
    ctx.requireRole(...PROTOCOL_EDITOR_ROLES);
    if (!ctx.isNodeStaff && !ctx.belongsTo(leadOrganizationId))
      throw TestbedError.LEAD_ORGANIZATION_FORBIDDEN({ field: 'input.leadOrganizationId' });
  },

  /** Plan, status, participants, results, submission: the lead organisation's editors or node staff. */
  assertLeads(ctx: RequestContext, protocol: TestProtocol): void {
    if (ctx.isNodeStaff) return;
    if (
      !ctx.belongsTo(protocol.leadOrganizationId) ||
      !ctx.hasRole(Role.MUNICIPALITY_COORDINATOR, Role.STEERING_MEMBER)
    )
      throw TestbedError.NOT_LEAD();
  },

  /** Observations, deviations and fault reports: anyone in the lead or a participating organisation, or node staff. */
  assertReportsIn(ctx: RequestContext, { protocol, participantIds }: ProtocolParties): void {
    if (ctx.isNodeStaff) return;
    const org = ctx.organizationId;
    if (org !== protocol.leadOrganizationId && !participantIds.includes(org)) throw TestbedError.NOT_PARTICIPANT();
  },

  /** Only steering members vote, for a member organisation (region or municipality). */
  assertVotes(ctx: RequestContext): void {
    ctx.requireRole(Role.STEERING_MEMBER);
    if (!STEERING_MEMBER_KINDS.includes(ctx.user.organizationKind)) throw TestbedError.NOT_MEMBER_ORGANIZATION();
  },

  assertConfiguresSteering(ctx: RequestContext): void {
    ctx.requireRole(Role.NODE_ADMIN);
  },
};

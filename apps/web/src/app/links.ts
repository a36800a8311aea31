/**
 * Where an entity the api names (notifications, need history) lives in the web app. Pages part 2 adds
 * (procurements, implementations, follow-ups) get their paths here too; until then they have none.
 */
export function entityPath(entityType: string | null | undefined, id: string | null | undefined): string | null {
  if (!entityType || !id) return null;
  switch (entityType) {
    case 'Need':
      return `/behov/${id}`;
    case 'TestProtocol':
      return `/tester/${id}`;
    case 'TestDecision':
      return `/beslut/${id}`;
    case 'Procurement':
      return `/upphandlingar/${id}`;
    case 'FrameworkAgreement':
      return `/ramavtal/${id}`;
    case 'Implementation':
      return `/inforanden/${id}`;
    case 'FollowUp':
      return `/uppfoljningar/${id}`;
    default:
      return null;
  }
}

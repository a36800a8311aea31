/**
 * Where an entity the api names (notifications, need history) lives in the web app. A test protocol opens on its
 * own page (status, plan, results); a notification that asks the steering group to review one opens the review.
 */
export function entityPath(
  entityType: string | null | undefined,
  id: string | null | undefined,
  notificationKind?: string,
): string | null {
  if (!entityType || !id) return null;
  switch (entityType) {
    case 'Need':
      return `/behov/${id}`;
    case 'TestProtocol':
      return notificationKind?.startsWith('testProtocol.') ? `/granskning/${id}` : `/testprotokoll/${id}`;
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

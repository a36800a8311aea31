import type { WordKey } from './sv.js';

/** The English words for every shared code (see sv.ts). */
export const enWords: Record<WordKey, string> = {
  'needStatus.NEW': 'New',
  'needStatus.TRIAGED': 'Triaged',
  'needStatus.IN_TEST': 'In test',
  'needStatus.IN_PROCUREMENT': 'In procurement',
  'needStatus.ADDRESSED': 'Addressed',
  'needStatus.DECLINED': 'Declined',
  'needStatus.MERGED': 'Merged',

  'recommendation.RECOMMEND': 'Recommend',
  'recommendation.RECOMMEND_WITH_CONDITIONS': 'Recommend with conditions',
  'recommendation.TEST_MORE': 'Test more',
  'recommendation.DO_NOT_RECOMMEND': 'Do not recommend',

  'email.subject': '[Noden] {title}',
  'email.signature': '— Noden, welfare technology together',

  'notification.need.statusChanged.title': 'Your need has a new status: {toStatus:needStatus}',
  'notification.need.statusChanged.body':
    'The need “{needTitle}” now has the status {toStatus:needStatus}. The reason and the whole history are under My needs in Noden.',
  'notification.need.endorsed.title': 'Others share your need',
  'notification.need.endorsed.body': 'One more organisation stands behind the need “{needTitle}”.',
  'notification.need.duplicateMerged.title': 'A matching need has been merged into yours',
  'notification.need.duplicateMerged.body':
    'A need from another service has been merged into “{needTitle}”. Whoever stood behind it now stands behind yours.',
  'notification.need.testDecided.title': 'The test of “{needTitle}” is decided: {outcome:recommendation}',
  'notification.need.testDecided.body':
    'The steering group has decided on the test “{protocolTitle}”, which answers the need “{needTitle}”. Follow the whole thread from the need.',
  'notification.need.procurementAwarded.title': 'The procurement for “{needTitle}” is awarded',
  'notification.need.procurementAwarded.body':
    'The framework agreement of the procurement “{procurementTitle}” is awarded ({startsOn}–{endsOn}). Follow the whole thread from the need “{needTitle}”.',
  'notification.need.followUpAnswered.title': 'The first 12-month follow-up is answered for “{needTitle}”',
  'notification.need.followUpAnswered.body':
    'A municipality that introduced the solution for the need “{needTitle}” has answered the 12-month follow-up. Follow the whole thread from the need.',
  'notification.testProtocol.submittedForReview.title':
    'Test protocol awaiting review: {protocolTitle} (version {versionNumber})',
  'notification.testProtocol.submittedForReview.body':
    'The steering group is asked to review and vote on the test protocol “{protocolTitle}”, version {versionNumber}.',
  'notification.testProtocol.reviewSuperseded.title':
    'The review of {protocolTitle} (version {versionNumber}) is cancelled',
  'notification.testProtocol.reviewSuperseded.body':
    'The test protocol “{protocolTitle}” changed before the steering group decided. Your vote on version {versionNumber} no longer counts; the next hand-in is a new version to vote on.',
  'notification.testDecision.made.title': 'The steering group has decided: {protocolTitle} – {outcome:recommendation}',
  'notification.testDecision.made.body':
    'The decision on the test protocol “{protocolTitle}” (version {versionNumber}) is published with its basis and rationale.',
  'notification.user.waitingForAccess.title': '{name} is waiting for access',
  'notification.user.waitingForAccess.body':
    '{name} ({email}) signed in for the first time through {provider} and has no roles yet. Grant access under Users.',
  'role.NODE_ADMIN': 'Administrator',
  'role.NODE_STAFF': 'Node staff',
  'role.STEERING_MEMBER': 'Steering group member',
  'role.MUNICIPALITY_COORDINATOR': 'Coordinator',
  'role.TECH_COACH': 'Tech coach',
  'role.VIEWER': 'Viewer',
  'notification.user.invited.title': 'You are invited to Noden',
  'notification.user.invited.body':
    'You are invited to Noden, the county’s collaboration node for welfare technology, for {organization}. Sign in with your work account at {signInAt}: you need no new password. The invitation is valid until {expiresOn}.',
  'notification.user.joinedWithRoles.title': '{name} has joined',
  'notification.user.joinedWithRoles.body':
    '{name} ({email}) signed in for the first time through {provider} and was given roles from their groups: {roles:role}.',
  'notification.procurement.cancelled.title': 'The joint procurement “{procurementTitle}” is cancelled',
  'notification.procurement.cancelled.body':
    'The procurement “{procurementTitle}” your organisation takes part in has been cancelled. The reason is under the procurement in Noden.',
  'notification.procurement.agreementEnding.title': 'The framework agreement “{procurementTitle}” ends {endsOn}',
  'notification.procurement.agreementEnding.body':
    'The agreement is valid until {endsOn} ({months} {months|month|months} left). Plan an extension or a new procurement in good time.',
  'notification.procurement.windowClosing.title': 'Last day to join “{procurementTitle}” is {closesOn}',
  'notification.procurement.windowClosing.body':
    'Joining the joint procurement closes {closesOn}. Your organisation has not joined yet.',
  'notification.followUp.opened.title': '{wave}-month follow-up: {productName}',
  'notification.followUp.opened.body':
    'It is time to follow up the introduction of {productName} ({wave} months after go-live). Answer the indicators in Noden.',
  'notification.followUp.reminder.title': 'Reminder: {wave}-month follow-up: {productName}',
  'notification.followUp.reminder.body': 'The {wave}-month follow-up of {productName} still awaits an answer.',
  'notification.followUp.overdue.title': 'Overdue {wave}-month follow-up: {productName}',
  'notification.followUp.overdue.body': 'The {wave}-month follow-up of {productName} has been unanswered for 30 days.',
};

/**
 * Words shared by the web app and by what the server renders (notifications, e-mails), in Swedish. The web app's
 * catalogue (apps/web/src/app/i18n) spreads these in, so a code has one text wherever the user meets it.
 */
export const svWords = {
  'needStatus.NEW': 'Ny',
  'needStatus.TRIAGED': 'Bedömd',
  'needStatus.IN_TEST': 'I test',
  'needStatus.IN_PROCUREMENT': 'I upphandling',
  'needStatus.ADDRESSED': 'Åtgärdad',
  'needStatus.DECLINED': 'Avböjd',
  'needStatus.MERGED': 'Sammanslagen',

  'recommendation.RECOMMEND': 'Rekommendera',
  'recommendation.RECOMMEND_WITH_CONDITIONS': 'Rekommendera med villkor',
  'recommendation.TEST_MORE': 'Testa mer',
  'recommendation.DO_NOT_RECOMMEND': 'Rekommendera inte',

  'email.subject': '[Noden] {title}',
  'email.signature': '— Noden, välfärdsteknik i samverkan',

  'notification.need.statusChanged.title': 'Ditt behov har ny status: {toStatus:needStatus}',
  'notification.need.statusChanged.body':
    'Behovet ”{needTitle}” har nu status {toStatus:needStatus}. Skälet och hela historiken finns under Mina behov i Noden.',
  'notification.need.endorsed.title': 'Fler har samma behov som du',
  'notification.need.endorsed.body': 'En organisation till står bakom behovet ”{needTitle}”.',
  'notification.need.duplicateMerged.title': 'Ett likadant behov har slagits samman med ditt',
  'notification.need.duplicateMerged.body':
    'Ett behov från en annan verksamhet har slagits samman med ”{needTitle}”. Den som stod bakom det står nu bakom ditt.',
  'notification.need.testDecided.title': 'Testet av ”{needTitle}” är beslutat: {outcome:recommendation}',
  'notification.need.testDecided.body':
    'Styrgruppen har beslutat om testet ”{protocolTitle}” som svarar på behovet ”{needTitle}”. Följ hela kedjan från behovet.',
  'notification.need.procurementAwarded.title': 'Upphandlingen för ”{needTitle}” är tilldelad',
  'notification.need.procurementAwarded.body':
    'Ramavtalet i upphandlingen ”{procurementTitle}” är tilldelat ({startsOn}–{endsOn}). Följ hela kedjan från behovet ”{needTitle}”.',
  'notification.need.followUpAnswered.title': 'Första uppföljningen efter 12 månader är besvarad för ”{needTitle}”',
  'notification.need.followUpAnswered.body':
    'En kommun som infört lösningen för behovet ”{needTitle}” har besvarat uppföljningen efter 12 månader. Följ hela kedjan från behovet.',
  'notification.testProtocol.submittedForReview.title':
    'Testprotokoll väntar på granskning: {protocolTitle} (version {versionNumber})',
  'notification.testProtocol.submittedForReview.body':
    'Styrgruppen ombeds granska och rösta om testprotokollet ”{protocolTitle}”, version {versionNumber}.',
  'notification.testProtocol.reviewSuperseded.title':
    'Granskningen av {protocolTitle} (version {versionNumber}) är avbruten',
  'notification.testProtocol.reviewSuperseded.body':
    'Testprotokollet ”{protocolTitle}” ändrades innan styrgruppen hann besluta. Din röst på version {versionNumber} gäller inte längre; nästa inlämning blir en ny version att rösta om.',
  'notification.testDecision.made.title': 'Styrgruppen har beslutat: {protocolTitle} – {outcome:recommendation}',
  'notification.testDecision.made.body':
    'Beslutet om testprotokollet ”{protocolTitle}” (version {versionNumber}) är publicerat med underlag och motivering.',
  'notification.user.waitingForAccess.title': '{name} väntar på behörighet',
  'notification.user.waitingForAccess.body':
    '{name} ({email}) loggade in första gången via {provider} och har ännu inga roller. Ge behörighet under Användare.',
  'role.NODE_ADMIN': 'Administratör',
  'role.NODE_STAFF': 'Nodpersonal',
  'role.STEERING_MEMBER': 'Styrgruppsledamot',
  'role.MUNICIPALITY_COORDINATOR': 'Samordnare',
  'role.TECH_COACH': 'Teknikcoach',
  'role.VIEWER': 'Läsare',
  'notification.user.invited.title': 'Du är inbjuden till Noden',
  'notification.user.invited.body':
    'Du är inbjuden till Noden, länets samverkansnod för välfärdsteknik, för {organization}. Logga in med ditt arbetskonto på {signInAt}: du behöver inget nytt lösenord. Inbjudan gäller till och med {expiresOn}.',
  'notification.user.joinedWithRoles.title': '{name} har anslutit',
  'notification.user.joinedWithRoles.body':
    '{name} ({email}) loggade in första gången via {provider} och fick roller från sina grupper: {roles:role}.',
  'notification.procurement.cancelled.title': 'Den gemensamma upphandlingen ”{procurementTitle}” är avbruten',
  'notification.procurement.cancelled.body':
    'Upphandlingen ”{procurementTitle}” som din organisation deltar i har avbrutits. Skälet finns under upphandlingen i Noden.',
  'notification.procurement.agreementEnding.title': 'Ramavtalet ”{procurementTitle}” löper ut {endsOn}',
  'notification.procurement.agreementEnding.body':
    'Ramavtalet gäller till och med {endsOn} ({months} {months|månad|månader} kvar). Planera förlängning eller ny upphandling i god tid.',
  'notification.procurement.windowClosing.title': 'Sista dag att ansluta till ”{procurementTitle}” är {closesOn}',
  'notification.procurement.windowClosing.body':
    'Anmälan till den gemensamma upphandlingen stänger {closesOn}. Din organisation har inte anslutit ännu.',
  'notification.followUp.opened.title': 'Uppföljning efter {wave} månader: {productName}',
  'notification.followUp.opened.body':
    'Det är dags att följa upp införandet av {productName} ({wave} månader efter start). Svara på indikatorerna i Noden.',
  'notification.followUp.reminder.title': 'Påminnelse: uppföljning efter {wave} månader: {productName}',
  'notification.followUp.reminder.body':
    'Uppföljningen efter {wave} månader av {productName} väntar fortfarande på svar.',
  'notification.followUp.overdue.title': 'Försenad uppföljning efter {wave} månader: {productName}',
  'notification.followUp.overdue.body':
    'Uppföljningen efter {wave} månader av {productName} har varit obesvarad i 30 dagar.',
} as const;

export type WordKey = keyof typeof svWords;

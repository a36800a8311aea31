import { type FragmentOf, graphql, readFragment } from '../app/graphql.js';
import { useLanguage } from '../app/i18n.js';
import { formatDate } from '../app/format.js';

/** One thing the knowledge basis lacks, as the api computes it (the words live here). */
export const EvidenceGapFields = graphql(`
  fragment EvidenceGap on TestEvidenceGap {
    kind
    criteria
    plannedEnd
  }
`);

/** What a version lacked when handed in, and the reason it was handed in anyway (frozen with it). */
export const VersionEvidenceFields = graphql(
  `
    fragment VersionEvidence on TestProtocolVersion {
      evidenceGaps {
        ...EvidenceGap
      }
      snapshot {
        handIn {
          reason
        }
      }
    }
  `,
  [EvidenceGapFields],
);

/** The gaps as a list, in the user's language: the same on the hand-in form, the review page and the vote. */
export function GapList({ gaps }: { gaps: readonly FragmentOf<typeof EvidenceGapFields>[] }) {
  const { t, lang } = useLanguage();
  return (
    <ul className="evidence-gaps">
      {gaps.map((masked) => {
        const gap = readFragment(EvidenceGapFields, masked);
        return (
          <li key={gap.kind}>
            {gap.kind === 'CRITERIA_WITHOUT_RESULT'
              ? t('evidence.gap.CRITERIA_WITHOUT_RESULT', { criteria: (gap.criteria ?? []).join(', ') })
              : gap.kind === 'PERIOD_NOT_OVER'
                ? t('evidence.gap.PERIOD_NOT_OVER', { date: formatDate(gap.plannedEnd, lang) })
                : t(`evidence.gap.${gap.kind}`)}
          </li>
        );
      })}
    </ul>
  );
}

/**
 * A frozen version's gaps, shown prominently to those who review and vote on it, with the reason the lead gave for
 * handing it in anyway. Nothing when the knowledge basis was complete.
 */
export function VersionEvidence({
  data,
  headingId,
}: {
  data: FragmentOf<typeof VersionEvidenceFields>;
  headingId: string;
}) {
  const { t } = useLanguage();
  const version = readFragment(VersionEvidenceFields, data);
  if (!version.evidenceGaps.length) return null;
  const reason = version.snapshot.handIn?.reason;
  return (
    <section aria-labelledby={headingId} className="card evidence-warning">
      <h2 id={headingId}>{t('evidence.handedInWithGaps')}</h2>
      <GapList gaps={version.evidenceGaps} />
      <h3>{t('evidence.reasonGiven')}</h3>
      {reason ? <p className="prose">{reason}</p> : <p className="muted">{t('evidence.noReason')}</p>}
    </section>
  );
}

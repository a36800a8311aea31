import { type FormEvent, useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { Button } from '@midas-ds/components/button';
import { TextField } from '@midas-ds/components/textfield';
import { graphql, type ResultOf } from '../app/graphql.js';
import { useLanguage } from '../app/i18n.js';
import { useSession } from '../app/SessionProvider.js';
import { formatDate, formatNumber, todayInSweden } from '../app/format.js';
import type { MessageKey } from '../app/i18n/catalog.js';
import { ErrorSummary, Notice, Page } from '../ui/Page.js';
import { isNotFound, NotVisible } from '../ui/NotVisible.js';
import { QueryState } from '../ui/QueryState.js';
import { ListCard } from '../ui/ListCard.js';
import { problem, useFormErrors } from '../ui/useFormErrors.js';
import type { ApiError } from '../app/api-errors.js';
import { PROCUREMENT_CONTEXT } from './ProcurementsPage.js';
import { ProcurementStatusForm } from './ProcurementStatusForm.js';
import { RequirementSpecifications } from './RequirementSpecifications.js';
import { AwardAgreementForm } from './AwardAgreementForm.js';

const ProcurementQuery = graphql(`
  query Procurement($id: ID!) {
    procurement(id: $id) {
      id
      title
      description
      status
      participationOpensOn
      participationClosesOn
      estimatedValueSek
      leadOrganization {
        id
        name
      }
      category {
        key
        labelSv
        labelEn
      }
      lots {
        id
        number
        name
        description
      }
      participants {
        id
        organizationId
        organization {
          name
        }
        contactName
        contactEmail
        volumes {
          lotId
          estimatedVolume
        }
      }
      frameworkAgreement {
        id
        startsOn
        endsOn
      }
    }
  }
`);

const Join = graphql(`
  mutation JoinProcurement($input: JoinProcurementInput!) {
    joinProcurement(input: $input) {
      id
    }
  }
`);
const Change = graphql(`
  mutation ChangeParticipation($input: JoinProcurementInput!) {
    changeParticipation(input: $input) {
      id
    }
  }
`);
const Withdraw = graphql(`
  mutation WithdrawParticipation($input: WithdrawParticipationInput!) {
    withdrawParticipation(input: $input) {
      id
    }
  }
`);

type Participant = NonNullable<ResultOf<typeof ProcurementQuery>['procurement']>['participants'][number];

/** The api takes new requirement specification versions until the tendering is over. */
const SPEC_OPEN: readonly string[] = ['PLANNED', 'OPEN_FOR_PARTICIPATION', 'TENDERING'];
const FIELDS = ['contactName', 'contactEmail', 'volumes', 'procurementId'] as const;

export default function ProcurementPage() {
  const { id } = useParams();
  const { t, lang } = useLanguage();
  const { me, hasRole } = useSession();
  const [{ data, fetching, error }, refetch] = useQuery({
    query: ProcurementQuery,
    variables: { id: id! },
    context: PROCUREMENT_CONTEXT,
  });
  const [join, joinMutation] = useMutation(Join);
  const [change, changeMutation] = useMutation(Change);
  const [withdraw, withdrawMutation] = useMutation(Withdraw);
  const form = useFormErrors(FIELDS, {
    contactName: { label: t('procurement.contactName') },
    contactEmail: { label: t('procurement.contactEmail') },
    volumes: {
      label: t('procurement.volumes'),
      required: t('procurement.problem.volumes'),
      invalid: t('procurement.problem.volumes'),
    },
  });
  const [done, setDone] = useState<MessageKey | null>(null);
  const [contactName, setContactName] = useState('');
  const [contactEmail, setContactEmail] = useState('');
  const [volumes, setVolumes] = useState<Record<string, string>>({});
  const p = data?.procurement;
  const mine = p?.participants.find((x) => x.organizationId === me?.organization.id);

  useEffect(() => {
    if (!mine) return;
    setContactName(mine.contactName ?? '');
    setContactEmail(mine.contactEmail ?? '');
    setVolumes(Object.fromEntries(mine.volumes.map((v) => [v.lotId, String(v.estimatedVolume)])));
    // Filled once per loaded participation: a refetch of the same one must not overwrite what the user is typing.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [mine?.id]);

  const today = todayInSweden();
  const windowOpen =
    !!p && p.status === 'OPEN_FOR_PARTICIPATION' && p.participationOpensOn <= today && today <= p.participationClosesOn;
  const busy = join.fetching || change.fetching || withdraw.fetching;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setDone(null);
    const lotVolumes = Object.entries(volumes)
      .filter(([, v]) => v.trim() !== '')
      .map(([lotId, v]) => ({ lotId, estimatedVolume: Number(v.trim()) }));
    // Every problem at once, as the api names them (JoinProcurementInput): a contact, and a whole-number volume
    // for at least one lot.
    const problems: ApiError[] = [];
    if (!contactName.trim()) problems.push(problem('input.contactName', 'isNotEmpty'));
    if (!contactEmail.trim()) problems.push(problem('input.contactEmail', 'isNotEmpty'));
    if (!lotVolumes.length || lotVolumes.some((v) => !Number.isSafeInteger(v.estimatedVolume) || v.estimatedVolume < 0))
      problems.push(problem('input.volumes', 'arrayMinSize', 1));
    if (problems.length) {
      form.show(problems);
      return;
    }
    const input = {
      procurementId: p!.id,
      contactName: contactName.trim(),
      contactEmail: contactEmail.trim(),
      volumes: lotVolumes,
    };
    const result = mine ? await changeMutation({ input }) : await joinMutation({ input });
    if (form.show(result.error)) return;
    setDone(mine ? 'procurement.changed' : 'procurement.joined');
    refetch({ requestPolicy: 'network-only' });
  };

  const withdrawNow = async () => {
    setDone(null);
    const result = await withdrawMutation({ input: { procurementId: p!.id } });
    if (form.show(result.error)) return;
    setDone('procurement.withdrawn');
    setContactName('');
    setContactEmail('');
    setVolumes({});
    refetch({ requestPolicy: 'network-only' });
  };

  if (isNotFound(error)) return <NotVisible kind="procurement" />;
  return (
    <Page title={p?.title ?? t('procurement.procurement')}>
      <QueryState fetching={fetching} error={error} hasData={!!p}>
        {p && (
          <>
            <dl className="facts card">
              <dt>{t('procurement.status')}</dt>
              <dd>{t(`procurementStatus.${p.status}` as MessageKey)}</dd>
              <dt>{t('procurement.category')}</dt>
              <dd>{lang === 'sv' ? p.category.labelSv : p.category.labelEn}</dd>
              <dt>{t('procurement.lead')}</dt>
              <dd>{p.leadOrganization.name}</dd>
              <dt>{t('procurement.participationWindow')}</dt>
              <dd>
                {t('procurement.period', {
                  opens: formatDate(p.participationOpensOn, lang),
                  closes: formatDate(p.participationClosesOn, lang),
                })}
              </dd>
              {p.frameworkAgreement && (
                <>
                  <dt>{t('procurement.agreement')}</dt>
                  <dd>
                    <Link to={`/ramavtal/${p.frameworkAgreement.id}`}>
                      {t('procurement.validity', {
                        from: formatDate(p.frameworkAgreement.startsOn, lang),
                        to: formatDate(p.frameworkAgreement.endsOn, lang),
                      })}
                    </Link>
                  </dd>
                </>
              )}
            </dl>
            {p.description && <p>{p.description}</p>}
            <p>
              <Link to={`/traad/PROCUREMENT/${p.id}`}>{t('procurement.thread')}</Link>
            </p>
            <ListCard
              id="participants"
              title={t('procurement.participants')}
              items={p.participants}
              rowKey={(x) => x.id}
              empty={t('app.empty')}
              columns={[
                { header: t('procurement.organization'), cell: (x) => x.organization.name, rowHeader: true },
                ...p.lots.map((lot) => ({
                  header: t('procurement.lotShort', { number: lot.number, name: lot.name }),
                  cell: (x: Participant) =>
                    formatNumber(x.volumes.find((v) => v.lotId === lot.id)?.estimatedVolume, lang),
                })),
              ]}
            />
            <RequirementSpecifications
              procurementId={p.id}
              mayPublish={hasRole('NODE_STAFF', 'NODE_ADMIN') && SPEC_OPEN.includes(p.status)}
            />
            {hasRole('NODE_STAFF', 'NODE_ADMIN') && p.status === 'TENDERING' && !p.frameworkAgreement && (
              <AwardAgreementForm
                procurementId={p.id}
                category={p.category.key}
                lots={p.lots}
                leadOrganizationId={p.leadOrganization.id}
              />
            )}
            {hasRole('NODE_STAFF', 'NODE_ADMIN') && (
              <ProcurementStatusForm
                id={p.id}
                status={p.status}
                onChanged={() => refetch({ requestPolicy: 'network-only' })}
              />
            )}
            {hasRole('MUNICIPALITY_COORDINATOR') && (
              <section aria-labelledby="participation-heading" className="card">
                <h2 id="participation-heading">{mine ? t('procurement.ourParticipation') : t('procurement.join')}</h2>
                {!windowOpen && (
                  <p className="muted">
                    {t('procurement.windowClosedHint', { closes: formatDate(p.participationClosesOn, lang) })}
                  </p>
                )}
                {done && <Notice>{t(done)}</Notice>}
                <ErrorSummary messages={form.summary} />
                <form onSubmit={submit} noValidate className="stack narrow">
                  <TextField
                    label={t('procurement.contactName')}
                    isRequired
                    value={contactName}
                    onChange={setContactName}
                    {...form.field('contactName')}
                  />
                  <TextField
                    label={t('procurement.contactEmail')}
                    type="email"
                    isRequired
                    value={contactEmail}
                    onChange={setContactEmail}
                    {...form.field('contactEmail')}
                  />
                  {p.lots.map((lot, i) => (
                    <TextField
                      key={lot.id}
                      label={t('procurement.volumeFor', { number: lot.number, name: lot.name })}
                      description={t('procurement.volumeUnit')}
                      inputMode="numeric"
                      value={volumes[lot.id] ?? ''}
                      onChange={(v) => setVolumes((all) => ({ ...all, [lot.id]: v }))}
                      {...form.field('volumes')}
                      // One id per page: the summary's link goes to the first lot's volume.
                      id={i === 0 ? form.fieldId('volumes') : undefined}
                    />
                  ))}
                  <div className="row">
                    <Button type="submit" variant="primary" isDisabled={busy}>
                      {mine ? t('procurement.saveChange') : t('procurement.joinSubmit')}
                    </Button>
                    {mine && (
                      <Button type="button" variant="secondary" isDisabled={busy} onPress={withdrawNow}>
                        {t('procurement.withdraw')}
                      </Button>
                    )}
                  </div>
                </form>
              </section>
            )}
          </>
        )}
      </QueryState>
    </Page>
  );
}

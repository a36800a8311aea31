import { type FormEvent, useState } from 'react';
import { Link, useParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { Button } from '@midas-ds/components/button';
import { TextField } from '@midas-ds/components/textfield';
import { graphql, type ResultOf } from '../app/graphql.js';
import { useLanguage } from '../app/i18n.js';
import { useSession } from '../app/SessionProvider.js';
import { formatDate, formatNumber } from '../app/format.js';
import type { MessageKey } from '../app/i18n/catalog.js';
import { ErrorSummary, Notice, Page } from '../ui/Page.js';
import { isNotFound, NotVisible } from '../ui/NotVisible.js';
import { QueryState } from '../ui/QueryState.js';
import { ListCard } from '../ui/ListCard.js';
import { problem, useFormErrors } from '../ui/useFormErrors.js';
import type { ApiError } from '../app/api-errors.js';
import { PROCUREMENT_CONTEXT } from './ProcurementsPage.js';
import { AgreementCard } from './AgreementCard.js';
import { OtherCountiesOutcomes } from './OtherCountiesOutcomes.js';

const AgreementQuery = graphql(`
  query FrameworkAgreement($id: ID!) {
    frameworkAgreement(id: $id) {
      id
      status
      startsOn
      endsOn
      callOffMethod
      extensionOptions {
        id
        number
        months
        used
        usedAt
      }
      followUpOrganization {
        name
      }
      followUpContactName
      followUpContactEmail
      procurement {
        id
        title
        category {
          key
          labelSv
          labelEn
        }
      }
      lots {
        id
        number
        name
        awardedSuppliers {
          id
          ranking
          supplier {
            name
          }
          products {
            id
            name
            model
          }
        }
      }
      participants {
        organizationId
        organization {
          name
        }
      }
      callOffs {
        id
        calledOffOn
        quantity
        valueSek
        organizationId
        organization {
          name
        }
        product {
          name
        }
        supplier {
          name
        }
        lot {
          number
        }
        implementations {
          id
          goLiveOn
        }
      }
      callOffTotals {
        count
        quantity
        valueSek
      }
    }
  }
`);

/** How the products of the agreement's category fit my landscape: the warnings shown before a call-off is confirmed. */
const FitQuery = graphql(`
  query CallOffFit($category: String!, $organizationId: ID!) {
    compatibleProducts(category: $category, organizationId: $organizationId) {
      compatible {
        product {
          id
        }
        compatible
        partial
        reasons
        checks {
          systemName
          systemVersion
          status
        }
      }
      excluded {
        product {
          id
        }
        compatible
        partial
        reasons
        checks {
          systemName
          systemVersion
          status
        }
      }
    }
  }
`);

const UseExtension = graphql(`
  mutation UseExtensionOption($input: UseExtensionOptionInput!) {
    useExtensionOption(input: $input) {
      id
      endsOn
      extensionOptions {
        id
        number
        months
        used
        usedAt
      }
    }
  }
`);

const CreateCallOff = graphql(`
  mutation CreateCallOff($input: CreateCallOffInput!) {
    createCallOff(input: $input) {
      callOff {
        id
        product {
          name
        }
        quantity
      }
      warnings {
        code
        message
      }
    }
  }
`);

type Fit = ResultOf<typeof FitQuery>['compatibleProducts']['compatible'][number];
type Award = Agreement['lots'][number]['awardedSuppliers'][number];
/** One row of a lot: an awarded supplier's product. */
type Offer = { award: Award; product: Award['products'][number] };
const FIELDS = ['agreementId', 'lotId', 'productId', 'quantity', 'valueSek', 'calledOffOn'] as const;

export default function AgreementPage() {
  const { id } = useParams();
  const { t, lang } = useLanguage();
  const { me, hasRole } = useSession();
  const [{ data, fetching, error }] = useQuery({
    query: AgreementQuery,
    variables: { id: id! },
    context: PROCUREMENT_CONTEXT,
  });
  const agreement = data?.frameworkAgreement;
  const [fit] = useQuery({
    query: FitQuery,
    variables: { category: agreement?.procurement.category.key ?? '', organizationId: me!.organization.id },
    pause: !agreement || me?.organization.kind !== 'MUNICIPALITY',
  });
  const [chosen, setChosen] = useState<{ lotId: string; productId: string; name: string } | null>(null);
  const [quantity, setQuantity] = useState('');
  const [value, setValue] = useState('');
  const [state, create] = useMutation(CreateCallOff);
  const form = useFormErrors(FIELDS, {
    quantity: { label: t('agreement.quantity') },
    valueSek: { label: t('agreement.valueSek') },
  });
  const [created, setCreated] = useState<{ id: string; name: string; warnings: string[] } | null>(null);
  const participating = agreement?.participants.some((x) => x.organizationId === me?.organization.id);
  // Only a municipality has a system landscape for the products to fit.
  const hasLandscape = me?.organization.kind === 'MUNICIPALITY';
  const fits = [...(fit.data?.compatibleProducts.compatible ?? []), ...(fit.data?.compatibleProducts.excluded ?? [])];
  const fitOf = (productId: string): Fit | undefined => fits.find((f) => f.product.id === productId);
  const fitText = (productId: string) => {
    const f = fitOf(productId);
    return !f
      ? t('agreement.fitUnknown')
      : f.compatible && !f.partial
        ? t('agreement.fitOk')
        : f.partial
          ? t('agreement.fitPartial')
          : t('agreement.fitNo');
  };

  const confirm = async (event: FormEvent) => {
    event.preventDefault();
    if (!chosen) return;
    // Both numbers at once, as the api names them (CreateCallOffInput): an empty value is not 0 kr.
    const problems: ApiError[] = [];
    const units = quantity.trim();
    if (!units) problems.push(problem('input.quantity', 'isDefined'));
    else if (!/^\d+$/.test(units)) problems.push(problem('input.quantity', 'isInt'));
    const sek = value.replace(/\s/g, '').replace(',', '.');
    if (!sek) problems.push(problem('input.valueSek', 'isDefined'));
    else if (!Number.isFinite(Number(sek))) problems.push(problem('input.valueSek', 'isNumber'));
    if (problems.length) {
      form.show(problems);
      return;
    }
    const result = await create({
      input: {
        agreementId: agreement!.id,
        lotId: chosen.lotId,
        productId: chosen.productId,
        quantity: Number(units),
        valueSek: Number(sek),
      },
    });
    if (form.show(result.error)) return;
    const made = result.data!.createCallOff;
    setCreated({ id: made.callOff.id, name: made.callOff.product.name, warnings: made.warnings.map((w) => w.message) });
    setChosen(null);
    setQuantity('');
    setValue('');
  };

  if (isNotFound(error)) return <NotVisible kind="agreement" />;
  return (
    <Page title={agreement ? t('agreement.title', { title: agreement.procurement.title }) : t('procurement.agreement')}>
      <QueryState fetching={fetching} error={error} hasData={!!agreement}>
        {agreement && (
          <>
            <dl className="facts card">
              <dt>{t('procurement.status')}</dt>
              <dd>{t(`procurementStatus.${agreement.status}` as MessageKey)}</dd>
              <dt>{t('agreement.validity')}</dt>
              <dd>
                {t('procurement.validity', {
                  from: formatDate(agreement.startsOn, lang),
                  to: formatDate(agreement.endsOn, lang),
                })}
              </dd>
              <dt>{t('agreement.method')}</dt>
              <dd>{t(`callOffMethod.${agreement.callOffMethod}` as MessageKey)}</dd>
              <dt>{t('procurement.procurement')}</dt>
              <dd>
                <Link to={`/upphandlingar/${agreement.procurement.id}`}>{agreement.procurement.title}</Link>
              </dd>
              <dt>{t('agreement.followUp')}</dt>
              <dd>
                {agreement.followUpOrganization.name}: {agreement.followUpContactName},{' '}
                <a href={`mailto:${agreement.followUpContactEmail}`}>{agreement.followUpContactEmail}</a>
              </dd>
            </dl>
            <Extensions agreement={agreement} mayUse={hasRole('NODE_STAFF', 'NODE_ADMIN')} />
            {created && (
              <Notice>
                {t('agreement.calledOff', { name: created.name })}{' '}
                {hasRole('MUNICIPALITY_COORDINATOR') && (
                  <Link to={`/inforanden/ny?avrop=${created.id}&ramavtal=${agreement.id}`}>
                    {t('agreement.recordImplementation')}
                  </Link>
                )}
              </Notice>
            )}
            {agreement.lots.map((lot) => (
              <ListCard
                key={lot.id}
                id={`lot-${lot.id}`}
                title={t('procurement.lotShort', { number: lot.number, name: lot.name })}
                items={lot.awardedSuppliers.flatMap((award) => award.products.map((product) => ({ award, product })))}
                rowKey={({ award, product }) => `${award.id}-${product.id}`}
                empty={t('app.empty')}
                columns={[
                  { header: t('agreement.ranking'), cell: ({ award }) => award.ranking },
                  { header: t('agreement.supplier'), cell: ({ award }) => award.supplier.name },
                  { header: t('agreement.product'), cell: ({ product }) => product.name },
                  ...(hasLandscape
                    ? [{ header: t('agreement.fit'), cell: ({ product }: Offer) => fitText(product.id) }]
                    : []),
                  ...(participating
                    ? [
                        {
                          header: t('agreement.callOff'),
                          cell: ({ product }: Offer) => (
                            <Button
                              variant="tertiary"
                              onPress={() => {
                                setCreated(null);
                                form.clear();
                                setChosen({ lotId: lot.id, productId: product.id, name: product.name });
                              }}
                            >
                              {t('agreement.callOffProduct', { name: product.name })}
                            </Button>
                          ),
                        },
                      ]
                    : []),
                ]}
              />
            ))}
            {chosen && (
              <section aria-labelledby="calloff-heading" className="card">
                <h2 id="calloff-heading">{t('agreement.callOffTitle', { name: chosen.name })}</h2>
                <AgreementCard
                  agreementId={agreement.id}
                  lotId={chosen.lotId}
                  productId={chosen.productId}
                  name={chosen.name}
                />
                <ErrorSummary messages={form.summary} />
                <form onSubmit={confirm} noValidate className="stack narrow">
                  <TextField
                    label={t('agreement.quantity')}
                    inputMode="numeric"
                    isRequired
                    value={quantity}
                    onChange={(v) => {
                      form.clearField('quantity');
                      setQuantity(v);
                    }}
                    {...form.field('quantity')}
                  />
                  <TextField
                    label={t('agreement.valueSek')}
                    inputMode="decimal"
                    isRequired
                    value={value}
                    onChange={(v) => {
                      form.clearField('valueSek');
                      setValue(v);
                    }}
                    {...form.field('valueSek')}
                  />
                  <div className="row">
                    <Button type="submit" variant="primary" isDisabled={state.fetching}>
                      {t('agreement.confirm')}
                    </Button>
                    <Button type="button" variant="secondary" onPress={() => setChosen(null)}>
                      {t('app.cancel')}
                    </Button>
                  </div>
                </form>
              </section>
            )}
            <ListCard
              id="calloffs"
              title={t('agreement.callOffs', { count: agreement.callOffTotals.count })}
              items={agreement.callOffs}
              rowKey={(c) => c.id}
              empty={t('app.empty')}
              columns={[
                { header: t('agreement.date'), cell: (c) => formatDate(c.calledOffOn, lang) },
                { header: t('procurement.organization'), cell: (c) => c.organization.name },
                { header: t('agreement.product'), cell: (c) => c.product.name },
                { header: t('agreement.quantity'), cell: (c) => formatNumber(c.quantity, lang) },
                { header: t('agreement.valueSek'), cell: (c) => formatNumber(c.valueSek, lang, 2) },
                {
                  header: <span className="visually-hidden">{t('agreement.actions')}</span>,
                  cell: (c) => (
                    <>
                      {c.implementations.map((i) => (
                        <div key={i.id}>
                          <Link to={`/inforanden/${i.id}`}>
                            {i.goLiveOn
                              ? t('agreement.implementationFrom', { date: formatDate(i.goLiveOn, lang) })
                              : t('agreement.implementation')}
                          </Link>
                        </div>
                      ))}
                      {c.organizationId === me?.organization.id && hasRole('MUNICIPALITY_COORDINATOR') && (
                        <Link to={`/inforanden/ny?avrop=${c.id}&ramavtal=${agreement.id}`}>
                          {c.implementations.length
                            ? t('agreement.recordAnother')
                            : t('agreement.recordImplementation')}
                        </Link>
                      )}
                    </>
                  ),
                },
              ]}
            />
            <OtherCountiesOutcomes
              products={agreement.lots.flatMap((lot) => lot.awardedSuppliers.flatMap((s) => s.products))}
            />
          </>
        )}
      </QueryState>
    </Page>
  );
}

type Agreement = NonNullable<ResultOf<typeof AgreementQuery>['frameworkAgreement']>;

/** The agreement's extension options; node staff use one when the county decides to extend. */
function Extensions({ agreement, mayUse }: { agreement: Agreement; mayUse: boolean }) {
  const { t, lang } = useLanguage();
  const [state, extendAgreement] = useMutation(UseExtension);
  const form = useFormErrors(['optionId', 'agreementId']);
  const [extendedTo, setExtendedTo] = useState<string | null>(null);
  const extend = async (optionId: string) => {
    setExtendedTo(null);
    const result = await extendAgreement({ input: { agreementId: agreement.id, optionId } }, PROCUREMENT_CONTEXT);
    if (form.show(result.error)) return;
    setExtendedTo(result.data!.useExtensionOption.endsOn);
  };
  return (
    <section aria-labelledby="extensions-heading" className="card">
      <h2 id="extensions-heading">{t('agreement.extensions')}</h2>
      {extendedTo && <Notice>{t('agreement.extensionDone', { date: formatDate(extendedTo, lang) })}</Notice>}
      <ErrorSummary messages={form.summary} />
      {agreement.extensionOptions.length ? (
        <ul className="plain-list">
          {agreement.extensionOptions.map((option) => (
            <li key={option.id} className="row">
              <span>
                {t('agreement.extension', { number: option.number, months: option.months })}
                {option.used && `, ${t('agreement.extensionUsed', { date: formatDate(option.usedAt, lang) })}`}
              </span>
              {mayUse && !option.used && agreement.status !== 'EXPIRED' && agreement.status !== 'CANCELLED' && (
                <Button variant="secondary" isDisabled={state.fetching} onPress={() => extend(option.id)}>
                  {t('agreement.useExtension', { number: option.number, months: option.months })}
                </Button>
              )}
            </li>
          ))}
        </ul>
      ) : (
        <p>{t('agreement.noExtensions')}</p>
      )}
    </section>
  );
}

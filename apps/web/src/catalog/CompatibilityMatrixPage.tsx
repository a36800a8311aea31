import { type FormEvent, useState } from 'react';
import { useSearchParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { Button } from '@midas-ds/components/button';
import { DialogTrigger, Modal } from '@midas-ds/components/modal';
import { ListBoxItem } from '@midas-ds/components/list-box';
import { Select } from '@midas-ds/components/select';
import { TextArea, TextField } from '@midas-ds/components/textfield';
import { graphql, type ResultOf } from '../app/graphql.js';
import { useLanguage } from '../app/i18n.js';
import type { MessageKey } from '../app/i18n/catalog.js';
import { ErrorSummary, Notice, Page } from '../ui/Page.js';
import { EnumSelect } from '../ui/EnumSelect.js';
import { QueryState } from '../ui/QueryState.js';
import { useFormErrors } from '../ui/useFormErrors.js';
import { useOptional } from '../ui/optional.js';

const Choices = graphql(`
  query MatrixChoices {
    technologyCategories {
      key
      labelSv
      labelEn
    }
    systemKinds {
      key
      labelSv
      labelEn
    }
  }
`);

const MatrixQuery = graphql(`
  query CompatibilityMatrix($category: String!, $systemKind: String) {
    compatibilityMatrix(category: $category, systemKind: $systemKind) {
      unknownCellCount
      products {
        id
        name
        supplierName
        currentVersion
      }
      systems {
        id
        name
        vendorName
        currentVersion
      }
      cells {
        productId
        systemId
        status
        evidence
        productVersions
        systemVersions
        note
        originName
      }
    }
  }
`);

const Assert = graphql(`
  mutation AssertFromMatrix($input: AssertCompatibilityInput!) {
    assertCompatibility(input: $input) {
      id
      status
    }
  }
`);

type Matrix = ResultOf<typeof MatrixQuery>['compatibilityMatrix'];
const STATUSES = ['SUPPORTED', 'PARTIAL', 'NOT_SUPPORTED', 'UNKNOWN'] as const;
const EVIDENCE = ['VENDOR_CLAIMED', 'COUNTY_TESTED', 'VERIFIED_IN_PRODUCTION'] as const;
const MATRIX_CONTEXT = { additionalTypenames: ['CompatibilityStatement'] };

/** Node staff's grid: products × systems for a category and a system kind, each cell's evidence, a statement asserted from a cell. */
export default function CompatibilityMatrixPage() {
  const { t, lang } = useLanguage();
  const [params, setParams] = useSearchParams();
  const category = params.get('kategori') ?? '';
  const systemKind = params.get('systemtyp') ?? '';
  const onlyGaps = params.get('luckor') === '1';
  const [productFilter, setProductFilter] = useState('');
  const [choices] = useQuery({ query: Choices });
  const [matrix, refetch] = useQuery({
    query: MatrixQuery,
    variables: { category, systemKind: systemKind || null },
    pause: !category,
    context: MATRIX_CONTEXT,
  });
  const [saved, setSaved] = useState<string | null>(null);
  const label = (c: { labelSv: string; labelEn: string }) => (lang === 'sv' ? c.labelSv : c.labelEn);
  const setParam = (name: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next);
  };
  const m = matrix.data?.compatibilityMatrix;
  const cellOf = (productId: string, systemId: string) =>
    m?.cells.find((c) => c.productId === productId && c.systemId === systemId);
  const products = (m?.products ?? []).filter(
    (p) =>
      `${p.name} ${p.supplierName}`.toLowerCase().includes(productFilter.trim().toLowerCase()) &&
      (!onlyGaps || (m?.systems ?? []).some((s) => (cellOf(p.id, s.id)?.status ?? 'UNKNOWN') !== 'SUPPORTED')),
  );

  return (
    <Page title={t('matrix.title')}>
      <QueryState fetching={choices.fetching} error={choices.error} hasData={!!choices.data}>
        <div className="filters">
          <Select
            label={t('procurement.category')}
            placeholder={t('landscape.choose')}
            items={(choices.data?.technologyCategories ?? []).map((c) => ({ id: c.key, name: label(c) }))}
            selectedKey={category || null}
            onSelectionChange={(k) => k !== null && setParam('kategori', String(k))}
          >
            {(item) => <ListBoxItem id={item.id}>{item.name}</ListBoxItem>}
          </Select>
          <Select
            label={t('matrix.systemKind')}
            placeholder={t('knowledge.all')}
            items={[
              { id: '', name: t('knowledge.all') },
              ...(choices.data?.systemKinds ?? []).map((c) => ({ id: c.key, name: label(c) })),
            ]}
            selectedKey={systemKind}
            onSelectionChange={(k) => k !== null && setParam('systemtyp', String(k))}
          >
            {(item) => <ListBoxItem id={item.id}>{item.name}</ListBoxItem>}
          </Select>
          <TextField label={t('matrix.productFilter')} value={productFilter} onChange={setProductFilter} />
        </div>
        <label className="checkbox-line">
          <input type="checkbox" checked={onlyGaps} onChange={(e) => setParam('luckor', e.target.checked ? '1' : '')} />{' '}
          {t('matrix.onlyGaps')}
        </label>
      </QueryState>
      {saved && <Notice>{saved}</Notice>}
      {!category && <p className="hint-box">{t('matrix.chooseCategoryFirst')}</p>}
      {category && (
        <QueryState fetching={matrix.fetching} error={matrix.error} hasData={!!m}>
          {m && (
            <>
              <p className="muted">{t('matrix.unknownCount', { count: m.unknownCellCount })}</p>
              <div className="table-scroll">
                <table className="data matrix">
                  <caption className="visually-hidden">{t('matrix.title')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('agreement.product')}</th>
                      {m.systems.map((s) => (
                        <th scope="col" key={s.id}>
                          {s.name}
                          <span className="muted"> {s.vendorName}</span>
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {products.map((p) => (
                      <tr key={p.id}>
                        <th scope="row">
                          {p.name}
                          <span className="muted"> {p.supplierName}</span>
                        </th>
                        {m.systems.map((s) => (
                          <td
                            key={s.id}
                            className={`cell cell-${(cellOf(p.id, s.id)?.status ?? 'UNKNOWN').toLowerCase()}`}
                          >
                            <CellDialog
                              matrix={m}
                              product={p}
                              system={s}
                              onSaved={(text) => {
                                setSaved(text);
                                refetch({ requestPolicy: 'network-only' });
                              }}
                            />
                          </td>
                        ))}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          )}
        </QueryState>
      )}
    </Page>
  );
}

function CellDialog({
  matrix,
  product,
  system,
  onSaved,
}: {
  matrix: Matrix;
  product: Matrix['products'][number];
  system: Matrix['systems'][number];
  onSaved: (text: string) => void;
}) {
  const { t } = useLanguage();
  const cell = matrix.cells.find((c) => c.productId === product.id && c.systemId === system.id);
  const status = cell?.status ?? 'UNKNOWN';
  const [values, setValues] = useState({
    status: status,
    evidence: cell?.evidence ?? 'VENDOR_CLAIMED',
    productVersions: cell?.productVersions ?? '*',
    systemVersions: cell?.systemVersions ?? '*',
    note: cell?.note ?? '',
    sourceNote: '',
  });
  const form = useFormErrors(
    [
      'status',
      'evidence',
      'productVersions',
      'systemVersions',
      'note',
      'sourceNote',
      'testProtocolId',
      'implementationId',
    ],
    {
      status: { label: t('matrix.status') },
      evidence: { label: t('matrix.evidence') },
      productVersions: { label: t('matrix.productVersions') },
      systemVersions: { label: t('matrix.systemVersions') },
      note: { label: t('matrix.note') },
      sourceNote: { label: t('matrix.sourceNote') },
    },
  );
  const optional = useOptional();
  // AssertCompatibilityInput: the note is required for a partial fit only (the api says so if it is missing).
  const noteRequired = values.status === 'PARTIAL';
  const [state, assert] = useMutation(Assert);
  const set = <K extends keyof typeof values>(name: K, value: (typeof values)[K]) =>
    setValues((v) => ({ ...v, [name]: value }));
  const statusText = t(`compatibilityStatus.${status}` as MessageKey);
  return (
    <DialogTrigger>
      <Button
        variant="tertiary"
        aria-label={`${t('matrix.cellLabel', { product: product.name, system: system.name, status: statusText })}${
          cell?.originName ? ` (${t('federation.from', { name: cell.originName })})` : ''
        }`}
      >
        <span>{statusText}</span>
        {cell && <span className="cell-evidence">{t(`evidence.${cell.evidence}` as MessageKey)}</span>}
        {cell?.originName && <span className="cell-origin">{t('federation.from', { name: cell.originName })}</span>}
      </Button>
      <Modal title={t('matrix.assertTitle', { product: product.name, system: system.name })} isDismissable>
        {({ state: dialog }) => (
          <form
            className="stack"
            noValidate
            onSubmit={async (event: FormEvent) => {
              event.preventDefault();
              const result = await assert({
                input: {
                  productId: product.id,
                  systemId: system.id,
                  status: values.status,
                  evidence: values.evidence,
                  productVersions: values.productVersions.trim(),
                  systemVersions: values.systemVersions.trim(),
                  note: values.note.trim() || null,
                  sourceNote: values.sourceNote.trim() || null,
                },
              });
              if (form.show(result.error)) return;
              dialog.close();
              onSaved(
                t('matrix.saved', {
                  product: product.name,
                  system: system.name,
                  status: t(`compatibilityStatus.${values.status}` as MessageKey),
                }),
              );
            }}
          >
            <ErrorSummary messages={form.summary} />
            {cell && (
              <p className="muted">
                {t('matrix.current', {
                  status: statusText,
                  evidence: t(`evidence.${cell.evidence}` as MessageKey),
                  versions: `${cell.productVersions} × ${cell.systemVersions}`,
                })}
              </p>
            )}
            <EnumSelect
              label={t('matrix.status')}
              values={STATUSES}
              labels="compatibilityStatus"
              value={values.status}
              onChange={(v) => set('status', v)}
              isRequired
              id={form.fieldId('status')}
              error={form.fieldError('status')}
            />
            <EnumSelect
              label={t('matrix.evidence')}
              values={EVIDENCE}
              labels="evidence"
              value={values.evidence}
              onChange={(v) => set('evidence', v)}
              isRequired
              id={form.fieldId('evidence')}
              error={form.fieldError('evidence')}
            />
            <TextField
              label={t('matrix.productVersions')}
              description={t('matrix.versionsHint')}
              isRequired
              value={values.productVersions}
              onChange={(v) => set('productVersions', v)}
              {...form.field('productVersions')}
            />
            <TextField
              label={t('matrix.systemVersions')}
              isRequired
              value={values.systemVersions}
              onChange={(v) => set('systemVersions', v)}
              {...form.field('systemVersions')}
            />
            <TextArea
              label={noteRequired ? t('matrix.note') : optional(t('matrix.note'))}
              isRequired={noteRequired}
              value={values.note}
              onChange={(v) => set('note', v)}
              {...form.field('note')}
            />
            <TextField
              label={optional(t('matrix.sourceNote'))}
              value={values.sourceNote}
              onChange={(v) => set('sourceNote', v)}
              {...form.field('sourceNote')}
            />
            <div className="row">
              <Button type="submit" variant="primary" isDisabled={state.fetching}>
                {t('matrix.assert')}
              </Button>
              <Button variant="tertiary" onPress={() => dialog.close()}>
                {t('app.cancel')}
              </Button>
            </div>
          </form>
        )}
      </Modal>
    </DialogTrigger>
  );
}

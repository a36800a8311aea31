import { type FormEvent, useState } from 'react';
import { useMutation } from 'urql';
import { Button } from '@midas-ds/components/button';
import { TextArea } from '@midas-ds/components/textfield';
import { graphql } from '../app/graphql.js';
import { useLanguage } from '../app/i18n.js';
import { ErrorSummary, Notice } from '../ui/Page.js';
import { EnumSelect } from '../ui/EnumSelect.js';
import { problem, useFormErrors } from '../ui/useFormErrors.js';

const ChangeStatus = graphql(`
  mutation ChangeProcurementStatus($input: ChangeProcurementStatusInput!) {
    changeProcurementStatus(input: $input) {
      id
      status
    }
  }
`);

// The moves a lead can make by hand (AWARDED only comes from the award, EXPIRED from the nightly scan); keep in
// sync with docs/features/procurement.md. The api refuses any other move and names the allowed ones.
const NEXT: Record<string, readonly Status[]> = {
  PLANNED: ['OPEN_FOR_PARTICIPATION', 'CANCELLED'],
  OPEN_FOR_PARTICIPATION: ['TENDERING', 'CANCELLED'],
  TENDERING: ['CANCELLED'],
  AWARDED: ['ACTIVE', 'CANCELLED'],
  ACTIVE: ['CANCELLED'],
};
const FIELDS = ['status', 'reason'] as const;
type Status = 'OPEN_FOR_PARTICIPATION' | 'TENDERING' | 'ACTIVE' | 'CANCELLED';

/** Node staff (or the lead) move a procurement through its lifecycle; cancelling needs a reason. */
export function ProcurementStatusForm({
  id,
  status,
  onChanged,
}: {
  id: string;
  status: string;
  onChanged: () => void;
}) {
  const { t } = useLanguage();
  const next = NEXT[status] ?? [];
  const [to, setTo] = useState<Status | ''>('');
  const [reason, setReason] = useState('');
  const [done, setDone] = useState(false);
  const form = useFormErrors(FIELDS, {
    status: {
      label: t('procurement.nextStatus'),
      required: t('form.problem.choose', { label: t('procurement.nextStatus') }),
    },
    reason: { label: t('procurement.cancelReason') },
  });
  const [state, change] = useMutation(ChangeStatus);
  if (!next.length) return null;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setDone(false);
    // ChangeProcurementStatusInput requires the status; the api itself asks for the reason when cancelling.
    if (!to) {
      form.show([problem('input.status', 'isDefined')]);
      return;
    }
    const result = await change({ input: { id, status: to, reason: reason.trim() || null } });
    if (form.show(result.error)) return;
    setDone(true);
    setTo('');
    setReason('');
    onChanged();
  };
  return (
    <section aria-labelledby="status-heading" className="card">
      <h2 id="status-heading">{t('procurement.changeStatus')}</h2>
      {done && <Notice>{t('procurement.statusChanged')}</Notice>}
      <ErrorSummary messages={form.summary} />
      <form onSubmit={submit} noValidate className="stack narrow">
        <EnumSelect
          label={t('procurement.nextStatus')}
          values={next}
          labels="procurementStatus"
          value={to}
          onChange={(v) => {
            form.clearField('status');
            setTo(v);
          }}
          isRequired
          id={form.fieldId('status')}
          error={form.fieldError('status')}
        />
        {to === 'CANCELLED' && (
          <TextArea
            label={t('procurement.cancelReason')}
            isRequired
            value={reason}
            onChange={(v) => {
              form.clearField('reason');
              setReason(v);
            }}
            {...form.field('reason')}
          />
        )}
        <Button type="submit" variant="primary" isDisabled={state.fetching}>
          {t('procurement.changeStatusSubmit')}
        </Button>
      </form>
    </section>
  );
}

import { type FormEvent, useState } from 'react';
import { useMutation } from 'urql';
import { parseDate } from '@internationalized/date';
import { Button } from '@midas-ds/components/button';
import { Checkbox } from '@midas-ds/components/checkbox';
import { DatePicker } from '@midas-ds/components/date-picker';
import { Radio, RadioGroup } from '@midas-ds/components/radio';
import { TextArea, TextField } from '@midas-ds/components/textfield';
import { graphql } from '../app/graphql.js';
import { useLanguage } from '../app/i18n.js';
import { todayInSweden } from '../app/format.js';
import type { MessageKey } from '../app/i18n/catalog.js';
import { ErrorSummary, Notice } from '../ui/Page.js';
import { EnumSelect } from '../ui/EnumSelect.js';
import { useDraft } from '../ui/useDraft.js';
import { problem, useFormErrors } from '../ui/useFormErrors.js';
import { useOptional } from '../ui/optional.js';

const RecordParticipants = graphql(`
  mutation RecordParticipants($input: RecordParticipantsInput!) {
    recordParticipants(input: $input) {
      id
      status
    }
  }
`);
const AddObservation = graphql(`
  mutation AddObservation($input: AddObservationInput!) {
    addObservation(input: $input) {
      id
    }
  }
`);
const ReportDeviation = graphql(`
  mutation ReportDeviation($input: ReportDeviationInput!) {
    reportDeviation(input: $input) {
      id
    }
  }
`);
const ReportTechnicalFault = graphql(`
  mutation ReportTechnicalFault($input: ReportTechnicalFaultInput!) {
    reportTechnicalFault(input: $input) {
      id
    }
  }
`);
const RecordTestResult = graphql(`
  mutation RecordTestResult($input: RecordTestResultInput!) {
    recordTestResult(input: $input) {
      id
    }
  }
`);

const GROUPS = ['CARE_RECIPIENTS', 'STAFF', 'RELATIVES'] as const;
const SEXES = ['women', 'men', 'otherOrUnknown'] as const;
const KINDS = ['OBSTACLE', 'OPPORTUNITY', 'LESSON'] as const;

interface ParticipantCount {
  participantGroup: string;
  women: number | null;
  men: number | null;
  otherOrUnknown: number | null;
}

/** Counts by group and sex (never identities); a saved group starts from its counts. */
export function ParticipantsForm({
  protocolId,
  participants,
  onSaved,
}: {
  protocolId: string;
  participants: readonly ParticipantCount[];
  onSaved: () => void;
}) {
  const { t } = useLanguage();
  const saved = Object.fromEntries(
    GROUPS.flatMap((g) => {
      const row = participants.find((p) => p.participantGroup === g);
      return SEXES.map((s) => [`${g}.${s}`, row?.[s] == null ? '' : String(row[s])]);
    }),
  ) as Record<string, string>;
  const draft = useDraft(`testProtocol.${protocolId}.participants`, saved);
  const form = useFormErrors(['counts']);
  const [done, setDone] = useState(false);
  const [state, record] = useMutation(RecordParticipants);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setDone(false);
    const counts = GROUPS.filter((g) => SEXES.some((s) => draft.values[`${g}.${s}`].trim() !== '')).map((g) => ({
      group: g,
      ...(Object.fromEntries(SEXES.map((s) => [s, Number(draft.values[`${g}.${s}`].trim() || 0)])) as Record<
        (typeof SEXES)[number],
        number
      >),
    }));
    const result = await record({ input: { protocolId, counts } });
    if (form.show(result.error)) return;
    // The form keeps the counts just saved: they are what the protocol now holds.
    setDone(true);
    onSaved();
  };
  return (
    <form onSubmit={submit} noValidate className="stack activity-form" aria-labelledby="participants-form-heading">
      <h3 id="participants-form-heading">{t('protocol.saveParticipants')}</h3>
      {done && <Notice>{t('protocol.participantsSaved')}</Notice>}
      <ErrorSummary messages={form.summary} />
      <div className="people-grid">
        {GROUPS.map((g) => (
          <fieldset key={g}>
            <legend>{t(`participantGroup.${g}` as MessageKey)}</legend>
            {SEXES.map((s) => (
              <TextField
                key={s}
                label={t(`sex.${s}` as MessageKey)}
                type="number"
                inputMode="numeric"
                value={draft.values[`${g}.${s}`]}
                onChange={(v) => draft.set(`${g}.${s}`, v)}
              />
            ))}
          </fieldset>
        ))}
      </div>
      <Button type="submit" variant="primary" isDisabled={state.fetching}>
        {t('protocol.saveParticipants')}
      </Button>
    </form>
  );
}

function OccurredOn({
  id,
  value,
  onChange,
  error,
}: {
  id?: string;
  value: string;
  onChange: (v: string) => void;
  error?: string;
}) {
  const { t } = useLanguage();
  const optional = useOptional();
  return (
    <DatePicker
      id={id}
      label={optional(t('protocol.occurredOn'))}
      description={t('protocol.occurredOnHint')}
      value={value ? parseDate(value) : null}
      maxValue={parseDate(todayInSweden())}
      onChange={(v) => onChange(v ? v.toString() : '')}
      isInvalid={!!error}
      errorMessage={error}
      validationBehavior="aria"
    />
  );
}

/** An obstacle, opportunity or lesson: anyone in the lead or a participating organisation writes it down. */
export function ObservationForm({ protocolId, onSaved }: { protocolId: string; onSaved: () => void }) {
  const { t } = useLanguage();
  const draft = useDraft<{ kind: (typeof KINDS)[number] | ''; description: string; occurredOn: string }>(
    `testProtocol.${protocolId}.observation`,
    { kind: '', description: '', occurredOn: '' },
  );
  const { values, set } = draft;
  const form = useFormErrors(['kind', 'description', 'occurredOn'], {
    kind: {
      label: t('protocol.observationKind'),
      required: t('form.problem.choose', { label: t('protocol.observationKind') }),
    },
    description: { label: t('protocol.description') },
    occurredOn: { label: t('protocol.occurredOn') },
  });
  const [done, setDone] = useState(false);
  const [state, add] = useMutation(AddObservation);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setDone(false);
    // Both required fields at once (AddObservationInput), before anything is sent.
    const missing = [
      ...(values.kind ? [] : [problem('input.kind', 'isDefined')]),
      ...(values.description.trim() ? [] : [problem('input.description', 'isNotEmpty')]),
    ];
    if (missing.length || !values.kind) {
      form.show(missing);
      return;
    }
    const result = await add({
      input: { protocolId, kind: values.kind, description: values.description, occurredOn: values.occurredOn || null },
    });
    if (form.show(result.error)) return;
    draft.clear();
    setDone(true);
    onSaved();
  };
  return (
    <form
      onSubmit={submit}
      noValidate
      className="stack narrow activity-form"
      aria-labelledby="observation-form-heading"
    >
      <h3 id="observation-form-heading">{t('protocol.addObservation')}</h3>
      {done && <Notice>{t('protocol.observationSaved')}</Notice>}
      <ErrorSummary messages={form.summary} />
      <EnumSelect
        label={t('protocol.observationKind')}
        values={KINDS}
        labels="observationKindOne"
        value={values.kind}
        onChange={(v) => set('kind', v)}
        isRequired
        id={form.fieldId('kind')}
        error={form.fieldError('kind')}
      />
      <TextArea
        label={t('protocol.description')}
        isRequired
        value={values.description}
        onChange={(v) => set('description', v)}
        {...form.field('description')}
      />
      <OccurredOn
        value={values.occurredOn}
        onChange={(v) => set('occurredOn', v)}
        id={form.fieldId('occurredOn')}
        error={form.fieldError('occurredOn')}
      />
      <Button type="submit" variant="primary" isDisabled={state.fetching}>
        {t('protocol.saveObservation')}
      </Button>
    </form>
  );
}

/** A deviation in care, kept apart from technical faults (S2:203). */
export function DeviationForm({ protocolId, onSaved }: { protocolId: string; onSaved: () => void }) {
  const { t } = useLanguage();
  const draft = useDraft(`testProtocol.${protocolId}.deviation`, { description: '', actionTaken: '', occurredOn: '' });
  const { values, set } = draft;
  const optional = useOptional();
  const form = useFormErrors(['description', 'actionTaken', 'occurredOn'], {
    description: { label: t('protocol.description') },
    actionTaken: { label: t('protocol.actionTaken') },
    occurredOn: { label: t('protocol.occurredOn') },
  });
  const [done, setDone] = useState(false);
  const [state, report] = useMutation(ReportDeviation);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setDone(false);
    // ReportDeviationInput: only the description is required.
    if (!values.description.trim()) return form.show([problem('input.description', 'isNotEmpty')]);
    const result = await report({
      input: {
        protocolId,
        description: values.description,
        actionTaken: values.actionTaken.trim() || null,
        occurredOn: values.occurredOn || null,
      },
    });
    if (form.show(result.error)) return;
    draft.clear();
    setDone(true);
    onSaved();
  };
  return (
    <form onSubmit={submit} noValidate className="stack narrow activity-form" aria-labelledby="deviation-form-heading">
      <h3 id="deviation-form-heading">{t('protocol.reportDeviation')}</h3>
      {done && <Notice>{t('protocol.deviationSaved')}</Notice>}
      <ErrorSummary messages={form.summary} />
      <TextArea
        label={t('protocol.description')}
        isRequired
        value={values.description}
        onChange={(v) => set('description', v)}
        {...form.field('description')}
      />
      <TextArea
        label={optional(t('protocol.actionTaken'))}
        value={values.actionTaken}
        onChange={(v) => set('actionTaken', v)}
        {...form.field('actionTaken')}
      />
      <OccurredOn
        value={values.occurredOn}
        onChange={(v) => set('occurredOn', v)}
        id={form.fieldId('occurredOn')}
        error={form.fieldError('occurredOn')}
      />
      <Button type="submit" variant="primary" isDisabled={state.fetching}>
        {t('protocol.saveDeviation')}
      </Button>
    </form>
  );
}

/** A technical fault: a device, system or integration that failed. */
export function FaultForm({ protocolId, onSaved }: { protocolId: string; onSaved: () => void }) {
  const { t } = useLanguage();
  const draft = useDraft(`testProtocol.${protocolId}.fault`, {
    description: '',
    affectedComponent: '',
    occurredOn: '',
    resolved: false,
  });
  const { values, set } = draft;
  const optional = useOptional();
  const form = useFormErrors(['description', 'affectedComponent', 'occurredOn', 'resolved'], {
    description: { label: t('protocol.description') },
    affectedComponent: { label: t('protocol.affectedComponent') },
    occurredOn: { label: t('protocol.occurredOn') },
  });
  const [done, setDone] = useState(false);
  const [state, report] = useMutation(ReportTechnicalFault);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setDone(false);
    // ReportTechnicalFaultInput: only the description is required.
    if (!values.description.trim()) return form.show([problem('input.description', 'isNotEmpty')]);
    const result = await report({
      input: {
        protocolId,
        description: values.description,
        affectedComponent: values.affectedComponent.trim() || null,
        occurredOn: values.occurredOn || null,
        resolved: values.resolved,
      },
    });
    if (form.show(result.error)) return;
    draft.clear();
    setDone(true);
    onSaved();
  };
  return (
    <form onSubmit={submit} noValidate className="stack narrow activity-form" aria-labelledby="fault-form-heading">
      <h3 id="fault-form-heading">{t('protocol.reportFault')}</h3>
      {done && <Notice>{t('protocol.faultSaved')}</Notice>}
      <ErrorSummary messages={form.summary} />
      <TextField
        label={optional(t('protocol.affectedComponent'))}
        description={t('protocol.affectedComponentHint')}
        value={values.affectedComponent}
        onChange={(v) => set('affectedComponent', v)}
        {...form.field('affectedComponent')}
      />
      <TextArea
        label={t('protocol.description')}
        isRequired
        value={values.description}
        onChange={(v) => set('description', v)}
        {...form.field('description')}
      />
      <OccurredOn
        value={values.occurredOn}
        onChange={(v) => set('occurredOn', v)}
        id={form.fieldId('occurredOn')}
        error={form.fieldError('occurredOn')}
      />
      <Checkbox isSelected={values.resolved} onChange={(v) => set('resolved', v)}>
        {t('protocol.resolved')}
      </Checkbox>
      <Button type="submit" variant="primary" isDisabled={state.fetching}>
        {t('protocol.saveFault')}
      </Button>
    </form>
  );
}

interface Criterion {
  id: string;
  name: string;
  unit: string;
  result: { measuredValue: number; met: boolean; comment: string | null } | null;
}

/** The measured value of one success criterion; recording again replaces it (the audit log keeps the old one). */
export function ResultForm({
  protocolId,
  criterion,
  onSaved,
}: {
  protocolId: string;
  criterion: Criterion;
  onSaved: () => void;
}) {
  const { t } = useLanguage();
  const draft = useDraft(`testProtocol.${protocolId}.result.${criterion.id}`, {
    measuredValue: criterion.result ? String(criterion.result.measuredValue) : '',
    met: criterion.result ? (criterion.result.met ? 'yes' : 'no') : '',
    comment: criterion.result?.comment ?? '',
  });
  const { values, set } = draft;
  const optional = useOptional();
  const form = useFormErrors(['measuredValue', 'met', 'comment', 'criterionId'], {
    measuredValue: { label: t('protocol.measuredValue', { unit: criterion.unit }) },
    met: { label: t('protocol.met') },
    comment: { label: t('protocol.comment') },
  });
  const [done, setDone] = useState(false);
  const [state, record] = useMutation(RecordTestResult);
  const headingId = `result-${criterion.id}`;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setDone(false);
    const measured = Number(values.measuredValue.trim().replace(',', '.'));
    const local = [
      ...(values.measuredValue.trim() === '' || !Number.isFinite(measured)
        ? [{ field: 'input.measuredValue', message: t('protocol.resultNumber') }]
        : []),
      ...(values.met ? [] : [{ field: 'input.met', message: t('protocol.resultMet') }]),
    ];
    if (local.length) {
      form.show(local);
      return;
    }
    const result = await record({
      input: {
        protocolId,
        criterionId: criterion.id,
        measuredValue: measured,
        met: values.met === 'yes',
        comment: values.comment.trim() || null,
      },
    });
    if (form.show(result.error)) return;
    setDone(true);
    onSaved();
  };
  return (
    <form onSubmit={submit} noValidate className="stack narrow activity-form" aria-labelledby={headingId}>
      <h4 id={headingId} className="visually-hidden">
        {t('protocol.saveResult')}: {criterion.name}
      </h4>
      {done && <Notice>{t('protocol.resultSaved', { name: criterion.name })}</Notice>}
      <ErrorSummary messages={form.summary} />
      <TextField
        label={t('protocol.measuredValue', { unit: criterion.unit })}
        inputMode="decimal"
        isRequired
        value={values.measuredValue}
        onChange={(v) => set('measuredValue', v)}
        {...form.field('measuredValue')}
      />
      <RadioGroup
        label={t('protocol.met')}
        value={values.met}
        onChange={(v) => set('met', v)}
        isRequired
        id={form.fieldId('met')}
        isInvalid={!!form.fieldError('met')}
        errorMessage={form.fieldError('met')}
      >
        <Radio value="yes">{t('protocol.metYes')}</Radio>
        <Radio value="no">{t('protocol.metNo')}</Radio>
      </RadioGroup>
      <TextArea
        label={optional(t('protocol.comment'))}
        value={values.comment}
        onChange={(v) => set('comment', v)}
        {...form.field('comment')}
      />
      <Button type="submit" variant="primary" isDisabled={state.fetching}>
        {t('protocol.saveResult')}
      </Button>
    </form>
  );
}

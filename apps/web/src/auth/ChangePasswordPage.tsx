import { type FormEvent, useState } from 'react';
import { useNavigate } from 'react-router';
import { useMutation } from 'urql';
import { Button } from '@midas-ds/components/button';
import { TextField } from '@midas-ds/components/textfield';
import { graphql } from '../app/graphql.js';
import { useLanguage } from '../app/i18n.js';
import { useSession } from '../app/SessionProvider.js';
import { ErrorSummary, Page } from '../ui/Page.js';
import { problem, useFormErrors } from '../ui/useFormErrors.js';
import type { ApiError } from '../app/api-errors.js';

const ChangePassword = graphql(`
  mutation ChangePassword($currentPassword: String!, $newPassword: String!) {
    changePassword(currentPassword: $currentPassword, newPassword: $newPassword)
  }
`);

const FIELDS = ['currentPassword', 'newPassword', 'repeat'] as const;
/** ChangePasswordArgs: the new password's least length. */
const NEW_MIN = 12;

export default function ChangePasswordPage() {
  const { t } = useLanguage();
  const { signOut } = useSession();
  const navigate = useNavigate();
  const [values, setValues] = useState({ currentPassword: '', newPassword: '', repeat: '' });
  const [{ fetching }, change] = useMutation(ChangePassword);
  const form = useFormErrors(FIELDS, {
    currentPassword: { label: t('password.current') },
    newPassword: { label: t('password.new') },
    repeat: { label: t('password.repeat') },
  });
  const set = (name: keyof typeof values) => (value: string) => {
    form.clearField(name);
    setValues((v) => ({ ...v, [name]: value }));
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    // Every problem at once: the api's own (ChangePasswordArgs), and the repeat the api never sees.
    const problems: ApiError[] = [];
    if (!values.currentPassword) problems.push(problem('currentPassword', 'isNotEmpty'));
    if (!values.newPassword) problems.push(problem('newPassword', 'isNotEmpty'));
    else if (values.newPassword.length < NEW_MIN) problems.push(problem('newPassword', 'minLength', NEW_MIN));
    if (values.newPassword !== values.repeat) problems.push({ message: t('password.mismatch'), field: 'repeat' });
    if (problems.length) {
      form.show(problems);
      return;
    }
    const result = await change({ currentPassword: values.currentPassword, newPassword: values.newPassword });
    if (form.show(result.error)) return;
    // The api ended every session of this user, this one included: sign in again with the new password.
    await signOut('expired');
    void navigate('/logga-in?byte=1', { replace: true });
  };

  return (
    <Page title={t('password.title')}>
      <ErrorSummary messages={form.summary} />
      <form onSubmit={submit} noValidate className="stack narrow">
        <TextField
          label={t('password.current')}
          type="password"
          autoComplete="current-password"
          isRequired
          value={values.currentPassword}
          onChange={set('currentPassword')}
          {...form.field('currentPassword')}
        />
        <TextField
          label={t('password.new')}
          description={t('password.newHint')}
          type="password"
          autoComplete="new-password"
          isRequired
          value={values.newPassword}
          onChange={set('newPassword')}
          {...form.field('newPassword')}
        />
        <TextField
          label={t('password.repeat')}
          type="password"
          autoComplete="new-password"
          isRequired
          value={values.repeat}
          onChange={set('repeat')}
          {...form.field('repeat')}
        />
        <Button type="submit" variant="primary" isDisabled={fetching}>
          {t('password.submit')}
        </Button>
      </form>
    </Page>
  );
}

import { type FormEvent, useEffect, useState } from 'react';
import { Navigate } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { Button } from '@midas-ds/components/button';
import { TextField } from '@midas-ds/components/textfield';
import { graphql } from '../app/graphql.js';
import { useLanguage } from '../app/i18n.js';
import { useSession } from '../app/SessionProvider.js';
import { LanguageSwitch } from '../app/Shell.js';
import { ErrorSummary, Loading, Notice } from '../ui/Page.js';
import { useFormErrors } from '../ui/useFormErrors.js';

const CompleteSetup = graphql(`
  mutation CompleteSetup($token: String!, $email: String!, $displayName: String!, $password: String!) {
    completeSetup(token: $token, email: $email, displayName: $displayName, password: $password) {
      id
    }
  }
`);

const SetupNeeded = graphql(`
  query SetupNeeded {
    setupNeeded
  }
`);

const FIELDS = ['displayName', 'email', 'password', 'repeat'] as const;
// Keep in sync with the api's password rule (CompleteSetupArgs, CreateUserInput).
const MIN_PASSWORD = 12;

/** The token travels in the fragment (never sent to a server or logged by a proxy); read once, then cleared from the address bar. */
function takeTokenFromFragment(): string {
  const token = window.location.hash.slice(1);
  if (token) window.history.replaceState(null, '', window.location.pathname);
  return token;
}

/** The first administrator's page, opened from the one-time link the api prints while no user exists. */
export default function SetupPage() {
  const { t } = useLanguage();
  const { status, signIn } = useSession();
  const [token] = useState(takeTokenFromFragment);
  const [values, setValues] = useState({ displayName: '', email: '', password: '', repeat: '' });
  const [busy, setBusy] = useState(false);
  const [, completeSetup] = useMutation(CompleteSetup);
  const [needed] = useQuery({ query: SetupNeeded, requestPolicy: 'network-only' });
  const form = useFormErrors(FIELDS);
  const set = (name: keyof typeof values) => (value: string) => setValues((v) => ({ ...v, [name]: value }));

  useEffect(() => {
    document.title = `${t('setup.title')} – ${t('app.name')}`;
  }, [t]);

  if (status === 'starting' || (needed.fetching && !needed.data)) return <Loading />;
  if (status === 'signedIn') return <Navigate to="/" replace />;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (values.password.length < MIN_PASSWORD)
      return form.show([{ message: t('setup.passwordTooShort', { min: MIN_PASSWORD }), field: 'password' }]);
    if (values.password !== values.repeat) return form.show([{ message: t('password.mismatch'), field: 'repeat' }]);
    setBusy(true);
    const email = values.email.trim();
    const result = await completeSetup({
      token,
      email,
      displayName: values.displayName.trim(),
      password: values.password,
    });
    if (form.show(result.error)) return setBusy(false);
    const errors = await signIn(email, values.password).catch(() => [{ message: t('app.error.network') }]);
    setBusy(false);
    form.show(errors);
  };

  return (
    <div className="sign-in">
      <header className="sign-in-header">
        <span className="brand-name">{t('app.name')}</span>
        <LanguageSwitch />
      </header>
      <main id="main" className="sign-in-main">
        <h1 tabIndex={-1}>{t('setup.title')}</h1>
        {needed.data?.setupNeeded === false && (
          <div className="warning-box" role="status">
            <p>
              <strong>{t('setup.alreadyDone')}</strong> <a href="/logga-in">{t('setup.signInNow')}</a>
            </p>
          </div>
        )}
        <p>{t('setup.intro')}</p>
        {!token && <Notice>{t('setup.noToken')}</Notice>}
        <ErrorSummary messages={form.all} />
        <form onSubmit={submit} noValidate className="stack">
          <TextField
            label={t('setup.displayName')}
            name="name"
            autoComplete="name"
            isRequired
            value={values.displayName}
            onChange={set('displayName')}
            isInvalid={!!form.fieldError('displayName')}
            errorMessage={form.fieldError('displayName')}
            validationBehavior="aria"
          />
          <TextField
            label={t('signIn.email')}
            type="email"
            name="email"
            autoComplete="username"
            isRequired
            value={values.email}
            onChange={set('email')}
            isInvalid={!!form.fieldError('email')}
            errorMessage={form.fieldError('email')}
            validationBehavior="aria"
          />
          <TextField
            label={t('signIn.password')}
            description={t('setup.passwordHint', { min: MIN_PASSWORD })}
            type="password"
            name="password"
            autoComplete="new-password"
            isRequired
            value={values.password}
            onChange={set('password')}
            isInvalid={!!form.fieldError('password')}
            errorMessage={form.fieldError('password')}
            validationBehavior="aria"
          />
          <TextField
            label={t('setup.repeat')}
            type="password"
            name="repeat"
            autoComplete="new-password"
            isRequired
            value={values.repeat}
            onChange={set('repeat')}
            isInvalid={!!form.fieldError('repeat')}
            errorMessage={form.fieldError('repeat')}
            validationBehavior="aria"
          />
          <Button type="submit" variant="primary" isDisabled={busy || !token}>
            {t('setup.submit')}
          </Button>
        </form>
        <p>
          <a href="/logga-in">{t('setup.signInInstead')}</a>
        </p>
      </main>
    </div>
  );
}

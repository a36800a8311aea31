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
import { problem, useFormErrors } from '../ui/useFormErrors.js';
import type { ApiError } from '../app/api-errors.js';

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
  const form = useFormErrors(FIELDS, {
    displayName: { label: t('setup.displayName'), required: t('setup.problem.displayName') },
    email: { label: t('signIn.email'), required: t('setup.problem.email') },
    password: {
      label: t('signIn.password'),
      required: t('setup.problem.password'),
      invalid: t('setup.passwordTooShort', { min: MIN_PASSWORD }),
    },
    repeat: { label: t('setup.repeat') },
  });
  const set = (name: keyof typeof values) => (value: string) => setValues((v) => ({ ...v, [name]: value }));

  useEffect(() => {
    document.title = `${t('setup.title')} – ${t('app.name')}`;
  }, [t]);

  if (status === 'starting' || (needed.fetching && !needed.data)) return <Loading />;
  if (status === 'signedIn') return <Navigate to="/" replace />;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    // Every missing or wrong field at once, as the api would name them (completeSetup's arguments).
    const problems: ApiError[] = [];
    if (!values.displayName.trim()) problems.push(problem('displayName', 'isNotEmpty'));
    if (!values.email.trim()) problems.push(problem('email', 'isNotEmpty'));
    else if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(values.email.trim())) problems.push(problem('email', 'isEmail'));
    if (!values.password) problems.push(problem('password', 'isNotEmpty'));
    else if (values.password.length < MIN_PASSWORD) problems.push(problem('password', 'minLength', MIN_PASSWORD));
    if (values.password && values.password !== values.repeat)
      problems.push({ message: t('password.mismatch'), field: 'repeat' });
    if (problems.length) return form.show(problems);
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
        <ErrorSummary messages={form.summary} />
        <form onSubmit={submit} noValidate className="stack">
          <TextField
            label={t('setup.displayName')}
            name="name"
            autoComplete="name"
            isRequired
            value={values.displayName}
            onChange={set('displayName')}
            {...form.field('displayName')}
          />
          <TextField
            label={t('signIn.email')}
            type="email"
            name="email"
            autoComplete="username"
            isRequired
            value={values.email}
            onChange={set('email')}
            {...form.field('email')}
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
            {...form.field('password')}
          />
          <TextField
            label={t('setup.repeat')}
            type="password"
            name="repeat"
            autoComplete="new-password"
            isRequired
            value={values.repeat}
            onChange={set('repeat')}
            {...form.field('repeat')}
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

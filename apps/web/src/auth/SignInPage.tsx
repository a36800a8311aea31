import { type FormEvent, useEffect, useRef, useState } from 'react';
import { Navigate, useSearchParams } from 'react-router';
import { Button } from '@midas-ds/components/button';
import { TextField } from '@midas-ds/components/textfield';
import { useLanguage } from '../app/i18n.js';
import { useSession } from '../app/SessionProvider.js';
import { LanguageSwitch } from '../app/Shell.js';
import { ErrorSummary, Loading, Notice } from '../ui/Page.js';
import { useFormErrors } from '../ui/useFormErrors.js';

const FIELDS = ['email', 'password'] as const;

/** Only paths inside the app: `?till=https://elsewhere` must not become an open redirect. */
function safeReturnPath(value: string | null): string {
  return value && value.startsWith('/') && !value.startsWith('//') && !value.startsWith('/logga-in') ? value : '/';
}

export function SignInPage() {
  const { t } = useLanguage();
  const { status, signIn, signedOutReason } = useSession();
  const [params] = useSearchParams();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const form = useFormErrors(FIELDS);
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    document.title = `${t('signIn.title')} – ${t('app.name')}`;
  }, [t]);

  if (status === 'starting') return <Loading />;
  if (status === 'signedIn') return <Navigate to={safeReturnPath(params.get('till'))} replace />;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    const errors = await signIn(email.trim(), password).catch(() => [{ message: t('app.error.network') }]);
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
        <h1 ref={heading} tabIndex={-1}>
          {t('signIn.title')}
        </h1>
        <p>{t('signIn.intro')}</p>
        {signedOutReason === 'expired' && <Notice>{t('signIn.expired')}</Notice>}
        {signedOutReason === 'signedOut' && <Notice>{t('signIn.signedOut')}</Notice>}
        <ErrorSummary messages={form.summary} />
        <form onSubmit={submit} noValidate className="stack">
          <TextField
            label={t('signIn.email')}
            type="email"
            name="email"
            autoComplete="username"
            isRequired
            value={email}
            onChange={setEmail}
            {...form.field('email')}
          />
          <TextField
            label={t('signIn.password')}
            type="password"
            name="password"
            autoComplete="current-password"
            isRequired
            value={password}
            onChange={setPassword}
            {...form.field('password')}
          />
          <Button type="submit" variant="primary" isDisabled={busy}>
            {t('signIn.submit')}
          </Button>
        </form>
      </main>
    </div>
  );
}

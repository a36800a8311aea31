import { createBrowserRouter, Navigate, Outlet, useLocation, useRouteError } from 'react-router';
import { Shell } from './Shell.js';
import { useSession } from './SessionProvider.js';
import { useLanguage } from './i18n.js';
import { Loading, Page } from '../ui/Page.js';
import { SignInPage } from '../auth/SignInPage.js';
import { StartPage } from '../start/StartPage.js';

function RequireSession() {
  const { status } = useSession();
  const location = useLocation();
  if (status === 'starting') return <Loading />;
  if (status === 'signedOut')
    return <Navigate to={`/logga-in?till=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  return <Outlet />;
}

function NotFound() {
  const { t } = useLanguage();
  return (
    <Page title={t('app.notFound.title')}>
      <p>{t('app.notFound.body')}</p>
      <p>
        <a href="/">{t('app.notFound.home')}</a>
      </p>
    </Page>
  );
}

function RouteError() {
  const { t } = useLanguage();
  const error = useRouteError();
  return (
    <main id="main" className="standalone">
      <h1>{t('app.error.title')}</h1>
      <p>{error instanceof Error ? error.message : t('app.error.network')}</p>
      <p>
        <a href="/">{t('app.error.retry')}</a>
      </p>
    </main>
  );
}

/** Every page but sign-in and start is its own chunk, fetched when first visited. */
const page = (load: () => Promise<{ default: React.ComponentType }>) => async () => ({
  Component: (await load()).default,
});

export const router = createBrowserRouter([
  { path: '/logga-in', Component: SignInPage, ErrorBoundary: RouteError },
  { path: '/setup', lazy: page(() => import('../setup/SetupPage.js')), ErrorBoundary: RouteError },
  {
    Component: RequireSession,
    ErrorBoundary: RouteError,
    children: [
      {
        Component: Shell,
        children: [
          { index: true, Component: StartPage },
          { path: 'aviseringar', lazy: page(() => import('../notifications/NotificationsPage.js')) },
          { path: 'konto/losenord', lazy: page(() => import('../auth/ChangePasswordPage.js')) },
          { path: 'behov/nytt', lazy: page(() => import('../needs/ReportNeedPage.js')) },
          { path: 'behov/mina', lazy: page(() => import('../needs/MyNeedsPage.js')) },
          { path: 'behov/:id', lazy: page(() => import('../needs/NeedPage.js')) },
          { path: 'coach/aktivitet', lazy: page(() => import('../coach/CoachActivityPage.js')) },
          { path: 'coach/profil', lazy: page(() => import('../coach/CoachProfilePage.js')) },
          { path: 'granskning', lazy: page(() => import('../review/ReviewQueuePage.js')) },
          { path: 'granskning/:protocolId', lazy: page(() => import('../review/ProtocolReviewPage.js')) },
          { path: 'tester/:protocolId', lazy: page(() => import('../review/ProtocolReviewPage.js')) },
          { path: 'beslut', lazy: page(() => import('../review/DecisionsPage.js')) },
          { path: 'beslut/:id', lazy: page(() => import('../review/DecisionPage.js')) },
          { path: 'inkorg', lazy: page(() => import('../triage/TriageInboxPage.js')) },
          { path: 'upphandlingar', lazy: page(() => import('../procurement/ProcurementsPage.js')) },
          { path: 'upphandlingar/:id', lazy: page(() => import('../procurement/ProcurementPage.js')) },
          { path: 'ramavtal/:id', lazy: page(() => import('../procurement/AgreementPage.js')) },
          { path: 'inforanden/ny', lazy: page(() => import('../followup/RecordImplementationPage.js')) },
          { path: 'inforanden/:id', lazy: page(() => import('../followup/ImplementationPage.js')) },
          { path: 'uppfoljningar', lazy: page(() => import('../followup/FollowUpsPage.js')) },
          { path: 'uppfoljningar/:id', lazy: page(() => import('../followup/FollowUpPage.js')) },
          { path: 'systemlandskap', lazy: page(() => import('../catalog/LandscapePage.js')) },
          { path: 'kunskap', lazy: page(() => import('../knowledge/KnowledgePage.js')) },
          { path: 'kunskap/ny', lazy: page(() => import('../knowledge/WriteArticlePage.js')) },
          { path: 'kunskap/:id', lazy: page(() => import('../knowledge/ArticlePage.js')) },
          { path: 'katalog', lazy: page(() => import('../catalog/CataloguePage.js')) },
          { path: 'katalog/kompatibilitet', lazy: page(() => import('../catalog/CompatibilityMatrixPage.js')) },
          { path: 'indikatorer', lazy: page(() => import('../followup/IndicatorSetsPage.js')) },
          { path: 'drift', lazy: page(() => import('../catalog/HealthPage.js')) },
          { path: 'upphandlingar/ny', lazy: page(() => import('../procurement/NewProcurementPage.js')) },
          { path: 'anvandare', lazy: page(() => import('../users/UsersPage.js')) },
          { path: 'inloggningstjanster', lazy: page(() => import('../identity/IdentityProvidersPage.js')) },
          { path: 'oversikt', lazy: page(() => import('../overview/OverviewPage.js')) },
          { path: 'traad/:entityType/:id', lazy: page(() => import('../thread/ThreadPage.js')) },
          { path: 'testprotokoll', lazy: page(() => import('../testbed/ProtocolsPage.js')) },
          { path: 'testprotokoll/nytt', lazy: page(() => import('../testbed/NewProtocolPage.js')) },
          { path: 'testprotokoll/:id', lazy: page(() => import('../testbed/ProtocolPage.js')) },
          { path: 'testprotokoll/:id/plan', lazy: page(() => import('../testbed/EditProtocolPage.js')) },
          { path: '*', Component: NotFound },
        ],
      },
    ],
  },
]);

import { useEffect, useRef, useState } from 'react';
import { NavLink, Outlet, useLocation, useNavigate } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { graphql } from './graphql.js';
import { useLanguage } from './i18n.js';
import { type Role, SetMyLanguage, useSession } from './SessionProvider.js';
import type { MessageKey } from './i18n/catalog.js';

export const UnreadCountQuery = graphql(`
  query UnreadCount {
    myNotifications(unreadOnly: true, first: 1) {
      totalCount
    }
  }
`);

interface NavItem {
  to: string;
  label: MessageKey;
  roles?: Role[];
  /** Current only on this exact address (not on the pages below it, which have their own item). */
  end?: boolean;
}

/** Navigation by role: each user sees the journeys their roles allow (the api still decides). */
export const NAV_ITEMS: NavItem[] = [
  { to: '/', label: 'nav.start' },
  { to: '/behov/nytt', label: 'nav.reportNeed', roles: ['TECH_COACH'] },
  { to: '/behov/mina', label: 'nav.myNeeds', roles: ['TECH_COACH'] },
  { to: '/coach/aktivitet', label: 'nav.coachActivity', roles: ['TECH_COACH'] },
  { to: '/coach/profil', label: 'nav.coachProfile', roles: ['TECH_COACH'] },
  { to: '/granskning', label: 'nav.reviewQueue', roles: ['STEERING_MEMBER'] },
  { to: '/beslut', label: 'nav.decisions' },
  { to: '/inkorg', label: 'nav.triage', roles: ['NODE_STAFF', 'NODE_ADMIN'] },
  { to: '/oversikt', label: 'nav.overview', roles: ['STEERING_MEMBER', 'NODE_STAFF', 'NODE_ADMIN'] },
  { to: '/upphandlingar', label: 'nav.procurements', roles: ['MUNICIPALITY_COORDINATOR', 'NODE_STAFF', 'NODE_ADMIN'] },
  { to: '/systemlandskap', label: 'nav.landscape', roles: ['MUNICIPALITY_COORDINATOR'] },
  // Coaches answer the follow-ups they are responsible for (and are reminded of them); the api shows them their
  // organisation's follow-ups.
  {
    to: '/uppfoljningar',
    label: 'nav.followUps',
    roles: ['MUNICIPALITY_COORDINATOR', 'TECH_COACH', 'NODE_STAFF', 'NODE_ADMIN'],
  },
  { to: '/katalog', label: 'nav.catalogue', roles: ['NODE_STAFF', 'NODE_ADMIN'], end: true },
  { to: '/katalog/kompatibilitet', label: 'nav.matrix', roles: ['NODE_STAFF', 'NODE_ADMIN'] },
  { to: '/indikatorer', label: 'nav.indicators', roles: ['NODE_STAFF', 'NODE_ADMIN'] },
  { to: '/drift', label: 'nav.health', roles: ['NODE_STAFF', 'NODE_ADMIN'] },
  { to: '/kunskap', label: 'nav.knowledge' },
  {
    to: '/testprotokoll',
    label: 'nav.protocols',
    roles: ['NODE_STAFF', 'NODE_ADMIN', 'MUNICIPALITY_COORDINATOR', 'STEERING_MEMBER'],
  },
  { to: '/anvandare', label: 'nav.users', roles: ['NODE_ADMIN'] },
  { to: '/inloggningstjanster', label: 'idp.nav', roles: ['NODE_ADMIN'] },
];

export function LanguageSwitch() {
  const { lang, setLang, t } = useLanguage();
  const { me } = useSession();
  const [, saveLanguage] = useMutation(SetMyLanguage);
  const other = lang === 'sv' ? 'en' : 'sv';
  return (
    <button
      type="button"
      className="link-button"
      lang={other}
      onClick={() => {
        setLang(other);
        // Signed in: notifications and e-mails follow the choice too.
        if (me) void saveLanguage({ language: other });
      }}
      aria-label={`${t('app.language')}: ${t(`app.language.${other}`)}`}
    >
      {t(`app.language.${other}`)}
    </button>
  );
}

const UNREAD_CONTEXT = { additionalTypenames: ['Notification'] };

/** Language, account and sign-out: in the header on a wide screen, inside the menu on a phone. */
function AccountTools() {
  const { t } = useLanguage();
  const { me, signOut } = useSession();
  const navigate = useNavigate();
  return (
    <>
      <LanguageSwitch />
      {me?.hasPassword !== false && <NavLink to="/konto/losenord">{t('nav.account')}</NavLink>}
      <button
        type="button"
        className="link-button"
        onClick={async () => {
          await signOut();
          // After a sign-in through a provider: on to its single logout (the api knows which); else back here.
          if (document.cookie.split('; ').includes('noden_sso=1')) window.location.assign('/auth/sso/logout');
          else void navigate('/logga-in', { replace: true });
        }}
      >
        {t('nav.signOut')}
      </button>
    </>
  );
}

export function Shell() {
  const { t } = useLanguage();
  const { me, hasRole } = useSession();
  const location = useLocation();
  // The count holds no Notification object: name the type so marking one read refreshes it.
  const [{ data }] = useQuery({ query: UnreadCountQuery, context: UNREAD_CONTEXT });
  const unread = data?.myNotifications.totalCount ?? 0;
  const items = NAV_ITEMS.filter((item) => !item.roles || hasRole(...item.roles));
  // Below the breakpoint the menu is a disclosure: closed on every new page, closed by Escape (focus back on the
  // button), the first link focused when it opens.
  const [menuOpen, setMenuOpen] = useState(false);
  const menuButton = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLDivElement>(null);
  useEffect(() => setMenuOpen(false), [location.pathname]);
  useEffect(() => {
    if (!menuOpen) return;
    menu.current?.querySelector<HTMLElement>('a, button')?.focus();
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      setMenuOpen(false);
      menuButton.current?.focus();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [menuOpen]);
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className="site-header">
        <div className="brand">
          <NavLink to="/" className="brand-name">
            {t('app.name')}
          </NavLink>
          <span className="brand-tagline">{t('app.tagline')}</span>
        </div>
        <div className="header-tools">
          <NavLink to="/aviseringar" className="notifications-link">
            {t('nav.notifications')}
            {unread > 0 && (
              <span className="badge">
                {unread}
                <span className="visually-hidden"> {t('nav.unread')}</span>
              </span>
            )}
          </NavLink>
          <span className="wide-only header-account">
            <AccountTools />
          </span>
          <button
            type="button"
            className="menu-button"
            ref={menuButton}
            aria-expanded={menuOpen}
            aria-controls="site-menu"
            onClick={() => setMenuOpen((open) => !open)}
          >
            {t('app.menu')}
          </button>
        </div>
      </header>
      <div id="site-menu" ref={menu} className={menuOpen ? 'site-menu open' : 'site-menu'}>
        <nav className="main-nav" aria-label={t('app.mainNav')}>
          <ul>
            {items.map((item) => (
              <li key={item.to}>
                <NavLink to={item.to} end={item.to === '/' || item.end}>
                  {t(item.label)}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <div className="phone-only menu-account">
          <AccountTools />
        </div>
      </div>
      <main id="main" tabIndex={-1}>
        {me && me.roles.length === 0 ? <WaitingForAccess /> : <Outlet />}
      </main>
      <footer className="site-footer">
        {me && <p>{t('app.signedInAs', { name: me.displayName, organization: me.organization.name })}</p>}
        <p>{t('app.footer')}</p>
      </footer>
    </div>
  );
}

/** Someone who joined through their organisation's provider and has no role yet (the api refuses the rest). */
function WaitingForAccess() {
  const { t } = useLanguage();
  const { me } = useSession();
  return (
    <section className="stack" aria-labelledby="waiting-heading">
      <h1 id="waiting-heading">{t('waiting.title')}</h1>
      <p>{t('waiting.body', { name: me!.displayName, organization: me!.organization.name })}</p>
      <p>
        <a href="/">{t('waiting.reload')}</a>
      </p>
    </section>
  );
}

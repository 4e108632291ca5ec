import { type ReactNode, useEffect } from 'react';
import { api, call } from '../api/client';
import { signOut } from '../api/session';
import { LiveIndicator } from '../components/LiveIndicator';
import { Loading, Notice } from '../components/Notice';
import { useResource } from '../lib/use-resource';
import { AccountPage } from '../pages/AccountPage';
import { CallbackPage } from '../pages/CallbackPage';
import { ConnectPage } from '../pages/ConnectPage';
import { DashboardPage } from '../pages/DashboardPage';
import { LoginPage } from '../pages/LoginPage';
import { CurrentUserContext } from './current-user';
import { accountIdOf, Link, navigate, useLocation } from './router';
import { useSession } from './session-hooks';

export function App() {
  const session = useSession();
  const { pathname, search } = useLocation();

  // How a connect failed needs no account to read: whoever opened the consent link sees why.
  if (session === null && pathname === '/connect/callback' && new URLSearchParams(search).get('status') !== 'connected') {
    return (
      <main id="main">
        <CallbackPage />
      </main>
    );
  }
  // Whatever page was asked for, signing in comes first; the page follows once signed in.
  if (session === null) return <LoginPage />;
  if (pathname === '/login') return <Redirect to="/" />;
  return (
    <SignedIn key={session.accessToken}>
      <Page pathname={pathname} />
    </SignedIn>
  );
}

function Redirect({ to }: { readonly to: string }) {
  useEffect(() => navigate(to, { replace: true }), [to]);
  return null;
}

function SignedIn({ children }: { readonly children: ReactNode }) {
  const user = useResource(() => call(api.GET('/api/auth/me')), []);

  return (
    <>
      <a className="skip-link" href="#main">
        Skip to the page
      </a>
      <header className="topbar">
        <Link to="/" className="brand">
          ebay-connect <span className="brand-sub">console</span>
        </Link>
        <nav aria-label="Main">
          <Link to="/">Accounts</Link>
          <Link to="/connect">Connect an account</Link>
          <a href="/docs">API docs</a>
        </nav>
        <div className="who">
          <LiveIndicator />
          {user.data !== undefined && (
            <span className="who-email">
              {user.data.email}
              {user.data.isAdmin && <span className="tag">admin</span>}
            </span>
          )}
          <button type="button" onClick={signOut}>
            Sign out
          </button>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {user.state === 'failed' && <Notice tone="error">Could not load who you are: {user.error}</Notice>}
        {user.data === undefined ? (
          user.state === 'loading' && <Loading what="your profile" />
        ) : (
          <CurrentUserContext.Provider value={user.data}>{children}</CurrentUserContext.Provider>
        )}
      </main>
    </>
  );
}

function Page({ pathname }: { readonly pathname: string }) {
  if (pathname === '/') return <DashboardPage />;
  if (pathname === '/connect') return <ConnectPage />;
  if (pathname === '/connect/callback') return <CallbackPage />;
  const accountId = accountIdOf(pathname);
  if (accountId !== undefined) return <AccountPage key={accountId} accountId={accountId} />;
  return (
    <section>
      <h1>Page not found</h1>
      <p>
        There is no page at <code>{pathname}</code>. <Link to="/">Back to the accounts</Link>
      </p>
    </section>
  );
}

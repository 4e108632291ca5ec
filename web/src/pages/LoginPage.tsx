import { type FormEvent, useId, useState } from 'react';
import { ApiError, api, call, describeFailure } from '../api/client';
import { signIn } from '../api/session';
import { Notice } from '../components/Notice';

type Mode = 'sign-in' | 'register';

/**
 * Sign in, or create an account while registration is open (the first user ever becomes the
 * administrator). Shown in place of whatever page was asked for, which follows once signed in.
 */
export function LoginPage() {
  const [mode, setMode] = useState<Mode>('sign-in');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [registrationClosed, setRegistrationClosed] = useState(false);
  const headingId = useId();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setFailure(null);
    try {
      if (mode === 'register') await call(api.POST('/api/auth/register', { body: { email, password } }));
      const login = await call(api.POST('/api/auth/login', { body: { email, password } }));
      signIn(login.accessToken, login.expiresIn);
    } catch (error) {
      if (mode === 'register' && error instanceof ApiError && error.status === 403) {
        setRegistrationClosed(true);
        setMode('sign-in');
        setFailure('Registration is closed on this service: ask an administrator to create your user.');
      } else {
        setFailure(describeFailure(error));
      }
      setBusy(false);
    }
  };

  const title = mode === 'sign-in' ? 'Sign in' : 'Create an account';
  return (
    <main id="main" className="login">
      <section className="card login-card" aria-labelledby={headingId}>
        <p className="brand">
          ebay-connect <span className="brand-sub">console</span>
        </p>
        <h1 id={headingId}>{title}</h1>
        {mode === 'register' && <p className="muted">The first user of a new service becomes its administrator.</p>}
        <form onSubmit={(event) => void submit(event)}>
          <label htmlFor="login-email">Email</label>
          <input
            id="login-email"
            type="email"
            autoComplete="username"
            required
            value={email}
            onChange={(event) => setEmail(event.target.value)}
          />
          <label htmlFor="login-password">Password</label>
          <input
            id="login-password"
            type="password"
            autoComplete={mode === 'register' ? 'new-password' : 'current-password'}
            required
            minLength={mode === 'register' ? 10 : undefined}
            aria-describedby={mode === 'register' ? 'password-rule' : undefined}
            value={password}
            onChange={(event) => setPassword(event.target.value)}
          />
          {mode === 'register' && (
            <p id="password-rule" className="hint">
              At least 10 characters.
            </p>
          )}
          {failure !== null && <Notice tone="error">{failure}</Notice>}
          <button type="submit" className="primary" disabled={busy}>
            {busy ? (mode === 'sign-in' ? 'Signing in…' : 'Creating the account…') : title}
          </button>
        </form>
        {!registrationClosed && (
          <p className="switch-mode">
            {mode === 'sign-in' ? 'New here? ' : 'Already have an account? '}
            <button
              type="button"
              className="link-button"
              onClick={() => {
                setMode(mode === 'sign-in' ? 'register' : 'sign-in');
                setFailure(null);
              }}
            >
              {mode === 'sign-in' ? 'Create account' : 'Sign in instead'}
            </button>
          </p>
        )}
      </section>
    </main>
  );
}

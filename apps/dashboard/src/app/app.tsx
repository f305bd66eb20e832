import { useCallback, useMemo, useState } from 'preact/hooks';
import { ApiClient } from '../api/client';
import { endpoints } from '../api/endpoints';
import type { Problem } from '../api/types';
import { tokenStore } from '../auth/token-store';
import { I18nProvider } from '../i18n/i18n';
import { SignInView } from '../views/sign-in/sign-in-view';
import { Shell } from './shell';
import { SessionContext } from './session';
import { type SessionState, afterUnauthorized, initialSession, sessionFor } from './sign-in-state';

export function App() {
  return (
    <I18nProvider>
      <SignedIn />
    </I18nProvider>
  );
}

function SignedIn() {
  const [state, setState] = useState<SessionState>(initialSession);
  const token = state.kind === 'signed-in' ? state.token : null;
  const onUnauthorized = useCallback((problem: Problem) => token && setState(afterUnauthorized(token, problem.detail)), [token]);
  const session = useMemo(
    () =>
      state.kind === 'signed-in'
        ? {
            principal: state.principal,
            api: endpoints(new ApiClient(state.token, onUnauthorized, state.principal.expiresAt)),
          }
        : null,
    [state, onUnauthorized],
  );
  if (session === null) {
    return (
      <main id="main" class="page page--narrow">
        <SignInView
          reason={state.kind === 'signed-out' ? state.reason : undefined}
          onToken={(next) => setState(sessionFor(next))}
        />
      </main>
    );
  }
  return (
    <SessionContext.Provider value={session}>
      <Shell
        onSignOut={() => {
          tokenStore.clear();
          setState({ kind: 'signed-out' });
        }}
      />
    </SessionContext.Provider>
  );
}

import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Api } from '../api/endpoints';
import type { Principal } from '../auth/token';

export interface Session {
  principal: Principal;
  api: Api;
}

export const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (session === null) throw new Error('useSession outside a signed-in session');
  return session;
}

export const useApi = (): Api => useSession().api;

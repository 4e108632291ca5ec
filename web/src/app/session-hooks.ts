import { useSyncExternalStore } from 'react';
import { currentSession, type Session, subscribeToSession } from '../api/session';

export function useSession(): Session | null {
  return useSyncExternalStore(subscribeToSession, currentSession);
}

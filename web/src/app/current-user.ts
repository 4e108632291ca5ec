import { createContext, useContext } from 'react';
import type { User } from '../api/types';

export const CurrentUserContext = createContext<User | null>(null);

/** The signed-in user; only pages inside the signed-in shell ask. */
export function useCurrentUser(): User {
  const user = useContext(CurrentUserContext);
  if (user === null) throw new Error('useCurrentUser outside the signed-in shell');
  return user;
}

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, useContext, type ReactNode } from 'react';
import { api, type Schemas } from '../api/client';

export type Principal = Schemas['Principal'];

const SessionContext = createContext<Principal | undefined>(undefined);

/** Who is logged in (GET /me); undefined while unknown or logged out. */
export function useMe() {
  return useQuery({
    queryKey: ['me'],
    queryFn: async () => {
      const { data, response } = await api.GET('/me');
      return response.ok ? (data as Principal) : null;
    },
    staleTime: 60_000,
    retry: false,
  });
}

export function SessionProvider({ principal, children }: { principal: Principal; children: ReactNode }) {
  return <SessionContext.Provider value={principal}>{children}</SessionContext.Provider>;
}

export function usePrincipal(): Principal {
  const principal = useContext(SessionContext);
  if (!principal) throw new Error('usePrincipal outside a session');
  return principal;
}

/** My province: the first unit of my agency's jurisdiction path. */
export function useProvinceId(): string {
  return usePrincipal().jurisdictionPath.split('/')[1] ?? '';
}

export function useHasRole(...roles: string[]): boolean {
  const principal = usePrincipal();
  return principal.roles.some((role) => roles.includes(role));
}

export function useLogout() {
  const client = useQueryClient();
  return async () => {
    await api.DELETE('/auth/session');
    client.clear();
    window.location.assign('/app/login');
  };
}

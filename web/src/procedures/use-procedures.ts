import { useQuery } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '../api/client';

export type Procedure = Schemas['Procedure'];
export type ProcedureAction = Procedure['actions'][number];

/** Every procedure with its phases, actions and their JSON Schemas (GET /procedures): the forms come from here. */
export function useProcedures() {
  return useQuery({
    queryKey: ['procedures'],
    queryFn: async () => (await unwrap(api.GET('/procedures'))).items,
    staleTime: 10 * 60_000,
  });
}

export function useProcedure(code: string | undefined): Procedure | undefined {
  return useProcedures().data?.find((procedure) => procedure.code === code);
}

import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, unwrap, type Schemas } from '../api/client';
import { pick } from '../i18n/i18n';

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

/** A procedure's title and a phase's name in the chosen language (the code, until the list has loaded). */
export function useProcedureLabels() {
  const { i18n } = useTranslation();
  const procedures = useProcedures().data ?? [];
  const find = (code: string) => procedures.find((procedure) => procedure.code === code);
  return {
    procedure: (code: string) => {
      const procedure = find(code);
      return procedure ? pick(i18n.language, procedure.titleVi, procedure.titleEn) : code;
    },
    phase: (code: string, phase: string) => {
      const named = find(code)?.phases.find((p) => p.code === phase);
      return named ? pick(i18n.language, named.vi, named.en) : phase;
    },
  };
}

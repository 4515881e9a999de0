import { Button, Loader, Stack } from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiProblem, networkProblem } from '../api/client';
import { ProblemAlert } from './problem-alert';

/** Loading, the API's refusal in its own words, or the data. */
export function QueryState<T>({ query, children }: { query: UseQueryResult<T>; children: (data: T) => ReactNode }) {
  const { t } = useTranslation();
  if (query.isPending) return <Loader size="sm" aria-label={t('loading')} />;
  if (query.isError) {
    return (
      <Stack align="flex-start">
        <ProblemAlert problem={query.error instanceof ApiProblem ? query.error : networkProblem(query.error)} />
        <Button variant="light" onClick={() => void query.refetch()}>
          {t('tryAgain')}
        </Button>
      </Stack>
    );
  }
  return <>{children(query.data)}</>;
}

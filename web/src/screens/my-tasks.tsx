import { Group, Pagination, SegmentedControl, Select, Stack, Title } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { api, unwrap } from '../api/client';
import { StepList } from '../components/step-list';
import { QueryState } from '../components/query-state';
import { useProcedures } from '../procedures/use-procedures';
import { pick } from '../i18n/i18n';
import type { Bucket } from './board';

// Most urgent first here; the board shows the same columns in time order.
const BUCKETS = ['all', 'pastStatutoryLimit', 'late', 'dueSoon', 'onTime', 'suspended'] as const satisfies readonly ('all' | Bucket)[];
const PAGE_SIZE = 25;

/** Việc của tôi: every unfinished step my agency and roles own, most urgent first. */
export function MyTasksScreen() {
  const { t, i18n } = useTranslation();
  const [params, setParams] = useSearchParams();
  const bucket = (params.get('bucket') ?? 'all') as (typeof BUCKETS)[number];
  const procedure = params.get('procedure') ?? undefined;
  const page = Number(params.get('page') ?? '1') || 1;
  const procedures = useProcedures();
  const tasks = useQuery({
    queryKey: ['tasks', bucket, procedure, page],
    queryFn: () =>
      unwrap(
        api.GET('/me/tasks', {
          params: { query: { ...(bucket !== 'all' ? { bucket: bucket as Bucket } : {}), ...(procedure ? { procedure } : {}), page, pageSize: PAGE_SIZE } },
        }),
      ),
    placeholderData: keepPreviousData,
    refetchInterval: 30_000,
  });
  const set = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value === undefined || value === 'all') next.delete(key);
      else next.set(key, value);
    }
    if (!('page' in changes)) next.delete('page');
    setParams(next);
  };
  const counts = tasks.data?.counts;
  const total = counts ? Object.values(counts).reduce((a, b) => a + b, 0) : undefined;
  return (
    <Stack>
      <Title order={1} size="h2">
        {t('myTasks')}
      </Title>
      <Group>
        <SegmentedControl
          aria-label={t('bucket_all')}
          value={bucket}
          onChange={(value) => set({ bucket: value })}
          data={BUCKETS.map((b) => ({
            value: b,
            label: `${t(`bucket_${b}`)}${counts ? ` (${b === 'all' ? total : counts[b]})` : ''}`,
          }))}
          style={{ flexWrap: 'wrap' }}
        />
        <Select
          aria-label={t('procedure')}
          placeholder={t('allProcedures')}
          clearable
          value={procedure ?? null}
          onChange={(value) => set({ procedure: value ?? undefined })}
          data={(procedures.data ?? []).map((p) => ({ value: p.code, label: pick(i18n.language, p.titleVi, p.titleEn) }))}
          w={280}
        />
      </Group>
      <QueryState query={tasks}>{(data) => <StepList steps={data.items} />}</QueryState>
      {tasks.data && tasks.data.total > PAGE_SIZE && (
        <Pagination
          total={Math.ceil(tasks.data.total / PAGE_SIZE)}
          value={page}
          onChange={(value) => set({ page: String(value) })}
          getControlProps={(control) => ({ 'aria-label': `${t('page')} ${control}` })}
        />
      )}
    </Stack>
  );
}

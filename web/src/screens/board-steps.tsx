import { Anchor, Group, Pagination, Stack, Title } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api, unwrap } from '../api/client';
import { QueryState } from '../components/query-state';
import { StepList } from '../components/step-list';
import { BUCKETS, type Bucket } from './board';

const PAGE_SIZE = 50;

/** The steps behind one number of the live board. */
export function BoardStepsScreen() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const bucket = (BUCKETS as readonly string[]).includes(params.get('bucket') ?? '') ? (params.get('bucket') as Bucket) : 'late';
  const withinDays = Number(params.get('withinDays') ?? '3') || 3;
  const jurisdictionId = params.get('jurisdictionId') ?? undefined;
  const agencyId = params.get('agencyId') ?? undefined;
  const page = Number(params.get('page') ?? '1') || 1;
  const steps = useQuery({
    queryKey: ['board-steps', bucket, withinDays, jurisdictionId, agencyId, page],
    queryFn: () =>
      unwrap(
        api.GET('/deadlines/board/steps', {
          params: { query: { bucket, withinDays, page, pageSize: PAGE_SIZE, ...(jurisdictionId ? { jurisdictionId } : {}), ...(agencyId ? { agencyId } : {}) } },
        }),
      ),
    placeholderData: keepPreviousData,
    refetchInterval: 15_000,
  });
  return (
    <Stack>
      <Group>
        <Anchor component={Link} to="/board">
          ← {t('board')}
        </Anchor>
      </Group>
      <Title order={1} size="h2">
        {t(`bucket_${bucket}`)}
        {steps.data ? ` (${steps.data.total})` : ''}
      </Title>
      <QueryState query={steps}>{(data) => <StepList steps={data.items} />}</QueryState>
      {steps.data && steps.data.total > PAGE_SIZE && (
        <Pagination
          total={Math.ceil(steps.data.total / PAGE_SIZE)}
          value={page}
          onChange={(value) => {
            const next = new URLSearchParams(params);
            next.set('page', String(value));
            setParams(next);
          }}
        />
      )}
    </Stack>
  );
}

import { Anchor, Card, Group, NumberInput, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api, unwrap, type Schemas } from '../api/client';
import { QueryState } from '../components/query-state';
import { showTime } from '../i18n/dates';
import { pick } from '../i18n/i18n';

export const BUCKETS = ['onTime', 'dueSoon', 'late', 'pastStatutoryLimit', 'suspended'] as const;
export type Bucket = (typeof BUCKETS)[number];
const COLOURS: Record<Bucket, string> = { onTime: 'teal', dueSoon: 'yellow', late: 'red', pastStatutoryLimit: 'grape', suspended: 'gray' };
const REFRESH_MS = 15_000;

type Counts = Schemas['BoardCounts'];

function stepsLink(bucket: Bucket, filter: { jurisdictionId?: string; agencyId?: string }, withinDays: number): string {
  const query = new URLSearchParams({ bucket, withinDays: String(withinDays) });
  if (filter.jurisdictionId) query.set('jurisdictionId', filter.jurisdictionId);
  if (filter.agencyId) query.set('agencyId', filter.agencyId);
  return `/board/steps?${query}`;
}

function CountCells({ counts, filter, withinDays, label }: { counts: Counts; filter: { jurisdictionId?: string; agencyId?: string }; withinDays: number; label: string }) {
  const { t } = useTranslation();
  return (
    <>
      {BUCKETS.map((bucket) => (
        <Table.Td key={bucket} ta="right" data-bucket={bucket}>
          {counts[bucket] > 0 ? (
            <Anchor component={Link} to={stepsLink(bucket, filter, withinDays)} fw={bucket === 'late' || bucket === 'pastStatutoryLimit' ? 700 : 400} c={bucket === 'onTime' || bucket === 'suspended' ? undefined : COLOURS[bucket]} aria-label={`${label}: ${t(`bucket_${bucket}`)} ${counts[bucket]}`}>
              {counts[bucket]}
            </Anchor>
          ) : (
            <Text span c="dimmed">
              0
            </Text>
          )}
        </Table.Td>
      ))}
    </>
  );
}

function BoardTable({ caption, rows, withinDays, nameHeader }: { caption: string; nameHeader: string; withinDays: number; rows: { key: string; name: string; counts: Counts; filter: { jurisdictionId?: string; agencyId?: string } }[] }) {
  const { t } = useTranslation();
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table striped highlightOnHover withTableBorder>
        <Table.Caption style={{ captionSide: 'top', textAlign: 'left', fontWeight: 600 }}>{caption}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{nameHeader}</Table.Th>
            {BUCKETS.map((bucket) => (
              <Table.Th key={bucket} ta="right">
                {t(`bucket_${bucket}`)}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.length === 0 && (
            <Table.Tr>
              <Table.Td colSpan={6}>{t('nothing')}</Table.Td>
            </Table.Tr>
          )}
          {rows.map((row) => (
            <Table.Tr key={row.key} data-row={row.key}>
              <Table.Td>{row.name}</Table.Td>
              <CountCells counts={row.counts} filter={row.filter} withinDays={withinDays} label={row.name} />
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** Bảng theo dõi: the coordinator's first screen, refreshed by itself, every number a link to its steps. */
export function BoardScreen() {
  const { t, i18n } = useTranslation();
  const [params, setParams] = useSearchParams();
  const withinDays = Number(params.get('withinDays') ?? '3') || 3;
  const jurisdictionId = params.get('jurisdictionId') ?? undefined;
  const board = useQuery({
    queryKey: ['board', jurisdictionId, withinDays],
    queryFn: () => unwrap(api.GET('/deadlines/board', { params: { query: { withinDays, ...(jurisdictionId ? { jurisdictionId } : {}) } } })),
    refetchInterval: REFRESH_MS,
    refetchIntervalInBackground: false,
    placeholderData: keepPreviousData,
  });
  const lang = i18n.language;
  return (
    <QueryState query={board}>
      {(data) => (
        <Stack>
          <Group justify="space-between" align="flex-end">
            <div>
              <Title order={1} size="h2">
                {t('board')}: {pick(lang, data.jurisdiction.nameVi, data.jurisdiction.nameEn)}
              </Title>
              <Text size="sm" c="dimmed" data-testid="board-updated" aria-live="polite">
                {t('lastUpdated', { time: showTime(data.generatedAt) })}
              </Text>
            </div>
            <NumberInput
              label={t('dueSoonWithin', { count: withinDays })}
              value={withinDays}
              min={0}
              max={60}
              w={220}
              onChange={(value) => setParams({ ...(jurisdictionId ? { jurisdictionId } : {}), withinDays: String(value || 0) })}
            />
          </Group>
          <SimpleGrid cols={{ base: 2, sm: 5 }}>
            {BUCKETS.map((bucket) => (
              <Card key={bucket} withBorder padding="sm" component={Link} to={stepsLink(bucket, { jurisdictionId: data.jurisdiction.id }, withinDays)} data-total={bucket} style={{ borderTop: `4px solid var(--mantine-color-${COLOURS[bucket]}-6)` }}>
                <Text size="sm">{t(`bucket_${bucket}`)}</Text>
                <Text size="xl" fw={700}>
                  {data.totals[bucket]}
                </Text>
              </Card>
            ))}
          </SimpleGrid>
          <BoardTable
            caption={t('byAgency')}
            nameHeader={t('agency')}
            withinDays={withinDays}
            rows={data.byAgency.map((row) => ({ key: row.agencyId, name: pick(lang, row.nameVi, row.nameEn), counts: row.counts, filter: { jurisdictionId: data.jurisdiction.id, agencyId: row.agencyId } }))}
          />
          <BoardTable
            caption={t('byUnit')}
            nameHeader={t('unit')}
            withinDays={withinDays}
            rows={data.byUnit.map((row) => ({ key: row.jurisdictionId, name: pick(lang, row.nameVi, row.nameEn), counts: row.counts, filter: { jurisdictionId: row.jurisdictionId } }))}
          />
        </Stack>
      )}
    </QueryState>
  );
}

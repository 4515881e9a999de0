import { BarChart } from '@mantine/charts';
import { Anchor, Badge, Card, Group, NumberInput, Pagination, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api, unwrap } from '../api/client';
import { QueryState } from '../components/query-state';
import { StandingBadge } from '../components/report-parts';
import { showDate } from '../i18n/dates';
import { pick } from '../i18n/i18n';
import { useHasRole, usePrincipal } from '../session/session';
import { COORDINATOR_ROLES, REPORTER_ROLES } from './report-roles';

const PAGE_SIZE = 25;

/** The reports of the units I cover, newest period first. */
function ReportList() {
  const { t, i18n } = useTranslation();
  const [params, setParams] = useSearchParams();
  const page = Number(params.get('page') ?? '1') || 1;
  const reports = useQuery({
    queryKey: ['reports', page],
    queryFn: () => unwrap(api.GET('/reports', { params: { query: { page, pageSize: PAGE_SIZE } } })),
    placeholderData: keepPreviousData,
  });
  return (
    <Card withBorder>
      <Title order={2} size="h4" mb="xs">
        {t('myReports')}
      </Title>
      <QueryState query={reports}>
        {(data) => (
          <Stack>
            {data.items.length === 0 && <Text c="dimmed">{t('nothing')}</Text>}
            {data.items.length > 0 && (
              <Table.ScrollContainer minWidth={560}>
                <Table striped highlightOnHover>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('reports')}</Table.Th>
                      <Table.Th>{t('unit')}</Table.Th>
                      <Table.Th>{t('dueDate')}</Table.Th>
                      <Table.Th>{t('standing')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {data.items.map((item) => (
                      <Table.Tr key={item.reportId} data-report={item.reportId}>
                        <Table.Td>
                          <Anchor component={Link} to={`/reports/${encodeURIComponent(item.reportId)}`}>
                            {pick(i18n.language, item.titleVi, item.titleEn)} · {item.periodKey}
                          </Anchor>
                        </Table.Td>
                        <Table.Td>{pick(i18n.language, item.unit.nameVi, item.unit.nameEn)}</Table.Td>
                        <Table.Td>{showDate(item.dueDate)}</Table.Td>
                        <Table.Td style={{ whiteSpace: 'nowrap' }}>
                          <StandingBadge standing={item.standing} />
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            )}
            {data.total > PAGE_SIZE && (
              <Pagination
                total={Math.ceil(data.total / PAGE_SIZE)}
                value={page}
                onChange={(value) => setParams({ page: String(value) })}
                getControlProps={(control) => ({ 'aria-label': `${t('page')} ${control}` })}
              />
            )}
          </Stack>
        )}
      </QueryState>
    </Card>
  );
}

/** The province's cycles and each run's counts; a run opens its roll-up. */
function Cycles() {
  const { t, i18n } = useTranslation();
  const cycles = useQuery({ queryKey: ['reporting-cycles'], queryFn: () => unwrap(api.GET('/reporting/cycles')) });
  return (
    <QueryState query={cycles}>
      {(data) => (
        <Stack>
          {data.items.map((cycle) => (
            <Card withBorder key={cycle.id} data-cycle={cycle.id}>
              <Group gap="xs" mb="xs">
                <Title order={2} size="h4">
                  {pick(i18n.language, cycle.nameVi, cycle.nameEn)}
                </Title>
                {cycle.paused && <Badge color="gray.7">{t('paused')}</Badge>}
              </Group>
              {cycle.runs.length === 0 && <Text c="dimmed">{t('nothing')}</Text>}
              {cycle.runs.length > 0 && (
                <Table.ScrollContainer minWidth={560}>
                  <Table striped>
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th>{t('period')}</Table.Th>
                        <Table.Th ta="right">{t('expected')}</Table.Th>
                        <Table.Th ta="right">{t('submitted')}</Table.Th>
                        <Table.Th ta="right">{t('lateOrOverdue')}</Table.Th>
                        <Table.Th ta="right">{t('missing')}</Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {cycle.runs.map((run) => (
                        <Table.Tr key={run.id} data-run={run.id}>
                          <Table.Td>
                            <Anchor component={Link} to={`/reporting/runs/${encodeURIComponent(run.id)}`}>
                              {run.periodKey} ({showDate(run.window.from)} – {showDate(run.window.to)})
                            </Anchor>
                          </Table.Td>
                          <Table.Td ta="right">{run.expected}</Table.Td>
                          <Table.Td ta="right">{run.submitted}</Table.Td>
                          <Table.Td ta="right" c={run.late > 0 ? 'red.8' : undefined} fw={run.late > 0 ? 700 : undefined}>
                            {run.late}
                          </Table.Td>
                          <Table.Td ta="right">{run.missing}</Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </Table.ScrollContainer>
              )}
            </Card>
          ))}
        </Stack>
      )}
    </QueryState>
  );
}

/** The year's plan targets and what the record (or the submitted quarterly reports) reached: a chart, and its numbers. */
function TargetProgress({ jurisdictionId }: { jurisdictionId: string }) {
  const { t, i18n } = useTranslation();
  const [year, setYear] = useState(() => new Date().getFullYear());
  const progress = useQuery({
    queryKey: ['targets', jurisdictionId, year],
    queryFn: () => unwrap(api.GET('/reporting/targets/progress', { params: { query: { jurisdictionId, year } } })),
  });
  const lang = i18n.language;
  return (
    <Card withBorder>
      <Group justify="space-between" mb="xs">
        <Title order={2} size="h4">
          {t('targets', { year })}
        </Title>
        <NumberInput aria-label={t('targets', { year: '' })} value={year} min={2000} max={2100} w={110} onChange={(value) => setYear(Number(value) || year)} />
      </Group>
      <QueryState query={progress}>
        {(data) =>
          data.targets.length === 0 ? (
            <Text c="dimmed">{t('nothing')}</Text>
          ) : (
            <SimpleGrid cols={{ base: 1, md: 2 }}>
              <BarChart
                h={60 + data.targets.length * 48}
                data={data.targets.map((row) => ({ figure: pick(lang, row.labelVi, row.labelEn), target: row.target, reached: row.reached }))}
                dataKey="figure"
                orientation="vertical"
                yAxisProps={{ width: 200 }}
                series={[
                  { name: 'target', label: t('target'), color: 'gray.5' },
                  { name: 'reached', label: t('reached'), color: 'indigo.8' },
                ]}
                withLegend
                // The table beside it carries the numbers for screen readers; the chart is for the eye.
                barChartProps={{ accessibilityLayer: false }}
                aria-hidden
              />
              <Table data-testid="target-progress">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('figure')}</Table.Th>
                    <Table.Th ta="right">{t('target')}</Table.Th>
                    <Table.Th ta="right">{t('reached')}</Table.Th>
                    <Table.Th ta="right">{t('percent')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.targets.map((row) => (
                    <Table.Tr key={row.metric} data-metric={row.metric}>
                      <Table.Td>{pick(lang, row.labelVi, row.labelEn)}</Table.Td>
                      <Table.Td ta="right">{row.target}</Table.Td>
                      <Table.Td ta="right">{row.reached}</Table.Td>
                      <Table.Td ta="right">{row.percent === null ? '—' : `${row.percent.toLocaleString(lang === 'en' ? 'en' : 'vi')} %`}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </SimpleGrid>
          )
        }
      </QueryState>
    </Card>
  );
}

/** Báo cáo định kỳ: my unit's reports; for a coordinator also the cycles with their roll-ups and the year's targets. */
export function ReportsScreen() {
  const { t } = useTranslation();
  const principal = usePrincipal();
  const coordinator = useHasRole(...COORDINATOR_ROLES);
  const reporter = useHasRole(...REPORTER_ROLES);
  return (
    <Stack>
      <Title order={1} size="h2">
        {t('reports')}
      </Title>
      {coordinator && (
        <>
          <Title order={2} size="h3">
            {t('reportingCycles')}
          </Title>
          <Cycles />
          <TargetProgress jurisdictionId={principal.jurisdictionId} />
        </>
      )}
      {reporter && !coordinator && <ReportList />}
    </Stack>
  );
}

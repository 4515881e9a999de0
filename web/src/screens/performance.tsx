import { BarChart } from '@mantine/charts';
import { Card, Group, Select, Stack, Table, Text, Title } from '@mantine/core';
import { DatesProvider, MonthPickerInput } from '@mantine/dates';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { api, unwrap, type Schemas } from '../api/client';
import { QueryState } from '../components/query-state';
import { ScrollRegion } from '../components/scroll-region';
import { pick } from '../i18n/i18n';
import { useProcedures } from '../procedures/use-procedures';

type Durations = Schemas['StepDurations']['items'][number];

/** "2026-11" → "11/2026", as officials write a month. */
const showMonth = (month: string) => `${month.slice(5, 7)}/${month.slice(0, 4)}`;

const number = (value: number, language: string) => value.toLocaleString(language === 'en' ? 'en' : 'vi', { maximumFractionDigits: 1 });

/** A share as a percentage; `worse` says which side of the line to mark (a low on-time rate, a high late share). */
function Percent({ share, worse }: { share: number | null; worse: (percent: number) => boolean }) {
  const { i18n } = useTranslation();
  if (share === null) return <Text span c="dimmed">—</Text>;
  const percent = Math.round(share * 1000) / 10;
  return (
    <Text span fw={worse(percent) ? 700 : undefined} c={worse(percent) ? 'red.9' : undefined} style={{ whiteSpace: 'nowrap' }}>
      {number(percent, i18n.language)}&nbsp;%
    </Text>
  );
}
const Rate = ({ rate }: { rate: number | null }) => <Percent share={rate} worse={(percent) => percent < 80} />;
const LateShare = ({ share }: { share: number | null }) => <Percent share={share} worse={(percent) => percent > 20} />;

function BudgetText({ row }: { row: Durations }) {
  const { t } = useTranslation();
  if (!row.budget) return <>—</>;
  return <>{t(`budget_${row.budget.unit}`, { count: row.budget.value })}</>;
}

/** Per procedure and step: the median and 90th-percentile time taken, beside the time the steps were given. */
function DurationsTable({ query }: { query: { jurisdictionId?: string; from?: string; to?: string; procedure?: string } }) {
  const { t, i18n } = useTranslation();
  const durations = useQuery({
    queryKey: ['durations', query],
    queryFn: () => unwrap(api.GET('/performance/durations', { params: { query: query as never } })),
    placeholderData: keepPreviousData,
  });
  const days = (value: number | null) => (value === null ? '—' : t('days', { value: number(value, i18n.language) }));
  return (
    <Card withBorder>
      <Title order={2} size="h4" mb="xs">
        {t('durations')}
      </Title>
      <QueryState query={durations}>
        {(data) =>
          data.items.length === 0 ? (
            <Text c="dimmed">{t('nothing')}</Text>
          ) : (
            <ScrollRegion label={t('durations')} minWidth={820}>
              <Table striped withTableBorder verticalSpacing={4} data-testid="durations">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('step')}</Table.Th>
                    <Table.Th>{t('budget')}</Table.Th>
                    <Table.Th ta="right">{t('completed')}</Table.Th>
                    <Table.Th ta="right">{t('lateShare')}</Table.Th>
                    <Table.Th ta="right">{t('takenMedian')}</Table.Th>
                    <Table.Th ta="right">{t('takenP90')}</Table.Th>
                    <Table.Th ta="right">{t('budgetedMedian')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.items.map((row) => {
                    const over = row.takenDays.median !== null && row.budgetedDays.median !== null && row.takenDays.median > row.budgetedDays.median;
                    return (
                      <Table.Tr key={`${row.ruleKey}-${JSON.stringify(row.budget)}`} data-rule={row.ruleKey}>
                        <Table.Td>
                          <Text size="sm">{pick(i18n.language, row.titleVi, row.titleEn)}</Text>
                          <Text size="xs" c="dimmed">
                            {row.procedure} · {row.ruleKey}
                          </Text>
                        </Table.Td>
                        <Table.Td>
                          <BudgetText row={row} />
                        </Table.Td>
                        <Table.Td ta="right">{row.completed}</Table.Td>
                        <Table.Td ta="right">
                          <LateShare share={row.lateShare} />
                        </Table.Td>
                        <Table.Td ta="right" fw={over ? 700 : undefined} c={over ? 'red.9' : undefined}>
                          {days(row.takenDays.median)}
                        </Table.Td>
                        <Table.Td ta="right">{days(row.takenDays.p90)}</Table.Td>
                        <Table.Td ta="right">{days(row.budgetedDays.median)}</Table.Td>
                      </Table.Tr>
                    );
                  })}
                </Table.Tbody>
              </Table>
            </ScrollRegion>
          )
        }
      </QueryState>
    </Card>
  );
}

/** Kết quả đúng hạn: steps completed on time and late, per month and per agency, and each step's time against its budget. */
export function PerformanceScreen() {
  const { t, i18n } = useTranslation();
  const [params, setParams] = useSearchParams();
  const procedures = useProcedures();
  const query = Object.fromEntries(['jurisdictionId', 'from', 'to', 'procedure'].flatMap((key) => (params.get(key) ? [[key, params.get(key)!]] : [])));
  const set = (key: string, value: string | null) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next);
  };
  const onTime = useQuery({
    queryKey: ['on-time', query],
    queryFn: () => unwrap(api.GET('/performance/on-time', { params: { query: query as never } })),
    placeholderData: keepPreviousData,
  });
  const lang = i18n.language;
  return (
    <Stack>
      <Title order={1} size="h2">
        {t('performance')}
        {onTime.data && `: ${pick(lang, onTime.data.jurisdiction.nameVi, onTime.data.jurisdiction.nameEn)}`}
      </Title>
      <DatesProvider settings={{ locale: lang === 'en' ? 'en' : 'vi' }}>
        <Group align="flex-end">
          <MonthPickerInput
            label={t('fromMonth')}
            valueFormat="MM/YYYY"
            value={onTime.data ? `${onTime.data.from}-01` : null}
            onChange={(value) => set('from', value ? value.slice(0, 7) : null)}
            w={140}
          />
          <MonthPickerInput
            label={t('toMonth')}
            valueFormat="MM/YYYY"
            value={onTime.data ? `${onTime.data.to}-01` : null}
            onChange={(value) => set('to', value ? value.slice(0, 7) : null)}
            w={140}
          />
          <Select
            label={t('procedure')}
            placeholder={t('allProcedures')}
            clearable
            value={query.procedure ?? null}
            onChange={(value) => set('procedure', value)}
            data={(procedures.data ?? []).map((p) => ({ value: p.code, label: pick(lang, p.titleVi, p.titleEn) }))}
            w={320}
          />
        </Group>
      </DatesProvider>
      <QueryState query={onTime}>
        {(data) => (
          <Stack>
            <Card withBorder>
              <Group justify="space-between" mb="xs">
                <Title order={2} size="h4">
                  {t('byMonth')}
                </Title>
                <Text size="sm">
                  {t('onTimeRate')}: <Rate rate={data.totals.onTimeRate} /> ({data.totals.onTime}/{data.totals.completed})
                </Text>
              </Group>
              <BarChart
                h={260}
                data={data.byMonth.map((row) => ({ month: showMonth(row.month), onTime: row.onTime, late: row.late }))}
                dataKey="month"
                type="stacked"
                series={[
                  { name: 'onTime', label: t('completedOnTime'), color: 'teal.7' },
                  { name: 'late', label: t('completedLate'), color: 'red.7' },
                ]}
                withLegend
                // The table below carries the same numbers for screen readers.
                barChartProps={{ accessibilityLayer: false }}
                aria-hidden
              />
            </Card>
            <Card withBorder>
              <Title order={2} size="h4" mb="xs">
                {t('byAgency')}
              </Title>
              {data.byAgency.length === 0 ? (
                <Text c="dimmed">{t('nothing')}</Text>
              ) : (
                <ScrollRegion label={t('byAgency')} minWidth={200 + data.months.length * 80}>
                  <Table striped withTableBorder verticalSpacing={4} data-testid="on-time-by-agency">
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th>{t('agency')}</Table.Th>
                        <Table.Th ta="right">{t('total')}</Table.Th>
                        {/* Newest month first: the latest are what a coordinator looks at, without scrolling. */}
                        {[...data.months].reverse().map((month) => (
                          <Table.Th key={month} ta="right">
                            {showMonth(month)}
                          </Table.Th>
                        ))}
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {[{ agencyId: '', nameVi: t('wholeArea'), nameEn: t('wholeArea'), totals: data.totals, byMonth: data.byMonth }, ...data.byAgency].map((row) => (
                        <Table.Tr key={row.agencyId || 'all'} data-agency={row.agencyId || 'all'}>
                          <Table.Td fw={row.agencyId ? undefined : 700}>{pick(lang, row.nameVi, row.nameEn)}</Table.Td>
                          <Table.Td ta="right" data-month="total" title={`${row.totals.onTime}/${row.totals.completed}`}>
                            <Rate rate={row.totals.onTimeRate} />
                          </Table.Td>
                          {[...row.byMonth].reverse().map((cell) => (
                            <Table.Td key={cell.month} ta="right" data-month={cell.month} title={`${cell.onTime}/${cell.completed}`}>
                              <Rate rate={cell.onTimeRate} />
                            </Table.Td>
                          ))}
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </ScrollRegion>
              )}
            </Card>
          </Stack>
        )}
      </QueryState>
      <DurationsTable query={query} />
    </Stack>
  );
}

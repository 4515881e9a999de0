import { Anchor, Card, Group, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api, unwrap } from '../api/client';
import { QueryState } from '../components/query-state';
import { DownloadButtons, FiguresTable, StandingBadge } from '../components/report-parts';
import { showDate, showInstant } from '../i18n/dates';
import { pick } from '../i18n/i18n';

/** The receiving unit's roll-up of one run: who reported, late or not at all, each correction with its reason, the totals. */
export function RollupScreen() {
  const { runId = '' } = useParams();
  const { t, i18n } = useTranslation();
  const rollup = useQuery({
    queryKey: ['rollup', runId],
    queryFn: () => unwrap(api.GET('/reporting/runs/{runId}/rollup', { params: { path: { runId } } })),
    refetchInterval: 30_000,
  });
  const lang = i18n.language;
  return (
    <QueryState query={rollup}>
      {(data) => {
        const labelOf = new Map(data.figureDefinitions.map((d) => [d.key, pick(lang, d.vi, d.en)]));
        const cards = [
          ['expected', data.counts.expected, 'gray'],
          ['submitted', data.counts.submitted, 'teal'],
          ['lateOrOverdue', data.counts.late, 'red'],
          ['missing', data.counts.missing, 'orange'],
        ] as const;
        return (
          <Stack>
            <div>
              <Title order={1} size="h2">
                {t('rollup')}: {pick(lang, data.titleVi, data.titleEn)} · {data.periodKey}
              </Title>
              <Text size="sm" c="dimmed">
                {data.receiver.nameVi} · {t('reportWindow', { from: showDate(data.window.from), to: showDate(data.window.to) })}
              </Text>
            </div>
            <DownloadButtons href={`/reporting/runs/${encodeURIComponent(data.runId)}/rollup`} />
            <SimpleGrid cols={{ base: 2, sm: 4 }}>
              {cards.map(([label, value, colour]) => (
                <Card key={label} withBorder padding="sm" data-count={label} style={{ borderTop: `4px solid var(--mantine-color-${colour}-6)` }}>
                  <Text size="sm">{t(label)}</Text>
                  <Text size="xl" fw={700}>
                    {value}
                  </Text>
                </Card>
              ))}
            </SimpleGrid>
            <Table.ScrollContainer minWidth={720}>
              <Table striped highlightOnHover withTableBorder>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('unit')}</Table.Th>
                    <Table.Th>{t('standing')}</Table.Th>
                    <Table.Th>{t('dueDate')}</Table.Th>
                    <Table.Th>{t('submittedAt')}</Table.Th>
                    <Table.Th ta="right">{t('escalations')}</Table.Th>
                    <Table.Th>{t('corrections')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.units.map((unit) => (
                    <Table.Tr key={unit.reportId} data-unit={unit.jurisdictionId}>
                      <Table.Td>
                        <Anchor component={Link} to={`/reports/${encodeURIComponent(unit.reportId)}`}>
                          {unit.name}
                        </Anchor>
                      </Table.Td>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>
                        <StandingBadge standing={unit.standing} />
                      </Table.Td>
                      <Table.Td>{showDate(unit.dueDate)}</Table.Td>
                      <Table.Td>{unit.submittedAt ? showInstant(unit.submittedAt) : '—'}</Table.Td>
                      <Table.Td ta="right">{unit.escalations}</Table.Td>
                      <Table.Td>
                        {unit.corrections.map((c) => (
                          <Text size="xs" key={c.key} data-correction={c.key}>
                            {labelOf.get(c.key) ?? c.key}: {c.computed} → <strong>{c.submitted}</strong> ({c.reason})
                          </Text>
                        ))}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
            <Group>
              <Title order={2} size="h4">
                {t('total')}
              </Title>
            </Group>
            <FiguresTable
              definitions={data.figureDefinitions}
              columns={[
                { label: t('totalsSubmitted'), values: data.totals },
                { label: t('totalsRecord'), values: data.recordTotals },
              ]}
            />
          </Stack>
        );
      }}
    </QueryState>
  );
}

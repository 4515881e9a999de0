import { Alert, Anchor, Badge, Button, Card, Group, NumberInput, Progress, SegmentedControl, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api, ApiProblem, idempotencyKey, networkProblem, unwrap, type Schemas } from '../api/client';
import { DueLabel } from '../components/due-label';
import { ProblemAlert } from '../components/problem-alert';
import { QueryState } from '../components/query-state';
import { SchemaForm } from '../components/schema-form';
import { SaveCancel } from '../components/save-cancel';
import { ScrollRegion } from '../components/scroll-region';
import { StatCard } from '../components/stat-card';
import { useChange } from '../components/use-change';
import { daysBetween, todayInVietnam } from '../i18n/dates';
import { enumLabel } from '../i18n/enum-labels';
import { pick } from '../i18n/i18n';
import { useProcedureLabels } from '../procedures/use-procedures';
import { useProvinceId } from '../session/session';

type Programme = 'HEALTHY_COMMUNE' | 'DRUG_FREE_COMMUNE';
type Rollup = Schemas['AssessmentRollup'];
type Criteria = Schemas['AssessmentCriteria'];

/** Opens the year's assessment for every commune without one, one request each, showing how far it got. */
function OpenForAll({ rollup, onDone }: { rollup: Rollup; onDone: () => void }) {
  const { t } = useTranslation();
  const missing = rollup.communes.filter((row) => row.caseRef === null);
  const [done, setDone] = useState<number>();
  const [problem, setProblem] = useState<ApiProblem>();
  if (missing.length === 0) return null;

  async function openAll() {
    setProblem(undefined);
    setDone(0);
    for (const [index, row] of missing.entries()) {
      try {
        const key = idempotencyKey();
        await unwrap(
          api.POST('/cases', {
            headers: { 'Idempotency-Key': key },
            params: { header: { 'Idempotency-Key': key } } as never,
            body: { procedure: 'COMMUNE_ASSESSMENT', jurisdictionId: row.jurisdictionId, programme: rollup.programme, year: rollup.year, openedOn: todayInVietnam() } as never,
          }),
        );
      } catch (error) {
        // Opened meanwhile by the commune or another coordinator: nothing to do for it.
        if (!(error instanceof ApiProblem && error.body.code === 'CASE.SUBJECT_HAS_CASE')) {
          setProblem(error instanceof ApiProblem ? error : networkProblem(error));
          break;
        }
      }
      setDone(index + 1);
    }
    onDone();
  }

  return (
    <Stack gap="xs" className="no-print">
      <Group>
        <Button onClick={() => void openAll()} loading={done !== undefined && done < missing.length && !problem} data-testid="open-all">
          {t('openAssessments', { count: missing.length })}
        </Button>
        {done !== undefined && <Text size="sm">{t('openingProgress', { done, total: missing.length })}</Text>}
      </Group>
      {done !== undefined && <Progress value={(done / missing.length) * 100} aria-label={t('openingProgress', { done, total: missing.length })} />}
      {problem && <ProblemAlert problem={problem} />}
    </Stack>
  );
}

function CommuneTable({ rollup }: { rollup: Rollup }) {
  const { t, i18n } = useTranslation();
  const labels = useProcedureLabels();
  const today = todayInVietnam();
  return (
    <ScrollRegion label={t('communes')} minWidth={720}>
      <Table striped highlightOnHover>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('unit')}</Table.Th>
            <Table.Th>{t('caseRef')}</Table.Th>
            <Table.Th>{t('phase')}</Table.Th>
            <Table.Th ta="right">{t('selfScore')}</Table.Th>
            <Table.Th ta="right">{t('councilScore')}</Table.Th>
            <Table.Th>{t('decided')}</Table.Th>
            <Table.Th>{t('dueDate')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rollup.communes.map((row) => (
            <Table.Tr key={row.jurisdictionId} data-commune={row.jurisdictionId}>
              <Table.Td>{pick(i18n.language, row.nameVi, row.nameEn)}</Table.Td>
              <Table.Td>
                {row.caseRef ? (
                  <Anchor component={Link} to={`/cases/${row.caseRef}`}>
                    {row.caseRef}
                  </Anchor>
                ) : (
                  <Text c="dimmed" size="sm">
                    {t('notOpened')}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>{row.phase ? labels.phase('COMMUNE_ASSESSMENT', row.phase) : '—'}</Table.Td>
              <Table.Td ta="right">{row.selfScore ?? '—'}</Table.Td>
              <Table.Td ta="right">
                {row.councilScore === null ? '—' : `${row.councilScore} / ${row.maxScore}`}
              </Table.Td>
              <Table.Td>
                {row.level ? (
                  <Badge color={row.level === 'NOT_RECOGNISED' ? 'red.8' : 'teal.2'} c={row.level === 'NOT_RECOGNISED' ? undefined : 'dark'}>
                    {enumLabel(row.level, i18n.language)}
                  </Badge>
                ) : (
                  '—'
                )}
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                {row.openStep ? <DueLabel daysLate={daysBetween(row.openStep.dueDate, today)} status="OPEN" dueAt={row.openStep.dueAt} /> : '—'}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </ScrollRegion>
  );
}

/** The set in force (the example marked as such) and the form for the province's next version, starting from it. */
function CriteriaCard({ criteria, provinceId, programme, year }: { criteria: Criteria; provinceId: string; programme: Programme; year: number }) {
  const { t, i18n } = useTranslation();
  const set = criteria.inForce;
  const [editing, setEditing] = useState(false);
  const [data, setData] = useState<Record<string, unknown>>(() => ({ criteria: set.criteria, levels: set.levels, source: set.example ? '' : set.source }));
  const { run, problem, busy } = useChange([['assessment-criteria']]);

  async function submit(body: Record<string, unknown>) {
    const saved = await run(() =>
      unwrap(api.POST('/assessment-criteria/{provinceId}/{programme}/{year}', { params: { path: { provinceId, programme, year } }, body: body as never })),
    );
    if (saved) setEditing(false);
  }

  return (
    <Card withBorder data-testid="criteria-card">
      <Title order={2} size="h4" mb="xs">
        {t('criteriaInForce')}
      </Title>
      {set.example && (
        <Alert color="yellow" mb="xs" title={t('exampleCriteria')} data-testid="example-criteria">
          {t('exampleCriteriaNote')}
        </Alert>
      )}
      <Text size="xs" c="dimmed">
        {t('criteriaSource')}: {set.source} · {t('criteriaVersion')} {set.version}
      </Text>
      <Table mt="xs">
        <Table.Tbody>
          {set.criteria.map((criterion) => (
            <Table.Tr key={criterion.code}>
              <Table.Td>
                <b>{criterion.code}</b> {pick(i18n.language, criterion.vi, criterion.en)}
                {criterion.required && ` (${t('requiredCriterion')})`}
              </Table.Td>
              <Table.Td ta="right">{criterion.maxScore}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Text size="sm" mt="xs">
        {t('levels')}: {set.levels.map((level) => `${pick(i18n.language, level.vi, level.en)} ≥ ${level.minScore}`).join(' · ')}
      </Text>
      {!editing && (
        <Group mt="sm" className="no-print">
          <Button variant="light" onClick={() => setEditing(true)} data-testid="enter-criteria">
            {t('enterCriteria')}
          </Button>
        </Group>
      )}
      {editing && (
        <SchemaForm schema={criteria.bodySchema} data={data} onChange={setData} onSubmit={(body) => void submit(body)} disabled={busy} idPrefix="criteria">
          <Stack mt="sm">
            {problem && <ProblemAlert problem={problem} />}
            <Text size="xs" c="dimmed">
              {t('openAssessmentsKeepCriteria')}
            </Text>
            <SaveCancel busy={busy} onCancel={() => setEditing(false)} />
          </Stack>
        </SchemaForm>
      )}
    </Card>
  );
}

/** The coordinator's view of a programme's year: every commune's assessment, the counts against the target, and the criteria. */
export function AssessmentsScreen() {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const provinceId = useProvinceId();
  const [params, setParams] = useSearchParams();
  const programme = (params.get('programme') === 'HEALTHY_COMMUNE' ? 'HEALTHY_COMMUNE' : 'DRUG_FREE_COMMUNE') as Programme;
  const year = Number(params.get('year')) || Number(todayInVietnam().slice(0, 4));
  const [yearText, setYearText] = useState(String(year));
  const choose = (next: { programme?: Programme; year?: number }) =>
    setParams({ programme: next.programme ?? programme, year: String(next.year ?? year) }, { replace: true });
  const query = { provinceId, programme, year };
  const rollup = useQuery({ queryKey: ['assessments', query], queryFn: () => unwrap(api.GET('/assessments', { params: { query } })) });
  const criteria = useQuery({ queryKey: ['assessment-criteria', query], queryFn: () => unwrap(api.GET('/assessment-criteria', { params: { query } })) });

  return (
    <Stack>
      <Title order={1} size="h2">
        {t('assessments')}
      </Title>
      <Group align="flex-end" className="no-print">
        <SegmentedControl
          aria-label={t('programmeShort')}
          value={programme}
          onChange={(value) => choose({ programme: value as Programme })}
          data={(['DRUG_FREE_COMMUNE', 'HEALTHY_COMMUNE'] as const).map((value) => ({ value, label: enumLabel(value, i18n.language) }))}
        />
        <NumberInput label={t('year')} value={yearText} onChange={(value) => setYearText(String(value))} min={2008} max={2100} w={120} />
        <Button variant="default" onClick={() => choose({ year: Number(yearText) })}>
          {t('find')}
        </Button>
      </Group>
      <QueryState query={rollup}>
        {(data) => (
          <Stack>
            <SimpleGrid cols={{ base: 2, sm: 3, lg: 6 }}>
              <StatCard label={t('communes')} value={data.counts.communes} />
              <StatCard label={t('notOpened')} value={data.counts.notOpened} testId="count-not-opened" />
              <StatCard label={t('inProgress')} value={data.counts.selfAssessment + data.counts.councilReview + data.counts.awaitingDecision} />
              <StatCard label={t('recognisedCount')} value={data.counts.recognised} testId="count-recognised" />
              <StatCard label={t('recognisedShare')} value={data.recognisedPercent === null ? '—' : `${data.recognisedPercent} %`} testId="recognised-percent" />
              <StatCard label={t('target')} value={data.target ? data.target.communes : '—'} />
            </SimpleGrid>
            {data.counts.late > 0 && (
              <Badge color="red.8" size="lg" data-testid="communes-late">
                {t('communesLate', { count: data.counts.late })}
              </Badge>
            )}
            <OpenForAll rollup={data} onDone={() => void client.invalidateQueries({ queryKey: ['assessments'] })} />
            <Card withBorder>
              <CommuneTable rollup={data} />
            </Card>
          </Stack>
        )}
      </QueryState>
      <QueryState query={criteria}>
        {(data) => <CriteriaCard key={`${programme}:${year}:${data.inForce.id}`} criteria={data} provinceId={provinceId} programme={programme} year={year} />}
      </QueryState>
    </Stack>
  );
}

import { Alert, Badge, Card, Group, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, unwrap, type Schemas } from '../api/client';
import { enumLabel } from '../i18n/enum-labels';
import { pick } from '../i18n/i18n';
import { unitLabel } from '../i18n/unit-label';
import { ScrollRegion } from './scroll-region';

type CasePage = Schemas['CasePage'];
export type CriteriaSet = Schemas['AssessmentCriteriaSet'];
type Scores = { criterion: string; score: number }[];

interface AssessmentFields {
  programme?: string;
  year?: number;
  criteriaSetId?: string;
  selfScore?: number;
  councilScore?: number;
  maxScore?: number;
  proposedLevel?: string;
  level?: string;
  decisionRef?: string;
}

export const ASSESSMENT = 'COMMUNE_ASSESSMENT';

/** The criteria set a commune's assessment was opened with (it never changes for that case). */
export function useAssessmentCriteria(page: CasePage | undefined) {
  const id = page?.procedure === ASSESSMENT ? (page.fields as AssessmentFields).criteriaSetId : undefined;
  return useQuery({
    queryKey: ['assessment-criteria-set', id],
    enabled: id !== undefined,
    staleTime: Infinity,
    queryFn: () => unwrap(api.GET('/assessment-criteria/sets/{id}', { params: { path: { id: id as string } } })),
  });
}

/** The scores of the last timeline entry of a kind (the commune's, or the council's). */
function scoresOf(page: CasePage, kind: string): Map<string, number> | undefined {
  const entry = [...page.timeline].reverse().find((event) => event.kind === kind);
  const scores = (entry?.details as { scores?: Scores } | null)?.scores;
  return scores ? new Map(scores.map((row) => [row.criterion, row.score])) : undefined;
}

/**
 * What each action form of an assessment starts from: one row per criterion of the case's set,
 * the council's starting from the commune's own scores, so nobody types criterion codes.
 */
export function assessmentPrefill(page: CasePage, set: CriteriaSet | undefined): Record<string, Record<string, unknown>> {
  if (!set) return {};
  const own = scoresOf(page, 'SELF_ASSESSMENT_SUBMITTED');
  const rows = (from?: Map<string, number>) => set.criteria.map((criterion) => ({ criterion: criterion.code, score: from?.get(criterion.code) ?? 0 }));
  return { SUBMIT_SELF_ASSESSMENT: { scores: rows() }, RECORD_COUNCIL_SCORES: { scores: rows(own) } };
}

/** In place of the person: the commune assessed, the criteria with both scorings, and the outcome. */
export function AssessmentCard({ page, set }: { page: CasePage; set: CriteriaSet | undefined }) {
  const { t, i18n } = useTranslation();
  const fields = page.fields as AssessmentFields;
  const own = scoresOf(page, 'SELF_ASSESSMENT_SUBMITTED');
  const council = scoresOf(page, 'COUNCIL_SCORED');
  const show = (scores: Map<string, number> | undefined, code: string) => (scores?.has(code) ? String(scores.get(code)) : '—');
  return (
    <Card withBorder data-testid="assessment-card">
      <Title order={2} size="h4" mb="xs">
        {enumLabel(fields.programme ?? '', i18n.language)} · {fields.year}
      </Title>
      <Text size="sm">
        {t('assessedCommune')}: {unitLabel(i18n.language, page.jurisdictionId, page.jurisdictionName)}
      </Text>
      {set?.example && (
        <Alert color="yellow" mt="xs" data-testid="example-criteria" title={t('exampleCriteria')}>
          {t('exampleCriteriaNote')}
        </Alert>
      )}
      {set && (
        <>
          <Text size="xs" c="dimmed" mt="xs">
            {t('criteriaSource')}: {set.source} · {t('criteriaVersion')} {set.version}
          </Text>
          <ScrollRegion label={t('criteria')} minWidth={420}>
            <Table mt="xs" striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('criterion')}</Table.Th>
                  <Table.Th ta="right">{t('maxScore')}</Table.Th>
                  <Table.Th ta="right">{t('selfScore')}</Table.Th>
                  <Table.Th ta="right">{t('councilScore')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {set.criteria.map((criterion) => (
                  <Table.Tr key={criterion.code} data-criterion={criterion.code}>
                    <Table.Td>
                      <Text size="sm">
                        <b>{criterion.code}</b> {pick(i18n.language, criterion.vi, criterion.en)}
                      </Text>
                      {criterion.required && (
                        <Badge size="xs" color="orange.2" c="dark">
                          {t('requiredCriterion')}
                        </Badge>
                      )}
                    </Table.Td>
                    <Table.Td ta="right">{criterion.maxScore}</Table.Td>
                    <Table.Td ta="right">{show(own, criterion.code)}</Table.Td>
                    <Table.Td ta="right">{show(council, criterion.code)}</Table.Td>
                  </Table.Tr>
                ))}
                <Table.Tr>
                  <Table.Td fw={600}>{t('total')}</Table.Td>
                  <Table.Td ta="right" fw={600}>
                    {fields.maxScore}
                  </Table.Td>
                  <Table.Td ta="right" fw={600} data-testid="self-total">
                    {fields.selfScore ?? '—'}
                  </Table.Td>
                  <Table.Td ta="right" fw={600} data-testid="council-total">
                    {fields.councilScore ?? '—'}
                  </Table.Td>
                </Table.Tr>
              </Table.Tbody>
            </Table>
          </ScrollRegion>
          <Text size="sm" mt="xs">
            {t('levels')}:{' '}
            {set.levels.map((level) => `${pick(i18n.language, level.vi, level.en)} ≥ ${level.minScore}`).join(' · ')}
            {set.criteria.some((criterion) => criterion.required) ? ` (${t('requiredMet')})` : ''}
          </Text>
        </>
      )}
      <Group gap="xs" mt="xs">
        {fields.proposedLevel && (
          <Badge color="gray.3" c="dark">
            {t('councilProposes')}: {enumLabel(fields.proposedLevel, i18n.language)}
          </Badge>
        )}
        {fields.level && (
          <Badge color={fields.level === 'NOT_RECOGNISED' ? 'red.8' : 'teal.2'} c={fields.level === 'NOT_RECOGNISED' ? undefined : 'dark'} data-testid="assessment-level">
            {t('decided')}: {enumLabel(fields.level, i18n.language)} {fields.decisionRef ? `(${fields.decisionRef})` : ''}
          </Badge>
        )}
      </Group>
    </Card>
  );
}

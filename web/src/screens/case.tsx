import { Anchor, Badge, Button, Card, Grid, Group, Stack, Table, Text, Timeline, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api, unwrap, type Schemas } from '../api/client';
import { ActionPanel } from '../components/action-panel';
import { AssessmentCard, assessmentPrefill, useAssessmentCriteria } from '../components/assessment-card';
import { DocumentsCard } from '../components/documents-card';
import { INSPECTION, InspectionCard } from '../components/inspection-card';
import { MoveCaseCard } from '../components/move-case-card';
import { QueryState } from '../components/query-state';
import { daysBetween, showDate, showInstant, todayInVietnam } from '../i18n/dates';
import { enumLabel } from '../i18n/enum-labels';
import { pick } from '../i18n/i18n';
import { unitLabel } from '../i18n/unit-label';
import { useProcedure, useProcedureLabels } from '../procedures/use-procedures';

export type CasePage = Schemas['CasePage'];

function PersonCard({ person }: { person: NonNullable<CasePage['person']> }) {
  const { t } = useTranslation();
  return (
    <Card withBorder>
      <Title order={2} size="h4" mb="xs">
        {t('person')}
      </Title>
      <Text fw={600} data-testid="person-name">
        {person.fullName}
      </Text>
      <Text size="sm">
        {t('birthDate')}: {showDate(person.birthDate)}
      </Text>
      {person.citizenId && (
        <Text size="sm">
          {t('citizenId')}: {person.citizenId}
        </Text>
      )}
      {person.otherIdentification && (
        <Text size="sm">
          {t('otherIdentification')}: {person.otherIdentification}
        </Text>
      )}
      <Text size="sm">
        {t('residence')}: {person.residenceAddress ?? person.residenceJurisdictionId}
      </Text>
      <Anchor component={Link} to={`/persons/${person.id}`} size="sm" className="no-print">
        {t('personPage')}
      </Anchor>
    </Card>
  );
}

function OpenSteps({ page }: { page: CasePage }) {
  const { t, i18n } = useTranslation();
  const today = todayInVietnam();
  return (
    <Card withBorder>
      <Title order={2} size="h4" mb="xs">
        {t('openSteps')}
      </Title>
      {page.openSteps.length === 0 && <Text c="dimmed">{t('nothing')}</Text>}
      <Stack gap="xs">
        {page.openSteps.map((step) => {
          const late = daysBetween(step.dueDate, today);
          const why = step.explanation as { summaryVi?: string; summaryEn?: string } | null;
          return (
            <div key={step.stepKey} data-open-step={step.ruleKey}>
              <Group gap="xs">
                <Text fw={600}>{pick(i18n.language, step.titleVi, step.titleEn)}</Text>
                <Badge color={step.status === 'SUSPENDED' ? 'gray.3' : late > 0 ? 'red.8' : 'teal.2'}>
                  {step.status === 'SUSPENDED' ? t('bucket_suspended') : late > 0 ? t('daysLate', { count: late }) : late === 0 ? t('dueToday') : t('daysLeft', { count: -late })}
                </Badge>
              </Group>
              <Text size="sm">
                {t('dueDate')}: {showDate(step.dueDate)}
                {step.statutoryDueDate ? ` · ${t('statutoryLimit')}: ${showDate(step.statutoryDueDate)}` : ''}
              </Text>
              {why?.summaryVi && (
                <Text size="xs" c="dimmed">
                  {t('whyThisDate')}: {pick(i18n.language, why.summaryVi, why.summaryEn ?? why.summaryVi)}
                </Text>
              )}
            </div>
          );
        })}
      </Stack>
    </Card>
  );
}

function CaseTimeline({ page }: { page: CasePage }) {
  const { t, i18n } = useTranslation();
  return (
    <Card withBorder>
      <Title order={2} size="h4" mb="xs">
        {t('timeline')}
      </Title>
      <Timeline bulletSize={14} lineWidth={2} active={page.timeline.length}>
        {page.timeline.map((event) => (
          <Timeline.Item key={event.seq} title={enumLabel(event.kind, i18n.language)} data-event={event.kind}>
            <Text size="sm">
              {showDate(event.on)} · {event.actor ? `${t('by')} ${event.actor.name ?? event.actor.userId}` : t('system')}
            </Text>
            <Text size="xs" c="dimmed">
              {showInstant(event.recordedAt)}
            </Text>
          </Timeline.Item>
        ))}
      </Timeline>
    </Card>
  );
}

/** The case page: who, where it stands, what is due, what happened, its papers, and what I may do now. */
export function CaseScreen() {
  const { caseRef = '' } = useParams();
  const { t, i18n } = useTranslation();
  const casePage = useQuery({
    queryKey: ['case', caseRef],
    queryFn: () => unwrap(api.GET('/cases/{caseRef}', { params: { path: { caseRef } } })),
  });
  const procedure = useProcedure(casePage.data?.procedure);
  const labels = useProcedureLabels();
  const criteria = useAssessmentCriteria(casePage.data);
  return (
    <QueryState query={casePage}>
      {(page) => {
        const phase = procedure?.phases.find((p) => p.code === page.phase);
        return (
          <Stack>
            <Group justify="space-between">
              <div>
                <Title order={1} size="h2" data-testid="case-ref">
                  {page.caseRef}
                </Title>
                <Text>{procedure ? pick(i18n.language, procedure.titleVi, procedure.titleEn) : page.procedure}</Text>
                <Text size="sm" c="dimmed" data-testid="case-held-by">
                  {unitLabel(i18n.language, page.jurisdictionId, page.jurisdictionName)}
                </Text>
              </div>
              <Group className="no-print">
                <Badge size="lg" data-testid="case-phase" data-phase={page.phase}>
                  {t('phase')}: {phase ? pick(i18n.language, phase.vi, phase.en) : page.phase}
                </Badge>
                <Badge size="lg" color={page.status === 'OPEN' ? 'teal.2' : 'gray.3'}>
                  {t(`status_${page.status}`)}
                </Badge>
                <Button variant="default" size="xs" onClick={() => window.print()}>
                  {t('print')}
                </Button>
              </Group>
            </Group>
            <Grid>
              <Grid.Col span={{ base: 12, md: 7 }}>
                <Stack>
                  {page.person ? (
                    <PersonCard person={page.person} />
                  ) : page.procedure === INSPECTION ? (
                    <InspectionCard page={page} />
                  ) : (
                    <AssessmentCard page={page} set={criteria.data} />
                  )}
                  <OpenSteps page={page} />
                  <ActionPanel page={page} procedure={procedure} prefill={assessmentPrefill(page, criteria.data)} />
                  <MoveCaseCard page={page} />
                </Stack>
              </Grid.Col>
              <Grid.Col span={{ base: 12, md: 5 }}>
                <Stack>
                  {(page.parentCaseRef || page.followUps.length > 0) && (
                    <Card withBorder>
                      {page.parentCaseRef && (
                        <Text size="sm">
                          {t('parentCase')}:{' '}
                          <Anchor component={Link} to={`/cases/${page.parentCaseRef}`}>
                            {page.parentCaseRef}
                          </Anchor>
                        </Text>
                      )}
                      {page.followUps.length > 0 && (
                        <Table>
                          <Table.Caption>{t('followUps')}</Table.Caption>
                          <Table.Tbody>
                            {page.followUps.map((followUp) => (
                              <Table.Tr key={followUp.caseRef}>
                                <Table.Td>
                                  <Anchor component={Link} to={`/cases/${followUp.caseRef}`}>
                                    {followUp.caseRef}
                                  </Anchor>
                                </Table.Td>
                                <Table.Td>{labels.procedure(followUp.procedure)}</Table.Td>
                                <Table.Td>{labels.phase(followUp.procedure, followUp.phase)}</Table.Td>
                              </Table.Tr>
                            ))}
                          </Table.Tbody>
                        </Table>
                      )}
                    </Card>
                  )}
                  <CaseTimeline page={page} />
                  <DocumentsCard page={page} />
                </Stack>
              </Grid.Col>
            </Grid>
          </Stack>
        );
      }}
    </QueryState>
  );
}

import { Badge, Button, Card, Checkbox, Group, NumberInput, Select, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api, ApiProblem, unwrap, type Schemas } from '../api/client';
import { ProblemAlert } from '../components/problem-alert';
import { QueryState } from '../components/query-state';
import { SchemaForm } from '../components/schema-form';
import { SaveCancel } from '../components/save-cancel';
import { ScrollRegion } from '../components/scroll-region';
import { StatCard } from '../components/stat-card';
import { useChange } from '../components/use-change';
import { todayInVietnam } from '../i18n/dates';
import { enumLabel } from '../i18n/enum-labels';
import { pick } from '../i18n/i18n';
import { useHasRole, usePrincipal } from '../session/session';

type Establishment = Schemas['Establishment'];
type Plan = Schemas['InspectionPlan'];

/** The team's targets and the establishments its plan names, edited in place and saved together. */
function PlanCard({ teamAgencyId, year, plan, establishments }: { teamAgencyId: string; year: number; plan: Plan | null; establishments: Establishment[] }) {
  const { t, i18n } = useTranslation();
  const [coverage, setCoverage] = useState<number>(plan?.coverageTargetPercent ?? 60);
  const [surprise, setSurprise] = useState<number>(plan?.surpriseTarget ?? 0);
  const [chosen, setChosen] = useState(() => new Set(plan?.establishmentIds ?? []));
  const { run, problem, busy } = useChange([['inspection-plan']]);
  const inspected = new Set(plan?.coverage.inspectedIds ?? []);

  const save = () =>
    run(() =>
      unwrap(
        api.PUT('/inspection-plans/{teamAgencyId}/{year}', {
          params: { path: { teamAgencyId, year } },
          body: { coverageTargetPercent: coverage, surpriseTarget: surprise, establishmentIds: [...chosen] },
        }),
      ),
    );

  const toggle = (id: string) =>
    setChosen((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  return (
    <Card withBorder data-testid="plan-card">
      <Title order={2} size="h4" mb="xs">
        {t('plan')} {year}
      </Title>
      {plan ? (
        <SimpleGrid cols={{ base: 2, md: 5 }} mb="sm">
          <StatCard label={t('inspections')} value={plan.coverage.inspections} />
          <StatCard label={t('surpriseInspections')} value={`${plan.coverage.surpriseInspections} / ${plan.surpriseTarget}`} met={plan.coverage.surpriseTargetMet} testId="surprise-count" />
          <StatCard
            label={t('areaCoverage')}
            value={plan.coverage.areaCoveragePercent === null ? '—' : `${plan.coverage.areaCoveragePercent} %`}
            met={plan.coverage.coverageTargetMet}
            testId="area-coverage"
          />
          <StatCard label={t('planCoverage')} value={`${plan.coverage.plannedInspected} / ${plan.coverage.planned}`} testId="plan-coverage" />
          <StatCard label={t('sanctionsLate')} value={plan.coverage.sanctionsLate} />
        </SimpleGrid>
      ) : (
        <Text c="dimmed" mb="sm">
          {t('noPlan')}
        </Text>
      )}
      <Group align="flex-end" mb="sm" className="no-print">
        <NumberInput label={t('coverageTarget')} value={coverage} onChange={(value) => setCoverage(Number(value) || 0)} min={0} max={100} w={260} />
        <NumberInput label={t('surpriseTarget')} value={surprise} onChange={(value) => setSurprise(Number(value) || 0)} min={0} w={260} />
      </Group>
      <ScrollRegion label={t('establishments')} minWidth={680}>
        <Table striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('inPlan')}</Table.Th>
              <Table.Th>{t('establishment')}</Table.Th>
              <Table.Th>{t('unit')}</Table.Th>
              <Table.Th>{t('kind')}</Table.Th>
              <Table.Th>{t('inspectedThisYear')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {establishments.map((row) => (
              <Table.Tr key={row.id} data-establishment={row.id}>
                <Table.Td>
                  <Checkbox aria-label={`${t('inPlan')}: ${row.name}`} checked={chosen.has(row.id)} onChange={() => toggle(row.id)} />
                </Table.Td>
                <Table.Td>
                  <Text size="sm" fw={600}>
                    {row.name}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {row.address} · {row.ownerBusiness}
                  </Text>
                  <Group gap={4}>
                    <Badge size="xs" color={row.risk === 'HIGH' ? 'red.1' : 'gray.2'} c="dark">
                      {enumLabel(row.risk, i18n.language)}
                    </Badge>
                    {row.complex && (
                      <Badge size="xs" color="orange.2" c="dark">
                        {t('complexEstablishment')}
                      </Badge>
                    )}
                  </Group>
                </Table.Td>
                <Table.Td>{row.jurisdictionId}</Table.Td>
                <Table.Td>{enumLabel(row.kind, i18n.language)}</Table.Td>
                <Table.Td>{inspected.has(row.id) ? '✓' : ''}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollRegion>
      {problem && <ProblemAlert problem={problem} />}
      <Group mt="sm" className="no-print">
        <Button onClick={() => void save()} loading={busy} data-testid="save-plan">
          {t('savePlan')}
        </Button>
      </Group>
    </Card>
  );
}

/** A new establishment for the register, its form drawn from the API's JSON Schema. */
function AddEstablishment({ schema }: { schema: Record<string, unknown> }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [data, setData] = useState<Record<string, unknown>>({ complex: false });
  const { run, problem, busy } = useChange([['establishments']]);

  async function submit(body: Record<string, unknown>) {
    const created = await run(() => unwrap(api.POST('/establishments', { body: body as never })));
    if (!created) return;
    setData({ complex: false });
    setOpen(false);
  }

  if (!open)
    return (
      <Group className="no-print">
        <Button variant="light" onClick={() => setOpen(true)} data-testid="add-establishment">
          {t('addEstablishment')}
        </Button>
      </Group>
    );
  return (
    <Card withBorder maw={760} data-testid="establishment-form">
      <Title order={2} size="h4" mb="xs">
        {t('addEstablishment')}
      </Title>
      <SchemaForm schema={schema} data={data} onChange={setData} onSubmit={(body) => void submit(body)} disabled={busy} idPrefix="establishment">
        <Stack mt="sm">
          {problem && <ProblemAlert problem={problem} />}
          <SaveCancel busy={busy} onCancel={() => setOpen(false)} />
        </Stack>
      </SchemaForm>
    </Card>
  );
}

/** Team 178: the register of its area, its plan for the year with the coverage so far, and where to record an inspection. */
export function Team178Screen() {
  const { t, i18n } = useTranslation();
  const principal = usePrincipal();
  const isMember = useHasRole('TEAM_178_MEMBER');
  const [params, setParams] = useSearchParams();
  const year = Number(params.get('year')) || Number(todayInVietnam().slice(0, 4));
  const teams = useQuery({
    queryKey: ['teams-178'],
    enabled: !isMember,
    queryFn: () => unwrap(api.GET('/registry/agencies', { params: { query: { kind: 'INSPECTION_TEAM_178' } } })),
  });
  const teamAgencyId = isMember ? principal.agencyId : (params.get('team') ?? teams.data?.items[0]?.id);
  const team = useQuery({
    queryKey: ['agency', teamAgencyId],
    enabled: teamAgencyId !== undefined,
    queryFn: () => unwrap(api.GET('/registry/agencies/{id}', { params: { path: { id: teamAgencyId as string } } })),
  });
  const establishments = useQuery({
    queryKey: ['establishments', team.data?.jurisdictionId],
    enabled: team.data !== undefined,
    queryFn: () => unwrap(api.GET('/establishments', { params: { query: { jurisdictionId: team.data?.jurisdictionId, active: 'true' } } })),
  });
  const plan = useQuery({
    queryKey: ['inspection-plan', teamAgencyId, year],
    enabled: teamAgencyId !== undefined,
    queryFn: async () => {
      try {
        return await unwrap(api.GET('/inspection-plans/{teamAgencyId}/{year}', { params: { path: { teamAgencyId: teamAgencyId as string, year } } }));
      } catch (error) {
        // No plan yet for the year: the card offers to make one.
        if (error instanceof ApiProblem && error.status === 404) return null;
        throw error;
      }
    },
  });

  return (
    <Stack>
      <Title order={1} size="h2">
        {t('team178')}
      </Title>
      <Group align="flex-end" className="no-print">
        {!isMember && (
          <Select
            label={t('team')}
            value={teamAgencyId ?? null}
            onChange={(value) => value && setParams({ team: value, year: String(year) })}
            data={(teams.data?.items ?? []).map((item) => ({ value: item.id, label: pick(i18n.language, item.nameVi, item.nameEn) }))}
            w={360}
          />
        )}
        <NumberInput label={t('year')} value={year} onChange={(value) => setParams({ ...(teamAgencyId && !isMember ? { team: teamAgencyId } : {}), year: String(value) })} min={2004} max={2100} w={120} />
        {isMember && (
          <Button component={Link} to="/cases/new?procedure=INSPECTION_178" data-testid="record-inspection">
            {t('recordInspection')}
          </Button>
        )}
      </Group>
      {team.data && <Text>{pick(i18n.language, team.data.nameVi, team.data.nameEn)}</Text>}
      <QueryState query={establishments}>
        {(list) => (
          <Stack>
            <QueryState query={plan}>
              {(found) => <PlanCard key={`${teamAgencyId}:${year}:${found?.updatedAt ?? 'none'}:${list.items.length}`} teamAgencyId={teamAgencyId as string} year={year} plan={found} establishments={list.items} />}
            </QueryState>
            <AddEstablishment schema={list.bodySchema} />
          </Stack>
        )}
      </QueryState>
    </Stack>
  );
}

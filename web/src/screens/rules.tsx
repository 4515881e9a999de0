import { Anchor, Badge, Button, Card, Checkbox, Group, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api, ApiProblem, networkProblem, unwrap, type Schemas } from '../api/client';
import { LegalDateInput } from '../components/legal-date-input';
import { ProblemAlert } from '../components/problem-alert';
import { QueryState } from '../components/query-state';
import { SchemaForm } from '../components/schema-form';
import { showDate, todayInVietnam } from '../i18n/dates';
import { pick } from '../i18n/i18n';
import { budgetText, offsetText, reminderText, responsibleText } from '../procedures/rule-text';
import { useProcedures } from '../procedures/use-procedures';
import { useHasRole, useProvinceId } from '../session/session';

type RuleVersion = Schemas['RuleBook']['items'][number]['versions'][number];

/** The province a user works in: the first unit of their jurisdiction's path ("/SX/SX-LV/…"). */
const useRuleBook = () => useQuery({ queryKey: ['rules'], queryFn: () => unwrap(api.GET('/rules')), staleTime: 5 * 60_000 });

function inForce(versions: readonly RuleVersion[], today: string): RuleVersion | undefined {
  return versions.find((v) => v.effectiveFrom <= today && (!v.effectiveTo || today <= v.effectiveTo)) ?? versions.at(-1);
}

function Confidence({ value }: { value: 'CONFIRMED' | 'UNCONFIRMED' }) {
  const { t } = useTranslation();
  return value === 'CONFIRMED' ? (
    <Badge color="teal.9" variant="outline">
      {t('confirmed')}
    </Badge>
  ) : (
    <Badge color="yellow" c="dark">
      {t('unconfirmed')}
    </Badge>
  );
}

/** Quy tắc thời hạn: every step's deadline rule, grouped by procedure, with its source and confidence. */
export function RulesScreen() {
  const { t, i18n } = useTranslation();
  const rules = useRuleBook();
  const procedures = useProcedures();
  const provinceId = useProvinceId();
  const overrides = useQuery({
    queryKey: ['rule-overrides', provinceId],
    queryFn: () => unwrap(api.GET('/rules/overrides', { params: { query: { provinceId } } })),
  });
  const overridden = new Set((overrides.data?.items ?? []).map((o) => o.ruleKey));
  const today = todayInVietnam();
  const lang = i18n.language;
  const titleOf = (code: string) => {
    const procedure = procedures.data?.find((p) => p.code === code);
    return procedure ? pick(lang, procedure.titleVi, procedure.titleEn) : code === 'REPORTING' ? t('reports') : code;
  };
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1} size="h2">
          {t('rules')}
        </Title>
        <Anchor component={Link} to="/calendar">
          {t('calendar')}
        </Anchor>
      </Group>
      <QueryState query={rules}>
        {(data) => {
          const byProcedure = new Map<string, typeof data.items>();
          for (const rule of data.items) byProcedure.set(rule.procedure, [...(byProcedure.get(rule.procedure) ?? []), rule]);
          return [...byProcedure.entries()].map(([code, items]) => (
            <Card withBorder key={code} data-procedure={code}>
              <Title order={2} size="h4" mb="xs">
                {titleOf(code)}
              </Title>
              <Table.ScrollContainer minWidth={720}>
                <Table striped verticalSpacing={4}>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('rule')}</Table.Th>
                      <Table.Th miw={150}>{t('budget')}</Table.Th>
                      <Table.Th>{t('source')}</Table.Th>
                      <Table.Th>{t('confidence')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {items.map((rule) => {
                      const version = inForce(rule.versions, today);
                      return (
                        <Table.Tr key={rule.key} data-rule={rule.key}>
                          <Table.Td>
                            <Anchor component={Link} to={`/rules/${encodeURIComponent(rule.key)}`} size="sm">
                              {pick(lang, rule.titleVi, rule.titleEn)}
                            </Anchor>
                            <Text size="xs" c="dimmed">
                              {rule.key}
                            </Text>
                          </Table.Td>
                          <Table.Td>
                            <Text size="sm">{version ? budgetText(version.budget, t) : '—'}</Text>
                            {overridden.has(rule.key) && (
                              <Badge size="xs" color="indigo.8" data-overridden="yes">
                                {t('provinceOverride')}
                              </Badge>
                            )}
                          </Table.Td>
                          <Table.Td>
                            <Text size="xs">
                              {version?.source.document}
                              {version?.source.article ? `, ${version.source.article}` : ''}
                            </Text>
                          </Table.Td>
                          <Table.Td style={{ whiteSpace: 'nowrap' }}>{version && <Confidence value={version.confidence} />}</Table.Td>
                        </Table.Tr>
                      );
                    })}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            </Card>
          ));
        }}
      </QueryState>
    </Stack>
  );
}

function VersionCard({ version, heading }: { version: Schemas['EffectiveRule'] | RuleVersion; heading: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  return (
    <Card withBorder padding="sm">
      <Group gap="xs" mb={4}>
        <Text fw={600}>{heading}</Text>
        <Confidence value={version.confidence} />
      </Group>
      <Stack gap={2}>
        <Text size="sm">
          {t('budget')}: <strong>{budgetText(version.budget, t)}</strong> · {t('startEvent')}: {pick(lang, version.startEvent.nameVi, version.startEvent.nameEn)}
        </Text>
        <Text size="sm">
          {t('responsible')}: {responsibleText(version.responsible, lang)}
        </Text>
        <Text size="sm">
          {t('reminders')}: {version.reminders.length === 0 ? '—' : version.reminders.map((r) => reminderText(r, t)).join('; ')}
        </Text>
        <Text size="sm">
          {t('escalationLadder')}:{' '}
          {version.escalations.length === 0 ? '—' : version.escalations.map((rung) => t('afterDue', { offset: offsetText(rung.after, t), to: responsibleText(rung.to, lang) })).join('; ')}
        </Text>
        <Text size="xs">
          {t('source')}: {version.source.document}
          {version.source.article ? `, ${version.source.article}` : ''}
        </Text>
        {(version.noteVi || version.noteEn) && (
          <Text size="xs" c="dimmed">
            {t('note')}: {pick(lang, version.noteVi ?? '', version.noteEn ?? version.noteVi ?? '')}
          </Text>
        )}
      </Stack>
    </Card>
  );
}

/** The override form: the parameters drawn from the rule book's JSON Schema, a date from which it applies, a reason. */
function OverrideForm({ ruleKey, provinceId, schema, current }: { ruleKey: string; provinceId: string; schema: Record<string, unknown>; current: Schemas['EffectiveRule'] }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const confirmed = current.confidence === 'CONFIRMED';
  // The form starts from what applies today: a province changes one reminder without retyping the ladder.
  const [parameters, setParameters] = useState<Record<string, unknown>>(() => ({ reminders: current.reminders, escalations: current.escalations, budget: current.budget }));
  const [effectiveFrom, setEffectiveFrom] = useState(todayInVietnam());
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<ApiProblem>();
  const [busy, setBusy] = useState(false);
  const [changeLimit, setChangeLimit] = useState(false);
  // Reminders and the ladder are a province's to set; the time limit only where the law left it unconfirmed.
  // (The responsible agency stays with the API: a change of who acts is rare and needs more than a form.)
  const offered = ['reminders', 'escalations', ...(changeLimit && !confirmed ? ['budget'] : [])];
  const properties = (schema.properties ?? {}) as Record<string, unknown>;
  const formSchema = { ...schema, properties: Object.fromEntries(offered.flatMap((name) => (properties[name] ? [[name, properties[name]]] : []))) };

  async function submit(values: Record<string, unknown>) {
    setBusy(true);
    setProblem(undefined);
    try {
      await unwrap(
        api.PUT('/rules/{key}/overrides', {
          params: { path: { key: ruleKey } },
          body: { provinceId, effectiveFrom, reason, parameters: Object.fromEntries(offered.flatMap((name) => (name in values ? [[name, values[name]]] : []))) as never },
        }),
      );
      notifications.show({ color: 'teal', message: t('saved'), closeButtonProps: { 'aria-label': t('close') } });
      await Promise.all([client.invalidateQueries({ queryKey: ['rule-overrides'] }), client.invalidateQueries({ queryKey: ['rule-effective', ruleKey] })]);
    } catch (error) {
      setProblem(error instanceof ApiProblem ? error : networkProblem(error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card withBorder data-override-form={ruleKey}>
      <Title order={2} size="h4" mb="xs">
        {t('setOverride')}
      </Title>
      {confirmed ? (
        <Text size="sm" mb="xs">
          {t('confirmedLimitHint')}
        </Text>
      ) : (
        <Checkbox mb="xs" label={t('changeLimit')} checked={changeLimit} onChange={(event) => setChangeLimit(event.currentTarget.checked)} />
      )}
      <Group align="flex-start" mb="xs">
        <LegalDateInput label={t('effectiveFrom')} value={effectiveFrom} onChange={(value) => setEffectiveFrom(value ?? '')} required w={180} />
        <TextInput label={t('reason')} required value={reason} onChange={(e) => setReason(e.currentTarget.value)} style={{ flex: 1 }} miw={240} />
      </Group>
      <SchemaForm key={offered.join()} schema={formSchema} data={parameters} onChange={setParameters} onSubmit={(values) => void submit(values)} disabled={busy} idPrefix={`override-${ruleKey}`}>
        <Stack mt="sm">
          {problem && <ProblemAlert problem={problem} />}
          <Text size="xs" c="dimmed">
            {t('openStepsKeepDates')}
          </Text>
          <Group>
            <Button type="submit" loading={busy}>
              {t('save')}
            </Button>
          </Group>
        </Stack>
      </SchemaForm>
    </Card>
  );
}

/** One rule: its versions over time, what applies in my province today (with the override), and the override form. */
export function RuleScreen() {
  const { key = '' } = useParams();
  const { t, i18n } = useTranslation();
  const provinceId = useProvinceId();
  const mayOverride = useHasRole('PROVINCIAL_COORDINATOR', 'SYSTEM_ADMIN');
  const rules = useRuleBook();
  const effective = useQuery({
    queryKey: ['rule-effective', key, provinceId],
    queryFn: () => unwrap(api.GET('/rules/{key}/effective', { params: { path: { key }, query: { provinceId } } })),
  });
  const overrides = useQuery({
    queryKey: ['rule-overrides', provinceId],
    queryFn: () => unwrap(api.GET('/rules/overrides', { params: { query: { provinceId } } })),
  });
  const lang = i18n.language;
  return (
    <QueryState query={rules}>
      {(book) => {
        const rule = book.items.find((item) => item.key === key);
        if (!rule) return <Text>{t('notFound')}</Text>;
        const mine = (overrides.data?.items ?? []).filter((o) => o.ruleKey === key);
        return (
          <Stack>
            <div>
              <Title order={1} size="h2">
                {pick(lang, rule.titleVi, rule.titleEn)}
              </Title>
              <Text size="sm" c="dimmed">
                {rule.key} · {rule.procedure}
              </Text>
            </div>
            <QueryState query={effective}>
              {(data) => (
                <Stack gap="xs" data-testid="rule-effective">
                  <VersionCard version={data} heading={t('inYourProvinceToday')} />
                  {data.override && (
                    <Text size="sm">
                      {t('provinceOverride')} ({showDate(data.override.effectiveFrom)}): {data.override.reason}
                    </Text>
                  )}
                </Stack>
              )}
            </QueryState>
            {mine.length > 0 && (
              <Card withBorder>
                <Title order={2} size="h4" mb="xs">
                  {t('overrides')}
                </Title>
                {mine.map((o) => (
                  <Text size="sm" key={o.effectiveFrom} data-override={o.effectiveFrom}>
                    {t('effectiveFrom')} {showDate(o.effectiveFrom)}: {Object.keys(o.parameters).join(', ')} · {o.reason}
                  </Text>
                ))}
              </Card>
            )}
            <Title order={2} size="h3">
              {t('versionsOfRule')}
            </Title>
            {[...rule.versions].reverse().map((version) => (
              <VersionCard
                key={version.effectiveFrom}
                version={version}
                heading={`${t('effectiveFrom')} ${showDate(version.effectiveFrom)}${version.effectiveTo ? ` ${t('effectiveTo')} ${showDate(version.effectiveTo)}` : ''}`}
              />
            ))}
            {mayOverride && effective.data && <OverrideForm ruleKey={rule.key} provinceId={provinceId} schema={book.overrideParametersSchema} current={effective.data} />}
          </Stack>
        );
      }}
    </QueryState>
  );
}

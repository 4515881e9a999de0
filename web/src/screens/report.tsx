import { Badge, Button, Card, Group, NumberInput, Stack, Table, Text, Textarea, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { api, ApiProblem, idempotencyKey, networkProblem, unwrap, type Schemas } from '../api/client';
import type { paths } from '../api/openapi';
import { ProblemAlert } from '../components/problem-alert';
import { QueryState } from '../components/query-state';
import { DownloadButtons, FiguresTable, StandingBadge } from '../components/report-parts';
import { showDate, showInstant } from '../i18n/dates';
import { pick } from '../i18n/i18n';
import { usePrincipal } from '../session/session';

type Report = Schemas['Report'];
type Submission = NonNullable<paths['/reports/{reportId}/versions']['post']['requestBody']>['content']['application/json']['corrections'] extends (infer C)[] | undefined ? C : never;
type Line = { value: number | ''; reason: string };

const MIN_REASON = 5;

/** The form starts from the latest version (its values and reasons), or from the record before any. */
function initialLines(report: Report): Record<string, Line> {
  const latest = report.versions.at(-1);
  const reasonOf = new Map((latest?.corrections ?? []).map((c) => [c.key, c.reason]));
  return Object.fromEntries(report.figureDefinitions.map((f) => [f.key, { value: report.figures[f.key] ?? 0, reason: reasonOf.get(f.key) ?? '' }]));
}

/** A figure the unit changed from what the record gives: it goes with a reason. */
const isCorrection = (definition: { key: string; source: string }, line: Line, prefill: Record<string, number>) =>
  definition.source === 'RECORD' && line.value !== '' && line.value !== (prefill[definition.key] ?? 0);

function ReportForm({ report }: { report: Report }) {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const [lines, setLines] = useState(() => initialLines(report));
  const [note, setNote] = useState('');
  const [key, setKey] = useState(idempotencyKey);
  const [problem, setProblem] = useState<ApiProblem>();
  const [busy, setBusy] = useState(false);
  const [tried, setTried] = useState(false);
  const lang = i18n.language;
  const definitions = report.figureDefinitions;
  const corrections = definitions.filter((d) => isCorrection(d, lines[d.key]!, report.prefill));
  const missingReason = corrections.filter((d) => lines[d.key]!.reason.trim().length < MIN_REASON);
  // The API names a refused correction by its place in the list it was sent.
  const apiErrorOf = (figureKey: string) => {
    const index = corrections.findIndex((d) => d.key === figureKey);
    const error = problem?.body.errors?.find((e) => e.field.startsWith(`body.corrections.${index}.`) || e.field === `body.manual.${figureKey}`);
    return error ? pick(lang, error.message, error.messageEn) : undefined;
  };
  const set = (figureKey: string, change: Partial<Line>) => setLines((current) => ({ ...current, [figureKey]: { ...current[figureKey]!, ...change } }));

  async function submit() {
    setTried(true);
    if (missingReason.length > 0) return;
    setBusy(true);
    setProblem(undefined);
    const manual = Object.fromEntries(
      definitions.filter((d) => d.source === 'MANUAL' && lines[d.key]!.value !== '').map((d) => [d.key, Number(lines[d.key]!.value)]),
    );
    try {
      const done = await unwrap(
        api.POST('/reports/{reportId}/versions', {
          params: { path: { reportId: report.id }, header: { 'Idempotency-Key': key } as never },
          headers: { 'Idempotency-Key': key },
          body: {
            corrections: corrections.map((d): Submission => ({ key: d.key as Submission['key'], value: Number(lines[d.key]!.value), reason: lines[d.key]!.reason.trim() })),
            manual,
            ...(note.trim() ? { note: note.trim() } : {}),
          },
        }),
      );
      notifications.show({ color: 'teal', message: t('reportSubmitted', { version: done.version }), closeButtonProps: { 'aria-label': t('close') } });
      setKey(idempotencyKey());
      setNote('');
      setTried(false);
      await Promise.all([client.invalidateQueries({ queryKey: ['report', report.id] }), client.invalidateQueries({ queryKey: ['tasks'] }), client.invalidateQueries({ queryKey: ['reports'] })]);
    } catch (error) {
      setProblem(error instanceof ApiProblem ? error : networkProblem(error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
      noValidate
    >
      <Stack>
        <Table.ScrollContainer minWidth={640}>
          <Table withTableBorder verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('figure')}</Table.Th>
                <Table.Th ta="right">{t('fromRecord')}</Table.Th>
                <Table.Th w={150}>{t('reported')}</Table.Th>
                <Table.Th>{t('correctionReason')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {definitions.map((definition) => {
                const line = lines[definition.key]!;
                const label = pick(lang, definition.vi, definition.en);
                const corrected = isCorrection(definition, line, report.prefill);
                const reasonShort = corrected && line.reason.trim().length < MIN_REASON;
                const apiError = apiErrorOf(definition.key);
                return (
                  <Table.Tr key={definition.key} data-figure={definition.key} bg={corrected ? 'var(--mantine-color-yellow-light)' : undefined}>
                    <Table.Td>
                      <Text size="sm" id={`figure-${definition.key}`}>
                        {label}
                      </Text>
                    </Table.Td>
                    <Table.Td ta="right">
                      {definition.source === 'MANUAL' ? (
                        <Text size="xs" c="dimmed">
                          {t('enteredByUnit')}
                        </Text>
                      ) : (
                        (report.prefill[definition.key] ?? 0)
                      )}
                    </Table.Td>
                    <Table.Td>
                      <NumberInput
                        aria-labelledby={`figure-${definition.key}`}
                        value={line.value}
                        min={0}
                        max={10_000_000}
                        allowDecimal={false}
                        allowNegative={false}
                        onChange={(value) => set(definition.key, { value: value === '' ? '' : Number(value) })}
                        error={!corrected ? apiError : undefined}
                        size="xs"
                      />
                    </Table.Td>
                    <Table.Td>
                      {corrected && (
                        <TextInput
                          size="xs"
                          aria-label={`${t('correctionReason')}: ${label}`}
                          value={line.reason}
                          onChange={(event) => set(definition.key, { reason: event.currentTarget.value })}
                          error={apiError ?? (tried && reasonShort ? t('reasonNeeded') : undefined)}
                          description={!tried && reasonShort ? t('reasonNeeded') : undefined}
                          required
                        />
                      )}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        <Textarea label={t('reportNote')} value={note} onChange={(event) => setNote(event.currentTarget.value)} maxLength={2000} autosize minRows={2} />
        {problem && <ProblemAlert problem={problem} />}
        <Group>
          <Button type="submit" loading={busy}>
            {report.latestVersion > 0 ? t('submitCorrection') : t('submitReport')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function Versions({ report }: { report: Report }) {
  const { t, i18n } = useTranslation();
  const labelOf = new Map(report.figureDefinitions.map((d) => [d.key, pick(i18n.language, d.vi, d.en)]));
  if (report.versions.length === 0) return null;
  return (
    <Card withBorder>
      <Title order={2} size="h4" mb="xs">
        {t('versions')}
      </Title>
      <Stack gap="xs">
        {[...report.versions].reverse().map((version) => (
          <div key={version.version} data-version={version.version}>
            <Text size="sm" fw={600}>
              {t('version', { version: version.version })} · {showInstant(version.submittedAt)}
            </Text>
            {version.corrections.length === 0 && (
              <Text size="sm" c="dimmed">
                {t('noCorrections')}
              </Text>
            )}
            {version.corrections.map((c) => (
              <Text size="sm" key={c.key} data-correction={c.key}>
                {labelOf.get(c.key) ?? c.key}: {c.computed} → <strong>{c.submitted}</strong> ({c.reason})
              </Text>
            ))}
            {version.note && <Text size="sm">{version.note}</Text>}
          </div>
        ))}
      </Stack>
    </Card>
  );
}

/** A unit's periodic report: prefilled from the record, each correction with its reason, every version kept. */
export function ReportScreen() {
  const { reportId = '' } = useParams();
  const { t, i18n } = useTranslation();
  const principal = usePrincipal();
  const report = useQuery({ queryKey: ['report', reportId], queryFn: () => unwrap(api.GET('/reports/{reportId}', { params: { path: { reportId } } })) });
  const lang = i18n.language;
  return (
    <QueryState query={report}>
      {(data) => {
        const mine = data.task !== null && data.task.ownerAgencyId === principal.agencyId;
        return (
          <Stack>
            <div>
              <Title order={1} size="h2">
                {pick(lang, data.titleVi, data.titleEn)}
              </Title>
              <Group gap="xs" mt={4}>
                <Text fw={600}>{pick(lang, data.unit.nameVi, data.unit.nameEn)}</Text>
                <Badge variant="outline" color="gray.8">
                  {t('period')} {data.periodKey}
                </Badge>
                <StandingBadge standing={data.standing} />
              </Group>
              <Text size="sm" c="dimmed">
                {t('reportWindow', { from: showDate(data.window.from), to: showDate(data.window.to) })}
                {data.task && ` · ${t('dueDate')}: ${showDate(data.task.dueDate)}`}
              </Text>
            </div>
            <DownloadButtons href={`/reports/${encodeURIComponent(data.id)}`} />
            {mine ? (
              <ReportForm key={data.latestVersion} report={data} />
            ) : (
              <Stack gap="xs">
                <Text c="dimmed">{t('readOnlyReport', { agency: data.task?.ownerAgencyId ?? data.unit.nameVi })}</Text>
                <FiguresTable
                  definitions={data.figureDefinitions}
                  columns={[
                    { label: t('fromRecord'), values: data.prefill },
                    { label: t('reported'), values: data.latestVersion > 0 ? data.figures : null },
                  ]}
                />
              </Stack>
            )}
            <Versions report={data} />
          </Stack>
        );
      }}
    </QueryState>
  );
}

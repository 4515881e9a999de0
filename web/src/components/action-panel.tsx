import { Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiProblem, idempotencyKey, networkProblem, unwrap, type Schemas } from '../api/client';
import { todayInVietnam } from '../i18n/dates';
import { pick } from '../i18n/i18n';
import { initialDataFor } from '../procedures/form-schema';
import type { Procedure, ProcedureAction } from '../procedures/use-procedures';
import { ProblemAlert } from './problem-alert';
import { SchemaForm } from './schema-form';

type CasePage = Schemas['CasePage'];

/** One action's form. The typed data and the Idempotency-Key live until the action is recorded. */
function ActionForm({ caseRef, action, prefill, onDone, onCancel }: { caseRef: string; action: ProcedureAction; prefill?: Record<string, unknown>; onDone: () => void; onCancel: () => void }) {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const [data, setData] = useState(() => ({ ...initialDataFor(action.schema, todayInVietnam()), ...prefill }));
  const [key] = useState(idempotencyKey);
  const [problem, setProblem] = useState<ApiProblem>();
  const [busy, setBusy] = useState(false);

  async function submit(body: Record<string, unknown>) {
    setBusy(true);
    setProblem(undefined);
    try {
      await unwrap(
        api.POST('/cases/{caseRef}/actions', {
          params: { path: { caseRef }, header: { 'Idempotency-Key': key } as never },
          headers: { 'Idempotency-Key': key },
          body: body as never,
        }),
      );
      notifications.show({ color: 'teal', message: t('recorded'), closeButtonProps: { 'aria-label': t('close') } });
      await Promise.all([client.invalidateQueries({ queryKey: ['case', caseRef] }), client.invalidateQueries({ queryKey: ['tasks'] })]);
      onDone();
    } catch (error) {
      if (error instanceof ApiProblem) setProblem(error);
      else setProblem(networkProblem(error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card withBorder data-action-form={action.type}>
      <Title order={3} size="h5" mb="xs">
        {pick(i18n.language, action.titleVi, action.titleEn)}
      </Title>
      <SchemaForm schema={action.schema} data={data} onChange={setData} onSubmit={(body) => void submit(body)} disabled={busy} idPrefix={`action-${action.type}`}>
        <Stack mt="sm">
          {problem && <ProblemAlert problem={problem} />}
          {problem?.status === 409 && (
            <Button variant="light" onClick={() => void client.invalidateQueries({ queryKey: ['case', caseRef] })}>
              {t('reload')}
            </Button>
          )}
          <Group>
            <Button type="submit" loading={busy}>
              {t('submit')}
            </Button>
            <Button variant="default" onClick={onCancel} disabled={busy}>
              {t('cancel')}
            </Button>
          </Group>
        </Stack>
      </SchemaForm>
    </Card>
  );
}

/**
 * The actions the API says I may take now on this case (actionsForYou), each a form from its
 * schema, starting from what the case already knows (`prefill`, by action type) where it helps.
 */
export function ActionPanel({ page, procedure, prefill = {} }: { page: CasePage; procedure: Procedure | undefined; prefill?: Record<string, Record<string, unknown>> }) {
  const { t, i18n } = useTranslation();
  const [chosen, setChosen] = useState<string>();
  const actions = (procedure?.actions ?? []).filter((action) => page.actionsForYou.includes(action.type));
  const current = actions.find((action) => action.type === chosen);
  return (
    <Card withBorder className="no-print">
      <Title order={2} size="h4" mb="xs">
        {t('actions')}
      </Title>
      {actions.length === 0 && <Text c="dimmed">{t('noActions')}</Text>}
      {!current && (
        <Group gap="xs">
          {actions.map((action) => (
            <Button key={action.type} variant="light" data-action={action.type} onClick={() => setChosen(action.type)}>
              {pick(i18n.language, action.titleVi, action.titleEn)}
            </Button>
          ))}
        </Group>
      )}
      {current && <ActionForm key={current.type} caseRef={page.caseRef} action={current} prefill={prefill[current.type]} onDone={() => setChosen(undefined)} onCancel={() => setChosen(undefined)} />}
    </Card>
  );
}

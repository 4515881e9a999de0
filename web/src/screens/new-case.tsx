import { Button, Card, Group, Select, Stack, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { api, ApiProblem, idempotencyKey, unwrap } from '../api/client';
import { ProblemAlert } from '../components/problem-alert';
import { SchemaForm } from '../components/schema-form';
import { todayInVietnam } from '../i18n/dates';
import { pick } from '../i18n/i18n';
import { initialDataFor } from '../procedures/form-schema';
import { useProcedures, type Procedure } from '../procedures/use-procedures';
import { usePrincipal } from '../session/session';

function OpeningForm({ procedure }: { procedure: Procedure }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const schema = procedure.opening as Record<string, unknown>;
  const [data, setData] = useState(() => initialDataFor(schema, todayInVietnam()));
  const [key] = useState(idempotencyKey);
  const [problem, setProblem] = useState<ApiProblem>();
  const [busy, setBusy] = useState(false);

  async function submit(body: Record<string, unknown>) {
    setBusy(true);
    setProblem(undefined);
    try {
      const opened = await unwrap(api.POST('/cases', { headers: { 'Idempotency-Key': key }, body: body as never }));
      notifications.show({ color: 'teal', message: t('caseOpened', { caseRef: opened.caseRef }), closeButtonProps: { 'aria-label': t('close') } });
      await navigate(`/cases/${opened.caseRef}`);
    } catch (error) {
      if (error instanceof ApiProblem) setProblem(error);
      else throw error;
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card withBorder maw={760} data-opening-form={procedure.code}>
      <SchemaForm schema={schema} data={data} onChange={setData} onSubmit={(body) => void submit(body)} disabled={busy} idPrefix={`open-${procedure.code}`}>
        <Stack mt="sm">
          {problem && <ProblemAlert problem={problem} />}
          <Group>
            <Button type="submit" loading={busy}>
              {t('openCase')}
            </Button>
          </Group>
        </Stack>
      </SchemaForm>
    </Card>
  );
}

/** Hồ sơ mới: the procedures my roles may open, each with its opening form from GET /procedures. */
export function NewCaseScreen() {
  const { t, i18n } = useTranslation();
  const principal = usePrincipal();
  const [params, setParams] = useSearchParams();
  const procedures = useProcedures();
  const openable = (procedures.data ?? []).filter((p) => p.opening && p.openedBy.some((role) => (principal.roles as string[]).includes(role)));
  const chosen = openable.find((p) => p.code === params.get('procedure'));
  return (
    <Stack>
      <Title order={1} size="h2">
        {t('newCase')}
      </Title>
      <Select
        label={t('chooseProcedure')}
        value={chosen?.code ?? null}
        onChange={(value) => setParams(value ? { procedure: value } : {})}
        data={openable.map((p) => ({ value: p.code, label: pick(i18n.language, p.titleVi, p.titleEn) }))}
        maw={760}
      />
      {chosen && <OpeningForm key={chosen.code} procedure={chosen} />}
    </Stack>
  );
}

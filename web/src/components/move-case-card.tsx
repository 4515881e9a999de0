import { Button, Card, Group, Select, Stack, Text, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, idempotencyKey, unwrap, type Schemas } from '../api/client';
import { todayInVietnam } from '../i18n/dates';
import { unitLabel } from '../i18n/unit-label';
import { LegalDateInput } from './legal-date-input';
import { ProblemAlert } from './problem-alert';
import { useChange } from './use-change';

type CasePage = Schemas['CasePage'];

/** The form: the commune, the legal date and why; its Idempotency-Key lives until the case has moved. */
function MoveCaseForm({ page, onDone, onCancel }: { page: CasePage; onDone: () => void; onCancel: () => void }) {
  const { t, i18n } = useTranslation();
  const [to, setTo] = useState<string | null>(null);
  const [on, setOn] = useState<string | null>(todayInVietnam());
  const [reason, setReason] = useState('');
  const [key] = useState(idempotencyKey);
  const change = useChange([['case', page.caseRef], ['tasks']]);
  const options = (page.moveTargets ?? []).map((commune) => ({
    value: commune.id,
    label: `${unitLabel(i18n.language, commune.id, commune)}${commune.splitFromCurrent ? ` · ${t('splitSuccessor')}` : ''}`,
  }));
  const submit = () =>
    change
      .run(() =>
        unwrap(
          api.POST('/cases/{caseRef}/jurisdiction', {
            params: { path: { caseRef: page.caseRef }, header: { 'Idempotency-Key': key } as never },
            headers: { 'Idempotency-Key': key },
            body: { toJurisdictionId: to ?? '', on: on ?? '', reason },
          }),
        ),
      )
      .then((moved) => moved && onDone());
  return (
    <form
      data-testid="move-case-form"
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <Stack>
        <Text size="sm">{t('moveCaseNote')}</Text>
        <Group align="flex-end">
          <Select label={t('moveCaseTo')} searchable value={to} onChange={setTo} data={options} w={420} required data-testid="move-case-to" />
          <LegalDateInput label={t('moveCaseOn')} value={on} onChange={(value) => setOn(value ?? null)} required w={200} />
        </Group>
        <Textarea label={t('reason')} value={reason} onChange={(event) => setReason(event.currentTarget.value)} required maw={720} data-testid="move-case-reason" />
        {change.problem && <ProblemAlert problem={change.problem} />}
        <Group>
          <Button type="submit" loading={change.busy} data-testid="move-case-submit">
            {t('moveCase')}
          </Button>
          <Button variant="default" onClick={onCancel} disabled={change.busy}>
            {t('cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/**
 * Chuyển hồ sơ sang xã khác: shown to whom the API says may move the case (`moveTargets` on the
 * case page: the province's coordinators, the head of police and the chairman of the commune
 * holding it), for a commune split among several or a person who moved.
 */
export function MoveCaseCard({ page }: { page: CasePage }) {
  const { t, i18n } = useTranslation();
  const [open, setOpen] = useState(false);
  if (!page.moveTargets) return null;
  return (
    <Card withBorder className="no-print">
      <Title order={2} size="h4" mb="xs">
        {t('moveCaseTitle')}
      </Title>
      <Text size="sm" mb="xs" data-testid="case-commune" data-jurisdiction={page.jurisdictionId}>
        {unitLabel(i18n.language, page.jurisdictionId, page.jurisdictionName)}
      </Text>
      {open ? (
        <MoveCaseForm page={page} onDone={() => setOpen(false)} onCancel={() => setOpen(false)} />
      ) : (
        <Button variant="light" onClick={() => setOpen(true)} data-testid="move-case">
          {t('moveCase')}
        </Button>
      )}
    </Card>
  );
}

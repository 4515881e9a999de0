import { Anchor, Badge, Button, Card, Group, NumberInput, Select, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, unwrap } from '../api/client';
import { LegalDateInput } from '../components/legal-date-input';
import { ProblemAlert } from '../components/problem-alert';
import { QueryState } from '../components/query-state';
import { useChange } from '../components/use-change';
import { showDate } from '../i18n/dates';
import { pick } from '../i18n/i18n';
import { useHasRole } from '../session/session';

type Swap = { date: string; kind: 'DAY_OFF' | 'WORKING_DAY'; nameVi: string; nameEn: string; source: string };
const EMPTY: Swap = { date: '', kind: 'DAY_OFF', nameVi: '', nameEn: '', source: '' };

/** An announced day swap (nghỉ bù / làm bù), entered by the national administrator from the government's notice. */
function SwapForm({ onSaved }: { onSaved: () => Promise<void> }) {
  const { t, i18n } = useTranslation();
  const [swap, setSwap] = useState<Swap>(EMPTY);
  const { run, problem, busy } = useChange();
  const set = (change: Partial<Swap>) => setSwap((current) => ({ ...current, ...change }));
  const fieldError = (field: string) => {
    const error = problem?.body.errors?.find((e) => e.field === field);
    return error ? pick(i18n.language, error.message, error.messageEn) : undefined;
  };

  async function submit() {
    const { date, ...body } = swap;
    const saved = await run(() => unwrap(api.PUT('/calendar/overrides/{date}', { params: { path: { date: date || 'missing' } }, body })));
    if (saved === undefined) return;
    setSwap(EMPTY);
    await onSaved();
  }

  return (
    <Card withBorder>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
        noValidate
        data-swap-form
      >
        <Title order={2} size="h4" mb="xs">
          {t('addSwap')}
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <LegalDateInput label={t('date')} value={swap.date} onChange={(date) => set({ date: date ?? '' })} required error={fieldError('params.date')} />
          <Select
            label={t('kind')}
            value={swap.kind}
            allowDeselect={false}
            onChange={(kind) => set({ kind: (kind ?? 'DAY_OFF') as Swap['kind'] })}
            data={(['DAY_OFF', 'WORKING_DAY'] as const).map((kind) => ({ value: kind, label: t(`overrideKind_${kind}`) }))}
          />
          <TextInput label={t('nameVi')} value={swap.nameVi} onChange={(e) => set({ nameVi: e.currentTarget.value })} required error={fieldError('body.nameVi')} />
          <TextInput label={t('nameEn')} value={swap.nameEn} onChange={(e) => set({ nameEn: e.currentTarget.value })} required error={fieldError('body.nameEn')} />
          <TextInput label={t('source')} value={swap.source} onChange={(e) => set({ source: e.currentTarget.value })} required error={fieldError('body.source')} />
        </SimpleGrid>
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
      </form>
    </Card>
  );
}

/** Lịch làm việc: the year's holidays, substitute days and announced swaps that every deadline counts with. */
export function CalendarScreen() {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  // One calendar for the country: the national administrator enters the government's swaps.
  const national = useHasRole('NATIONAL_ADMIN');
  const [year, setYear] = useState(() => new Date().getFullYear());
  const holidays = useQuery({ queryKey: ['holidays', year], queryFn: () => unwrap(api.GET('/calendar/holidays', { params: { query: { year } } })) });
  const swaps = useQuery({ queryKey: ['calendar-overrides', year], queryFn: () => unwrap(api.GET('/calendar/overrides', { params: { query: { year } } })) });
  const refresh = () => Promise.all([client.invalidateQueries({ queryKey: ['holidays'] }), client.invalidateQueries({ queryKey: ['calendar-overrides'] })]).then(() => undefined);
  const remove = async (date: string) => {
    await unwrap(api.DELETE('/calendar/overrides/{date}', { params: { path: { date } } }));
    await refresh();
  };
  const lang = i18n.language;
  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <Title order={1} size="h2">
          {t('calendar')}
        </Title>
        <Group align="flex-end">
          <Anchor component={Link} to="/rules">
            {t('rules')}
          </Anchor>
          <NumberInput label={t('year')} value={year} min={1991} max={2100} w={110} onChange={(value) => setYear(Number(value) || year)} />
        </Group>
      </Group>
      <Card withBorder>
        <Title order={2} size="h4" mb="xs">
          {t('nonWorkingDays')} {year}
        </Title>
        <QueryState query={holidays}>
          {(data) => (
            <Table striped verticalSpacing={4} data-testid="holidays">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('date')}</Table.Th>
                  <Table.Th>{t('name')}</Table.Th>
                  <Table.Th>{t('kind')}</Table.Th>
                  <Table.Th>{t('source')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.items.map((day) => (
                  <Table.Tr key={day.date} data-date={day.date}>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{showDate(day.date)}</Table.Td>
                    <Table.Td>{pick(lang, day.nameVi, day.nameEn)}</Table.Td>
                    <Table.Td>
                      <Badge color={day.kind === 'ANNOUNCED_SWAP' ? 'indigo.8' : 'gray.7'}>
                        {t(`dayKind_${day.kind}`)}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      <Text size="xs">{day.source ?? ''}</Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </QueryState>
      </Card>
      <Card withBorder>
        <Title order={2} size="h4" mb="xs">
          {t('announcedSwaps')}
        </Title>
        <QueryState query={swaps}>
          {(data) =>
            data.items.length === 0 ? (
              <Text c="dimmed">{t('nothing')}</Text>
            ) : (
              <Stack gap={4}>
                {data.items.map((swap) => (
                  <Group key={swap.date} justify="space-between" data-swap={swap.date}>
                    <Text size="sm">
                      {showDate(swap.date)} · {t(`overrideKind_${swap.kind}`)} · {pick(lang, swap.nameVi, swap.nameEn)} ({swap.source})
                    </Text>
                    {national && (
                      <Button size="xs" variant="default" onClick={() => void remove(swap.date)} aria-label={`${t('remove')} ${showDate(swap.date)}`}>
                        {t('remove')}
                      </Button>
                    )}
                  </Group>
                ))}
              </Stack>
            )
          }
        </QueryState>
      </Card>
      {national && <SwapForm onSaved={refresh} />}
    </Stack>
  );
}

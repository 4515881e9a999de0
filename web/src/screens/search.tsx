import { Anchor, Button, Group, Stack, Table, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api, unwrap } from '../api/client';
import { QueryState } from '../components/query-state';
import { useProcedureLabels } from '../procedures/use-procedures';
import { showDate } from '../i18n/dates';

/** Tìm kiếm: by name (accents optional) or identity number, in my jurisdiction, for the procedures I may read. */
export function SearchScreen() {
  const { t } = useTranslation();
  const labels = useProcedureLabels();
  const [params, setParams] = useSearchParams();
  const [name, setName] = useState(params.get('name') ?? '');
  const [citizenId, setCitizenId] = useState(params.get('citizenId') ?? '');
  const asked = { name: params.get('name') ?? undefined, citizenId: params.get('citizenId') ?? undefined };
  const results = useQuery({
    queryKey: ['search', asked],
    queryFn: () => unwrap(api.GET('/cases', { params: { query: { ...asked } } })),
    enabled: Boolean(asked.name || asked.citizenId),
  });
  function submit(event: FormEvent) {
    event.preventDefault();
    setParams({ ...(name.trim() ? { name: name.trim() } : {}), ...(citizenId.trim() ? { citizenId: citizenId.trim() } : {}) });
  }
  return (
    <Stack>
      <Title order={1} size="h2">
        {t('search')}
      </Title>
      <form onSubmit={submit}>
        <Group align="flex-end">
          <TextInput label={t('searchByName')} value={name} onChange={(e) => setName(e.currentTarget.value)} name="name" />
          <TextInput label={t('searchByCitizenId')} value={citizenId} onChange={(e) => setCitizenId(e.currentTarget.value)} name="citizenId" inputMode="numeric" />
          <Button type="submit">{t('find')}</Button>
        </Group>
      </form>
      {results.isEnabled && (
        <QueryState query={results}>
          {(data) => (
            <Table striped>
              <Table.Caption>
                {t('results')}: {data.items.length}
              </Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('caseRef')}</Table.Th>
                  <Table.Th>{t('fullName')}</Table.Th>
                  <Table.Th>{t('birthDate')}</Table.Th>
                  <Table.Th>{t('phase')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.items.map((found) => (
                  <Table.Tr key={found.caseRef}>
                    <Table.Td>
                      <Anchor component={Link} to={`/cases/${found.caseRef}`}>
                        {found.caseRef}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>{found.fullName ?? '—'}</Table.Td>
                    <Table.Td>{found.birthDate ? showDate(found.birthDate) : '—'}</Table.Td>
                    <Table.Td>{labels.phase(found.procedure, found.phase)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </QueryState>
      )}
    </Stack>
  );
}

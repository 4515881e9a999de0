import { Anchor, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api, unwrap } from '../api/client';
import { QueryState } from '../components/query-state';
import { useProcedureLabels } from '../procedures/use-procedures';
import { showDate, showInstant } from '../i18n/dates';

/** Every case of one person, oldest first, each with the case it came from (the view is audited). */
export function PersonScreen() {
  const { personId = '' } = useParams();
  const { t } = useTranslation();
  const labels = useProcedureLabels();
  const person = useQuery({
    queryKey: ['person', personId],
    queryFn: () => unwrap(api.GET('/persons/{personId}', { params: { path: { personId } } })),
  });
  return (
    <QueryState query={person}>
      {(data) => (
        <Stack>
          <Title order={1} size="h2">
            {data.person.fullName}
          </Title>
          <Text>
            {t('birthDate')}: {showDate(data.person.birthDate)}
            {data.person.citizenId ? ` · ${t('citizenId')}: ${data.person.citizenId}` : ''}
          </Text>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('caseRef')}</Table.Th>
                <Table.Th>{t('procedure')}</Table.Th>
                <Table.Th>{t('phase')}</Table.Th>
                <Table.Th>{t('opened')}</Table.Th>
                <Table.Th>{t('parentCase')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.cases.map((row) => (
                <Table.Tr key={row.caseRef}>
                  <Table.Td>
                    <Anchor component={Link} to={`/cases/${row.caseRef}`}>
                      {row.caseRef}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{labels.procedure(row.procedure)}</Table.Td>
                  <Table.Td>{labels.phase(row.procedure, row.phase)}</Table.Td>
                  <Table.Td>{showInstant(row.openedAt)}</Table.Td>
                  <Table.Td>{row.parentCaseRef ?? '—'}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Stack>
      )}
    </QueryState>
  );
}

import { Button, Card, Group, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../api/client';
import { ProblemAlert } from '../components/problem-alert';
import { QueryState } from '../components/query-state';
import { ScrollRegion } from '../components/scroll-region';
import { useChange } from '../components/use-change';
import { showDate } from '../i18n/dates';
import { pick } from '../i18n/i18n';
import { OneTimePassword } from './admin';

/** A new province: its code and names, and its first administrator, who builds everything inside it. */
function NewProvince() {
  const { t } = useTranslation();
  const [id, setId] = useState('');
  const [nameVi, setNameVi] = useState('');
  const [nameEn, setNameEn] = useState('');
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [issued, setIssued] = useState<{ username: string; oneTimePassword: string }>();
  const change = useChange([['national-provinces']]);
  return (
    <Card withBorder data-testid="new-province">
      <Title order={2} size="h4" mb="xs">
        {t('newProvince')}
      </Title>
      <Text size="sm" mb="sm">
        {t('newProvinceNote')}
      </Text>
      <Stack>
        <Group align="flex-end">
          <TextInput label={t('provinceCode')} value={id} onChange={(event) => setId(event.currentTarget.value.toUpperCase())} required w={140} />
          <TextInput label={t('nameVi')} value={nameVi} onChange={(event) => setNameVi(event.currentTarget.value)} required w={260} />
          <TextInput label={t('nameEn')} value={nameEn} onChange={(event) => setNameEn(event.currentTarget.value)} required w={260} />
        </Group>
        <Group align="flex-end">
          <TextInput label={t('firstAdministrator')} value={username} onChange={(event) => setUsername(event.currentTarget.value)} required w={240} />
          <TextInput label={t('displayName')} value={displayName} onChange={(event) => setDisplayName(event.currentTarget.value)} required w={280} />
          <Button
            loading={change.busy}
            data-testid="add-province"
            onClick={() =>
              void change
                .run(() => unwrap(api.POST('/national/provinces', { body: { id, nameVi, nameEn, administrator: { username, displayName } } })))
                .then((created) => created && setIssued(created.administrator))
            }
          >
            {t('addProvince')}
          </Button>
        </Group>
        {change.problem && <ProblemAlert problem={change.problem} />}
        {issued && <OneTimePassword username={issued.username} password={issued.oneTimePassword} />}
      </Stack>
    </Card>
  );
}

/** The national administrators' screen: the provinces in the registry, and a new one added with its first administrator. */
export function NationalScreen() {
  const { t, i18n } = useTranslation();
  const provinces = useQuery({ queryKey: ['national-provinces'], queryFn: () => unwrap(api.GET('/national/provinces')) });
  return (
    <Stack>
      <Title order={1}>{t('nationalNav')}</Title>
      <NewProvince />
      <QueryState query={provinces}>
        {(data) => (
          <ScrollRegion label={t('provinces')} minWidth={760}>
            <Table striped data-testid="provinces">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('provinceCode')}</Table.Th>
                  <Table.Th>{t('province')}</Table.Th>
                  <Table.Th>{t('fromDate')}</Table.Th>
                  <Table.Th>{t('communesCount')}</Table.Th>
                  <Table.Th>{t('agencies')}</Table.Th>
                  <Table.Th>{t('activeUsers')}</Table.Th>
                  <Table.Th>{t('administrators')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.items.map((province) => (
                  <Table.Tr key={province.id} data-province={province.id}>
                    <Table.Td>{province.id}</Table.Td>
                    <Table.Td>{pick(i18n.language, province.nameVi, province.nameEn)}</Table.Td>
                    <Table.Td>{showDate(province.validFrom)}</Table.Td>
                    <Table.Td>{province.communes}</Table.Td>
                    <Table.Td>{province.agencies}</Table.Td>
                    <Table.Td>{province.activeUsers}</Table.Td>
                    <Table.Td>{province.administrators.join(', ')}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollRegion>
        )}
      </QueryState>
    </Stack>
  );
}

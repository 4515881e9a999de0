import { Badge, Card, Group, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, unwrap, type Schemas } from '../api/client';
import { showDate } from '../i18n/dates';
import { enumLabel } from '../i18n/enum-labels';

type CasePage = Schemas['CasePage'];
export const INSPECTION = 'INSPECTION_178';

interface InspectionFields {
  establishmentId?: string;
  inspectedOn?: string;
  surprise?: boolean;
  result?: string;
  violations?: number;
  complex?: boolean;
  sanction?: string;
  reinspection?: string;
}

/** In place of the person: the establishment inspected, what was found and how it was followed up. */
export function InspectionCard({ page }: { page: CasePage }) {
  const { t, i18n } = useTranslation();
  const fields = page.fields as InspectionFields;
  const establishment = useQuery({
    queryKey: ['establishment', fields.establishmentId],
    enabled: fields.establishmentId !== undefined,
    queryFn: () => unwrap(api.GET('/establishments/{id}', { params: { path: { id: fields.establishmentId as string } } })),
  });
  const found = page.timeline.find((event) => event.kind === 'INSPECTION_RECORDED')?.details as { violations?: number } | undefined;
  return (
    <Card withBorder data-testid="inspection-card">
      <Title order={2} size="h4" mb="xs">
        {establishment.data ? establishment.data.name : t('establishment')}
      </Title>
      {establishment.data && (
        <Text size="sm">
          {enumLabel(establishment.data.kind, i18n.language)} · {establishment.data.address} · {establishment.data.ownerBusiness}
        </Text>
      )}
      <Text size="sm">
        {t('inspectedOn')}: {showDate(fields.inspectedOn)}
      </Text>
      <Group gap="xs" mt="xs">
        {fields.surprise && <Badge color="grape.1" c="dark">{t('surpriseInspection')}</Badge>}
        {fields.complex && <Badge color="orange.2" c="dark">{t('complexEstablishment')}</Badge>}
        <Badge color={fields.result === 'VIOLATION' ? 'red.8' : 'teal.2'} c={fields.result === 'VIOLATION' ? undefined : 'dark'} data-testid="inspection-result">
          {enumLabel(fields.result ?? '', i18n.language)}
          {fields.result === 'VIOLATION' ? ` (${fields.violations ?? found?.violations ?? 0})` : ''}
        </Badge>
        {fields.sanction && (
          <Badge color="gray.3" c="dark">
            {t('sanction')}: {enumLabel(fields.sanction, i18n.language)}
          </Badge>
        )}
        {fields.reinspection && (
          <Badge color="gray.3" c="dark">
            {t('reinspection')}: {enumLabel(fields.reinspection, i18n.language)}
          </Badge>
        )}
      </Group>
    </Card>
  );
}

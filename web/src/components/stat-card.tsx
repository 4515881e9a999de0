import { Badge, Card, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** One figure with its label, and whether it meets its target when it has one. */
export function StatCard({ label, value, met, testId }: { label: string; value: string | number; met?: boolean; testId?: string }) {
  const { t } = useTranslation();
  return (
    <Card withBorder padding="sm">
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Group gap="xs">
        <Text fw={700} size="xl" data-testid={testId}>
          {value}
        </Text>
        {met !== undefined && (
          <Badge color={met ? 'teal.2' : 'orange.2'} c="dark" size="sm">
            {met ? t('targetMet') : t('targetNotMet')}
          </Badge>
        )}
      </Group>
    </Card>
  );
}

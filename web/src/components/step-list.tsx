import { Anchor, Badge, Card, Group, Popover, Stack, Table, Text, UnstyledButton } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Schemas } from '../api/client';
import { showDate } from '../i18n/dates';
import { pick } from '../i18n/i18n';
import { DueLabel } from './due-label';

export type StepRow = Schemas['StepDeadlineRow'];

/** A case's step opens its case; a periodic report task opens the unit's report. */
function StepLink({ step, strong }: { step: StepRow; strong?: boolean }) {
  const to = step.reportId ? `/reports/${encodeURIComponent(step.reportId)}` : `/cases/${step.caseRef}`;
  return (
    <Anchor component={Link} to={to} fw={strong ? 600 : undefined}>
      {step.reportId ? step.caseRef.replace(/:/g, ' · ') : step.caseRef}
    </Anchor>
  );
}

/** "Why this date", one line: the rule's own summary; the full explanation opens beside it. */
function WhyThisDate({ step }: { step: StepRow }) {
  const { t, i18n } = useTranslation();
  const how = step.howComputed;
  return (
    <Popover width={360} withArrow shadow="md">
      <Popover.Target>
        <UnstyledButton aria-label={`${t('whyThisDate')}: ${step.caseRef}`} style={{ textAlign: 'left' }}>
          <Text size="xs" c="dimmed" lineClamp={1} td="underline dotted">
            {pick(i18n.language, how.summaryVi, how.summaryEn)}
          </Text>
        </UnstyledButton>
      </Popover.Target>
      <Popover.Dropdown>
        <Stack gap={4}>
          <Text size="sm" fw={600}>
            {t('whyThisDate')}
          </Text>
          <Text size="sm">{pick(i18n.language, how.summaryVi, how.summaryEn)}</Text>
          <Text size="xs">
            {t('source')}: {how.source.document}
            {how.source.article ? `, ${how.source.article}` : ''} ({how.ruleKey})
          </Text>
          {how.confidence === 'UNCONFIRMED' && (
            <Badge color="yellow" c="dark" size="sm">
              {t('unconfirmed')}
            </Badge>
          )}
          {step.statutoryDueDate && (
            <Text size="xs">
              {t('statutoryLimit')}: {showDate(step.statutoryDueDate)}
            </Text>
          )}
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}

/** Steps most urgent first: a table on a desk, cards on a phone. */
export function StepList({ steps }: { steps: StepRow[] }) {
  const { t, i18n } = useTranslation();
  const narrow = useMediaQuery('(max-width: 48em)');
  if (steps.length === 0) return <Text c="dimmed">{t('nothing')}</Text>;
  const pastLimit = (step: StepRow) => (step.daysPastStatutoryLimit ?? -1) > 0;
  if (narrow) {
    return (
      <Stack gap="xs">
        {steps.map((step) => (
          <Card key={step.stepId} withBorder padding="sm" data-step={step.stepKey}>
            <Group justify="space-between" wrap="nowrap">
              <StepLink step={step} strong />
              <DueLabel daysLate={step.daysLate} status={step.status} pastLimit={pastLimit(step)} dueAt={step.dueAt} />
            </Group>
            <Text size="sm">{pick(i18n.language, step.titleVi, step.titleEn)}</Text>
            <Text size="xs">
              {t('dueDate')}: {showDate(step.dueDate)} · {pick(i18n.language, step.owner.agencyNameVi, step.owner.agencyNameEn)}
            </Text>
            <WhyThisDate step={step} />
          </Card>
        ))}
      </Stack>
    );
  }
  return (
    <Table striped highlightOnHover verticalSpacing="xs">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('caseRef')}</Table.Th>
          <Table.Th>{t('step')}</Table.Th>
          <Table.Th>{t('owner')}</Table.Th>
          <Table.Th>{t('dueDate')}</Table.Th>
          <Table.Th>{t('whyThisDate')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {steps.map((step) => (
          <Table.Tr key={step.stepId} data-step={step.stepKey}>
            <Table.Td>
              <StepLink step={step} />
            </Table.Td>
            <Table.Td>{pick(i18n.language, step.titleVi, step.titleEn)}</Table.Td>
            <Table.Td>{pick(i18n.language, step.owner.agencyNameVi, step.owner.agencyNameEn)}</Table.Td>
            <Table.Td style={{ whiteSpace: 'nowrap' }}>
              <Stack gap={2}>
                <Text size="sm">{showDate(step.dueDate)}</Text>
                <DueLabel daysLate={step.daysLate} status={step.status} pastLimit={pastLimit(step)} dueAt={step.dueAt} />
              </Stack>
            </Table.Td>
            <Table.Td maw={320}>
              <WhyThisDate step={step} />
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

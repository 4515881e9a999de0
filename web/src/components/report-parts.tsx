import { Badge, Button, Group, Table } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Schemas } from '../api/client';
import { pick } from '../i18n/i18n';

export type Standing = Schemas['Report']['standing'];
const STANDING_COLOURS: Record<Standing, string> = { SUBMITTED: 'teal.9', SUBMITTED_LATE: 'orange.9', OPEN: 'gray.7', OVERDUE: 'red.9' };

export function StandingBadge({ standing }: { standing: Standing }) {
  const { t } = useTranslation();
  return (
    <Badge color={STANDING_COLOURS[standing]} data-standing={standing}>
      {t(`standing_${standing}`)}
    </Badge>
  );
}

/** The same document as a workbook or CSV: a plain link, the session cookie goes with it. */
export function DownloadButtons({ href }: { href: string }) {
  const { t } = useTranslation();
  return (
    <Group gap="xs" className="no-print">
      <Button component="a" href={`${href}?format=xlsx`} download variant="light" size="xs">
        {t('downloadXlsx')}
      </Button>
      <Button component="a" href={`${href}?format=csv`} download variant="light" size="xs">
        {t('downloadCsv')}
      </Button>
    </Group>
  );
}

/** Figures side by side in columns (record, reported; submitted totals, record totals), each row headed in the chosen language. */
export function FiguresTable({ definitions, columns }: { definitions: Schemas['ReportFigureDefinitions']; columns: { label: string; values: Record<string, number> | null }[] }) {
  const { t, i18n } = useTranslation();
  return (
    <Table.ScrollContainer minWidth={480}>
      <Table withTableBorder striped verticalSpacing={4}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('figure')}</Table.Th>
            {columns.map((column) => (
              <Table.Th key={column.label} ta="right">
                {column.label}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {definitions.map((definition) => (
            <Table.Tr key={definition.key} data-figure={definition.key}>
              <Table.Td>{pick(i18n.language, definition.vi, definition.en)}</Table.Td>
              {columns.map((column) => (
                <Table.Td key={column.label} ta="right">
                  {column.values ? (column.values[definition.key] ?? 0) : '—'}
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

import { Anchor, Badge, Button, Card, FileInput, Group, Progress, Select, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiProblem, api, networkProblem, postFile, unwrap, type Schemas } from '../api/client';
import { ProblemAlert } from '../components/problem-alert';
import { QueryState } from '../components/query-state';
import { ScrollRegion } from '../components/scroll-region';
import { StatCard } from '../components/stat-card';
import { showInstant } from '../i18n/dates';
import { useProcedureLabels, useProcedures } from '../procedures/use-procedures';

type Check = Schemas['CaseloadCheck'];
type Import = Schemas['CaseloadImport'];

const STATUS_LABEL = {
  PENDING: 'importStatusPending',
  OPENED: 'importStatusOpened',
  PARTLY: 'importStatusPartly',
  SKIPPED: 'importStatusSkipped',
  REJECTED: 'importStatusRejected',
  FAILED: 'importStatusFailed',
} as const;

const send = async (file: File, dryRun: boolean, procedure: string | null) =>
  (await postFile('/caseload-imports', { dryRun: String(dryRun), fileName: file.name, ...(procedure ? { procedure } : {}) }, file)) as Check;

function CheckResult({ check }: { check: Check }) {
  const { t, i18n } = useTranslation();
  return (
    <Stack gap="xs">
      <SimpleGrid cols={{ base: 2, sm: 4 }}>
        <StatCard label={t('importRows')} value={check.rows} />
        <StatCard label={t('importToOpen')} value={check.toOpen} testId="import-to-open" />
        <StatCard label={t('importSkipped')} value={check.skipped} />
        <StatCard label={t('importRejected')} value={check.rejected} testId="import-rejected" />
      </SimpleGrid>
      {check.ignoredSheets.length > 0 && <Text size="sm">{t('importIgnoredSheets', { sheets: check.ignoredSheets.join(', ') })}</Text>}
      {check.problems.length > 0 && (
        <ScrollRegion label={t('importProblems')} minWidth={640}>
          <Table striped stickyHeader aria-label={t('importProblems')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('importSheet')}</Table.Th>
                <Table.Th>{t('importRow')}</Table.Th>
                <Table.Th>{t('importColumn')}</Table.Th>
                <Table.Th>{t('importProblem')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {check.problems.map((problem, index) => (
                <Table.Tr key={`${problem.sheet}-${problem.row}-${index}`}>
                  <Table.Td>{problem.sheet}</Table.Td>
                  <Table.Td>{problem.row}</Table.Td>
                  <Table.Td>{problem.column}</Table.Td>
                  <Table.Td>{i18n.language === 'en' ? problem.messageEn : problem.message}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollRegion>
      )}
    </Stack>
  );
}

function ImportProgress({ one }: { one: Import }) {
  const { t } = useTranslation();
  const done = one.total - (one.byStatus.PENDING ?? 0);
  const notImported = (one.byStatus.REJECTED ?? 0) + (one.byStatus.FAILED ?? 0) + (one.byStatus.PARTLY ?? 0);
  return (
    <Table.Tr>
      <Table.Td>
        {one.fileName}
        <Text size="xs" c="dimmed">
          {one.createdBy} · {showInstant(one.createdAt)}
        </Text>
      </Table.Td>
      <Table.Td miw={200}>
        <Progress value={one.total ? (100 * done) / one.total : 100} animated={one.status === 'RUNNING'} aria-label={t('importProgress')} />
        <Text size="xs">
          {done} / {one.total}
        </Text>
      </Table.Td>
      <Table.Td>
        <Group gap={4}>
          {Object.entries(one.byStatus).map(([status, count]) => (
            <Badge key={status} c="dark" color={status === 'OPENED' ? 'teal.2' : status === 'PENDING' ? 'gray.2' : status === 'SKIPPED' ? 'blue.2' : 'orange.2'}>
              {t(STATUS_LABEL[status as keyof typeof STATUS_LABEL] ?? 'importStatusFailed')}: {count}
            </Badge>
          ))}
        </Group>
      </Table.Td>
      <Table.Td>{one.status === 'DONE' ? t('importDone') : t('importRunning')}</Table.Td>
      <Table.Td>
        {notImported > 0 && (
          <Anchor href={`/caseload-imports/${one.importId}/rejected`} download>
            {t('importRejectedRows')}
          </Anchor>
        )}
      </Table.Td>
    </Table.Tr>
  );
}

/**
 * The cases an import opened (the latest 50), folded under the import's row: which row became
 * which case, at which phase. Not links: an administrator reads no case (least privilege); the
 * officials of each commune find theirs among their tasks.
 */
function OpenedCases({ one }: { one: Import }) {
  const { t } = useTranslation();
  const labels = useProcedureLabels();
  if (one.opened.length === 0) return null;
  const count = (one.byStatus.OPENED ?? 0) + (one.byStatus.PARTLY ?? 0);
  return (
    <Table.Tr>
      <Table.Td colSpan={5}>
        <details data-opened-cases={one.importId}>
          <summary>{t('importOpenedCases', { shown: one.opened.length, count })}</summary>
          <Table aria-label={t('importOpenedCasesOf', { fileName: one.fileName })} mt="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('importRow')}</Table.Th>
                <Table.Th>{t('importRowKey')}</Table.Th>
                <Table.Th>{t('caseRef')}</Table.Th>
                <Table.Th>{t('phase')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {[...one.opened].sort((a, b) => a.sheet.localeCompare(b.sheet) || a.row - b.row).map((row) => (
                <Table.Tr key={row.rowKey}>
                  <Table.Td>
                    {row.sheet} · {row.row}
                  </Table.Td>
                  <Table.Td>{row.rowKey}</Table.Td>
                  <Table.Td>
                    <span data-case-ref>{row.caseRef}</span>
                    {row.status === 'PARTLY' && (
                      <Badge ml="xs" c="dark" color="orange.2">
                        {t('importStatusPartly')}
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td>{row.phase ? labels.phase(row.procedure, row.phase) : ''}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </details>
      </Table.Td>
    </Table.Tr>
  );
}

/**
 * The province's running cases from its own books (issue #18): the template, a check of the
 * filled file that names every problem by sheet, row and column, then the import with its
 * progress, and the rows not imported given back with their reasons.
 */
export function CaseloadImportTab() {
  const { t, i18n } = useTranslation();
  // A workbook names its procedures by its sheets; a CSV file holds one, chosen here.
  const importable = (useProcedures().data ?? []).filter((one) => one.caseloadSheet !== null);
  const client = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [procedure, setProcedure] = useState<string | null>(null);
  const [check, setCheck] = useState<Check>();
  const [problem, setProblem] = useState<ApiProblem>();
  const [busy, setBusy] = useState(false);
  const imports = useQuery({
    queryKey: ['caseload-imports'],
    queryFn: () => unwrap(api.GET('/caseload-imports')),
    refetchInterval: (query) => ((query.state.data ?? []).some((one) => one.status === 'RUNNING') ? 2000 : false),
  });
  const isCsv = file !== null && !file.name.toLowerCase().endsWith('.xlsx');

  async function run(dryRun: boolean) {
    if (!file) return;
    setBusy(true);
    setProblem(undefined);
    try {
      const answer = await send(file, dryRun, isCsv ? procedure : null);
      setCheck(answer);
      if (!dryRun) await client.invalidateQueries({ queryKey: ['caseload-imports'] });
    } catch (error) {
      setProblem(error instanceof ApiProblem ? error : networkProblem(error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Stack>
      <Card withBorder>
        <Title order={2} size="h4" mb="xs">
          {t('caseloadImport')}
        </Title>
        <Text size="sm" mb="sm">
          {t('caseloadImportNote')}
        </Text>
        <Anchor href="/caseload-imports/template" download mb="sm">
          {t('downloadTemplate')}
        </Anchor>
        <Group align="end">
          <FileInput
            label={t('importFile')}
            accept=".xlsx,.csv"
            value={file}
            onChange={(chosen) => {
              setFile(chosen);
              setCheck(undefined);
            }}
            clearable
            clearButtonProps={{ 'aria-label': t('clearFile') }}
            miw={280}
          />
          {isCsv && (
            <Select
              label={t('importCsvProcedure')}
              data={importable.map((one) => ({ value: one.code, label: i18n.language === 'en' ? one.titleEn : one.titleVi }))}
              value={procedure}
              onChange={setProcedure}
            />
          )}
          <Button variant="default" loading={busy} disabled={!file} onClick={() => void run(true)}>
            {t('importCheck')}
          </Button>
          <Button loading={busy} disabled={!check || !check.dryRun || check.toOpen === 0} onClick={() => void run(false)}>
            {t('importStart', { count: check?.toOpen ?? 0 })}
          </Button>
        </Group>
        {problem && <ProblemAlert problem={problem} />}
        {check && (
          <Stack mt="sm">
            {!check.dryRun && <Text fw={600}>{t('importStarted')}</Text>}
            <CheckResult check={check} />
          </Stack>
        )}
      </Card>
      <Card withBorder>
        <Title order={2} size="h4" mb="xs">
          {t('imports')}
        </Title>
        <QueryState query={imports}>
          {(list) =>
            list.length === 0 ? (
              <Text size="sm">{t('noImports')}</Text>
            ) : (
              <ScrollRegion label={t('imports')} minWidth={720}>
                <Table aria-label={t('imports')}>
                  <Table.Tbody>
                    {list.map((one) => (
                      <Fragment key={one.importId}>
                        <ImportProgress one={one} />
                        <OpenedCases one={one} />
                      </Fragment>
                    ))}
                  </Table.Tbody>
                </Table>
              </ScrollRegion>
            )
          }
        </QueryState>
      </Card>
    </Stack>
  );
}

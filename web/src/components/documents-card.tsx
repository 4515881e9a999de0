import { Anchor, Button, Card, FileInput, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiProblem, networkProblem, postFile, type Schemas } from '../api/client';
import { showInstant } from '../i18n/dates';
import { ProblemAlert } from './problem-alert';

const KINDS = ['ADDICTION_RESULT', 'VIOLATION_RECORD', 'CURRICULUM_VITAE', 'STATEMENT', 'DECISION', 'CERTIFICATE', 'OTHER'] as const;

/** The case's papers: each downloadable (the download is audited), and a new one uploaded as it is. */
export function DocumentsCard({ page }: { page: Schemas['CasePage'] }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [title, setTitle] = useState('');
  const [kind, setKind] = useState<string>('OTHER');
  const [problem, setProblem] = useState<ApiProblem>();
  const [busy, setBusy] = useState(false);

  async function upload(event: FormEvent) {
    event.preventDefault();
    if (!file) return;
    setBusy(true);
    setProblem(undefined);
    try {
      await postFile(`/cases/${encodeURIComponent(page.caseRef)}/documents`, { kind, title, fileName: file.name }, file);
    } catch (error) {
      setProblem(error instanceof ApiProblem ? error : networkProblem(error));
      return;
    } finally {
      setBusy(false);
    }
    notifications.show({ color: 'teal', message: t('uploaded'), closeButtonProps: { 'aria-label': t('close') } });
    setFile(null);
    setTitle('');
    await client.invalidateQueries({ queryKey: ['case', page.caseRef] });
  }

  return (
    <Card withBorder>
      <Title order={2} size="h4" mb="xs">
        {t('documents')}
      </Title>
      {page.documents.length === 0 ? (
        <Text c="dimmed">{t('nothing')}</Text>
      ) : (
        <Table>
          <Table.Tbody>
            {page.documents.map((document) => (
              <Table.Tr key={document.id}>
                <Table.Td>
                  <Anchor href={`/cases/${encodeURIComponent(page.caseRef)}/documents/${document.id}`} download={document.fileName}>
                    {document.title}
                  </Anchor>
                  <Text size="xs" c="dimmed">
                    {document.kind} · {Math.ceil(document.sizeBytes / 1024)} kB · {showInstant(document.uploadedAt)}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <form onSubmit={(event) => void upload(event)} className="no-print">
        <Stack gap="xs" mt="sm">
          <FileInput label={t('file')} value={file} onChange={setFile} required clearable />
          <TextInput label={t('documentTitle')} value={title} onChange={(e) => setTitle(e.currentTarget.value)} required maxLength={200} />
          <Select label={t('documentKind')} value={kind} onChange={(value) => setKind(value ?? 'OTHER')} data={[...KINDS]} allowDeselect={false} />
          {problem && <ProblemAlert problem={problem} />}
          <Button type="submit" variant="light" loading={busy} disabled={!file || !title.trim()}>
            {t('upload')}
          </Button>
        </Stack>
      </form>
    </Card>
  );
}

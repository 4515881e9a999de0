import { Button, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** A form's submit and cancel buttons: the submit shows the change running, cancel waits for it. */
export function SaveCancel({ busy, onCancel }: { busy: boolean; onCancel: () => void }) {
  const { t } = useTranslation();
  return (
    <Group>
      <Button type="submit" loading={busy}>
        {t('save')}
      </Button>
      <Button variant="default" onClick={onCancel} disabled={busy}>
        {t('cancel')}
      </Button>
    </Group>
  );
}

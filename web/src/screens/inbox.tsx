import { Badge, Button, Card, Group, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { api, unwrap } from '../api/client';
import { QueryState } from '../components/query-state';
import { showInstant } from '../i18n/dates';
import { pick } from '../i18n/i18n';

/** Hộp thư: the reminders and escalations addressed to my agency and roles, newest first. */
export function InboxScreen() {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const [params, setParams] = useSearchParams();
  const unreadOnly = params.get('unread') === '1';
  const inbox = useQuery({
    queryKey: ['inbox', unreadOnly],
    queryFn: () => unwrap(api.GET('/inbox', { params: { query: { unreadOnly: unreadOnly ? 'true' : 'false', pageSize: 100 } } })),
    refetchInterval: 30_000,
  });
  async function markRead(id: string) {
    await unwrap(api.POST('/inbox/{id}/read', { params: { path: { id } } }));
    await client.invalidateQueries({ queryKey: ['inbox'] });
  }
  return (
    <Stack>
      <Title order={1} size="h2">
        {t('inbox')}
      </Title>
      <SegmentedControl
        aria-label={t('unread')}
        w="fit-content"
        value={unreadOnly ? 'unread' : 'all'}
        onChange={(value) => setParams(value === 'unread' ? { unread: '1' } : {})}
        data={[
          { value: 'all', label: t('bucket_all') },
          { value: 'unread', label: `${t('unread')}${inbox.data ? ` (${inbox.data.unread})` : ''}` },
        ]}
      />
      <QueryState query={inbox}>
        {(data) =>
          data.items.length === 0 ? (
            <Text c="dimmed">{t('nothing')}</Text>
          ) : (
            <Stack gap="xs">
              {data.items.map((item) => (
                <Card key={item.id} withBorder padding="sm" data-inbox-kind={item.kind} data-read={item.readAt ? 'yes' : 'no'}>
                  <Group justify="space-between" wrap="nowrap" align="flex-start">
                    <div>
                      <Group gap="xs">
                        <Badge color={item.kind === 'REMINDER' || item.kind === 'CASE_MOVED' ? 'blue.2' : 'red.8'}>
                          {t(`kind_${item.kind}`)}
                        </Badge>
                        <Text fw={item.readAt ? 400 : 700}>{pick(i18n.language, item.titleVi, item.titleEn)}</Text>
                      </Group>
                      <Text size="sm">{pick(i18n.language, item.bodyVi, item.bodyEn)}</Text>
                      <Text size="xs" c="dimmed">
                        {showInstant(item.createdAt)}
                      </Text>
                    </div>
                    {item.readAt ? (
                      <Text size="xs" c="dimmed">
                        {t('read')}
                      </Text>
                    ) : (
                      <Button size="xs" variant="light" onClick={() => void markRead(item.id)}>
                        {t('markRead')}
                      </Button>
                    )}
                  </Group>
                </Card>
              ))}
            </Stack>
          )
        }
      </QueryState>
    </Stack>
  );
}

import { Alert, Button, Center, Paper, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiProblem, networkProblem, unwrap } from '../api/client';
import { ProblemAlert } from '../components/problem-alert';
import { useLogout } from '../session/session';

/**
 * A password issued by an administrator must be changed before anything else (the API refuses
 * every other call until then): this screen is all such a user sees.
 */
export function ChangePasswordScreen() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const logout = useLogout();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeated, setRepeated] = useState('');
  const [problem, setProblem] = useState<ApiProblem>();
  const [busy, setBusy] = useState(false);
  const mismatch = repeated.length > 0 && repeated !== next;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (mismatch) return;
    setBusy(true);
    setProblem(undefined);
    try {
      await unwrap(api.POST('/me/password', { body: { currentPassword: current, newPassword: next } }));
      // The session continues under a new cookie: who I am is asked again, now without the flag.
      await client.invalidateQueries({ queryKey: ['me'] });
    } catch (error) {
      setProblem(error instanceof ApiProblem ? error : networkProblem(error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Center mih="100vh" p="md">
      <Paper component="main" withBorder shadow="sm" p="xl" w={420} maw="100%">
        <form onSubmit={(event) => void submit(event)} data-change-password>
          <Stack>
            <Title order={1} size="h2">
              {t('changePassword')}
            </Title>
            <Alert color="yellow">{t('mustChangePassword')}</Alert>
            <PasswordInput label={t('currentPassword')} autoComplete="current-password" required value={current} onChange={(e) => setCurrent(e.currentTarget.value)} visibilityToggleButtonProps={{ 'aria-label': t('showPassword') }} />
            <PasswordInput label={t('newPassword')} autoComplete="new-password" required value={next} onChange={(e) => setNext(e.currentTarget.value)} description={t('passwordPolicy')} visibilityToggleButtonProps={{ 'aria-label': t('showPassword') }} />
            <PasswordInput
              label={t('repeatPassword')}
              autoComplete="new-password"
              required
              value={repeated}
              onChange={(e) => setRepeated(e.currentTarget.value)}
              error={mismatch ? t('passwordsDiffer') : undefined}
              visibilityToggleButtonProps={{ 'aria-label': t('showPassword') }}
            />
            {problem && <ProblemAlert problem={problem} />}
            <Button type="submit" loading={busy} disabled={mismatch}>
              {t('changePassword')}
            </Button>
            <Text size="sm">
              <Button variant="subtle" size="xs" onClick={() => void logout()}>
                {t('logout')}
              </Button>
            </Text>
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}

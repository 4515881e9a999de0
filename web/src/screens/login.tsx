import { Alert, Button, Center, Paper, PasswordInput, SegmentedControl, Stack, TextInput, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { api, ApiProblem, unwrap } from '../api/client';
import { ProblemAlert } from '../components/problem-alert';
import { homeOf } from '../app';
import { setLanguage, type Language } from '../i18n/i18n';

/** Only a path inside the application is followed after login (never another site). */
function safeNext(next: string | null): string | undefined {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/login') ? next : undefined;
}

export function LoginScreen() {
  const { t, i18n } = useTranslation();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const client = useQueryClient();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [problem, setProblem] = useState<ApiProblem | undefined>();
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setProblem(undefined);
    try {
      const session = await unwrap(api.POST('/auth/session', { body: { username, password } }));
      client.setQueryData(['me'], { ...session.user, mustChangePassword: session.mustChangePassword });
      await navigate(safeNext(params.get('next')) ?? homeOf(session.user), { replace: true });
    } catch (error) {
      if (error instanceof ApiProblem) setProblem(error);
      else throw error;
    } finally {
      setBusy(false);
    }
  }

  return (
    <Center mih="100vh" p="md">
      <Paper component="main" withBorder shadow="sm" p="xl" w={380} maw="100%">
        <form onSubmit={(event) => void submit(event)}>
          <Stack>
            <Title order={1} size="h2">
              {t('appName')}
            </Title>
            {params.get('expired') && <Alert color="yellow">{t('sessionExpired')}</Alert>}
            <TextInput label={t('username')} name="username" autoComplete="username" required value={username} onChange={(e) => setUsername(e.currentTarget.value)} />
            <PasswordInput
              label={t('password')}
              name="password"
              autoComplete="current-password"
              visibilityToggleButtonProps={{ 'aria-label': t('showPassword') }}
              required
              value={password}
              onChange={(e) => setPassword(e.currentTarget.value)}
            />
            {problem && <ProblemAlert problem={problem} />}
            <Button type="submit" loading={busy}>
              {t('login')}
            </Button>
            <SegmentedControl
              aria-label={t('language')}
              value={i18n.language}
              onChange={(value) => void setLanguage(value as Language)}
              data={[
                { value: 'vi', label: 'Tiếng Việt' },
                { value: 'en', label: 'English' },
              ]}
            />
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}

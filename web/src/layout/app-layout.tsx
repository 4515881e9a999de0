import { Anchor, AppShell, Badge, Burger, Button, Group, NavLink, SegmentedControl, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { NavLink as RouterLink, Outlet, useLocation } from 'react-router';
import { api, unwrap } from '../api/client';
import { setLanguage, type Language } from '../i18n/i18n';
import { COORDINATOR_ROLES, REPORTER_ROLES } from '../screens/report-roles';
import { useHasRole, useLogout, usePrincipal } from '../session/session';

const REFRESH_MS = 30_000;

function useMenuCounts() {
  const tasks = useQuery({
    queryKey: ['tasks', 'counts'],
    queryFn: () => unwrap(api.GET('/me/tasks', { params: { query: { pageSize: 1 } } })),
    refetchInterval: REFRESH_MS,
  });
  const inbox = useQuery({
    queryKey: ['inbox', 'counts'],
    queryFn: () => unwrap(api.GET('/inbox', { params: { query: { pageSize: 1 } } })),
    refetchInterval: REFRESH_MS,
  });
  return { tasks: tasks.data, inbox: inbox.data };
}

/** The frame of every screen: who is logged in, the menu with its counts, the language, logout. */
export function AppLayout() {
  const { t, i18n } = useTranslation();
  const principal = usePrincipal();
  const logout = useLogout();
  const [opened, { toggle, close }] = useDisclosure();
  const { tasks, inbox } = useMenuCounts();
  const location = useLocation();
  // A national administrator works on provinces, not cases: no case screen in their menu.
  const nationalOnly = principal.roles.every((role) => role === 'NATIONAL_ADMIN');
  const isCoordinator = principal.roles.includes('PROVINCIAL_COORDINATOR');
  const reportsShown = useHasRole(...REPORTER_ROLES, ...COORDINATOR_ROLES);
  const lateTasks = tasks ? tasks.counts.late + tasks.counts.pastStatutoryLimit : 0;

  const link = (to: string, label: string, badge?: React.ReactNode) => (
    <NavLink
      component={RouterLink}
      to={to}
      label={label}
      active={location.pathname === to || location.pathname.startsWith(`${to}/`)}
      rightSection={badge}
      onClick={close}
    />
  );

  return (
    <AppShell header={{ height: 56 }} navbar={{ width: 230, breakpoint: 'sm', collapsed: { mobile: !opened } }} padding="md">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label="Menu" />
            <Title order={2} size="h4">
              {t('appName')}
            </Title>
          </Group>
          <Group gap="xs" wrap="nowrap">
            <Text size="sm" visibleFrom="sm" data-testid="who">
              {principal.username} · {principal.agencyId}
            </Text>
            <SegmentedControl
              size="xs"
              aria-label={t('language')}
              value={i18n.language}
              onChange={(value) => void setLanguage(value as Language)}
              data={[
                { value: 'vi', label: 'VI' },
                { value: 'en', label: 'EN' },
              ]}
            />
            <Button size="xs" variant="subtle" onClick={() => void logout()}>
              {t('logout')}
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label="Menu">
        <Anchor href="#main" className="no-print" size="xs" style={{ position: 'absolute', left: -9999 }} onFocus={(e) => (e.currentTarget.style.left = '8px')}>
          {t('skipToContent')}
        </Anchor>
        {nationalOnly ? (
          <>
            {link('/national', t('nationalNav'))}
            {link('/rules', t('rulesAndCalendar'))}
          </>
        ) : (
          <>
            {isCoordinator && link('/board', t('board'))}
            {link(
              '/tasks',
              t('myTasks'),
              tasks && (
                <Group gap={4} wrap="nowrap">
                  {lateTasks > 0 && (
                    <Badge color="red.8" size="sm" data-testid="tasks-late">
                      {lateTasks}
                    </Badge>
                  )}
                  <Badge color="indigo.1" size="sm" data-testid="tasks-total">
                    {tasks.total}
                  </Badge>
                </Group>
              ),
            )}
            {link(
              '/inbox',
              t('inbox'),
              inbox && inbox.unread > 0 ? (
                <Badge color="red.8" size="sm" data-testid="inbox-unread">
                  {inbox.unread}
                </Badge>
              ) : undefined,
            )}
            {!isCoordinator && link('/board', t('board'))}
            {link('/performance', t('performance'))}
            {reportsShown && link('/reports', t('reports'))}
            {isCoordinator && link('/assessments', t('assessmentsNav'))}
            {(isCoordinator || principal.roles.includes('TEAM_178_MEMBER')) && link('/team178', t('team178Nav'))}
            {link('/search', t('search'))}
            {link('/rules', t('rulesAndCalendar'))}
            {link('/cases/new', t('newCase'))}
            {principal.roles.includes('SYSTEM_ADMIN') && link('/admin', t('administration'))}
          </>
        )}
      </AppShell.Navbar>
      <AppShell.Main id="main">
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}

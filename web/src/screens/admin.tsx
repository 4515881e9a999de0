import { Alert, Badge, Button, Card, Code, Group, Modal, MultiSelect, PasswordInput, SegmentedControl, Select, Stack, Switch, Table, Tabs, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap, type Schemas } from '../api/client';
import { LegalDateInput } from '../components/legal-date-input';
import { ProblemAlert } from '../components/problem-alert';
import { QueryState } from '../components/query-state';
import { ScrollRegion } from '../components/scroll-region';
import { useChange } from '../components/use-change';
import { showDate, todayInVietnam } from '../i18n/dates';
import { enumLabel } from '../i18n/enum-labels';
import { pick } from '../i18n/i18n';
import { unitLabel } from '../i18n/unit-label';
import { usePrincipal, useProvinceId } from '../session/session';
import { CaseloadImportTab } from './caseload-import';

type User = Schemas['AdministeredUser'];
type Agency = Schemas['Agency'];
type AdministeredAgency = Schemas['AdministeredAgencyList']['items'][number];

/** Active or not (an account, a subscription), in colours that keep their contrast. */
function StateBadge({ active, label }: { active: boolean; label: string }) {
  return (
    <Badge color={active ? 'teal.2' : 'gray.3'} c="dark">
      {label}
    </Badge>
  );
}

/** The accounts of my province (the administration's lists and choices). */
function useAdminUsers() {
  const provinceId = useProvinceId();
  return useQuery({ queryKey: ['admin-users'], queryFn: () => unwrap(api.GET('/admin/users', { params: { query: { jurisdictionId: provinceId, pageSize: 500 } } })) });
}

const useAgencies = () =>
  useQuery({ queryKey: ['admin-agencies'], queryFn: () => unwrap(api.GET('/registry/agencies', { params: { query: {} } })), staleTime: 60_000 });

/** A one-time password, shown once, for the administrator to hand over. */
export function OneTimePassword({ username, password }: { username: string; password: string }) {
  const { t } = useTranslation();
  return (
    <Alert color="yellow" title={t('oneTimePasswordFor', { username })} data-testid="one-time-password">
      <Code fz="lg">{password}</Code>
      <Text size="sm" mt="xs">
        {t('oneTimePasswordNote')}
      </Text>
    </Alert>
  );
}

function NewUser({ agencies, rolesByKind }: { agencies: Agency[]; rolesByKind: Record<string, string[]> }) {
  const { t, i18n } = useTranslation();
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [agencyId, setAgencyId] = useState<string | null>(null);
  const [roles, setRoles] = useState<string[]>([]);
  const [issued, setIssued] = useState<{ username: string; oneTimePassword: string }>();
  const change = useChange([['admin-users']]);
  const kind = agencies.find((agency) => agency.id === agencyId)?.kind;
  return (
    <Card withBorder data-testid="new-user">
      <Title order={2} size="h4" mb="xs">
        {t('newUser')}
      </Title>
      <Group align="flex-end">
        <TextInput label={t('username')} value={username} onChange={(event) => setUsername(event.currentTarget.value)} required w={200} />
        <TextInput label={t('displayName')} value={displayName} onChange={(event) => setDisplayName(event.currentTarget.value)} required w={280} />
        <Select
          label={t('agency')}
          searchable
          value={agencyId}
          onChange={(value) => {
            setAgencyId(value);
            setRoles([]);
          }}
          data={agencies.map((agency) => ({ value: agency.id, label: unitLabel(i18n.language, agency.id, agency) }))}
          w={360}
          required
        />
        <MultiSelect
          label={t('roles')}
          value={roles}
          onChange={setRoles}
          data={(kind ? (rolesByKind[kind] ?? []) : []).map((role) => ({ value: role, label: enumLabel(role, i18n.language) }))}
          w={280}
          required
        />
        <Button
          loading={change.busy}
          onClick={() =>
            void change
              .run(() => unwrap(api.POST('/admin/users', { body: { username, displayName, agencyId: agencyId ?? '', roles: roles as never } })))
              .then((created) => created && setIssued(created))
          }
        >
          {t('create')}
        </Button>
      </Group>
      {change.problem && <ProblemAlert problem={change.problem} />}
      {issued && <OneTimePassword username={issued.username} password={issued.oneTimePassword} />}
    </Card>
  );
}

function UserRow({ user, agencies, rolesByKind }: { user: User; agencies: Agency[]; rolesByKind: Record<string, string[]> }) {
  const { t, i18n } = useTranslation();
  const me = usePrincipal();
  const [editing, setEditing] = useState(false);
  const [agencyId, setAgencyId] = useState<string | null>(user.agencyId);
  const [roles, setRoles] = useState<string[]>(user.roles);
  const [issued, setIssued] = useState<string>();
  const change = useChange([['admin-users']]);
  const kind = agencies.find((agency) => agency.id === agencyId)?.kind;
  return (
    <>
      <Table.Tr data-user={user.username}>
        <Table.Td>
          <Text size="sm" fw={600}>
            {user.displayName}
          </Text>
          <Text size="xs" c="dimmed">
            {user.username}
          </Text>
        </Table.Td>
        <Table.Td>{user.agencyNameVi}</Table.Td>
        <Table.Td>{user.roles.map((role) => enumLabel(role, i18n.language)).join(', ')}</Table.Td>
        <Table.Td>
          <StateBadge active={user.active} label={user.active ? t('active') : t('inactive')} />
        </Table.Td>
        <Table.Td>
          <Group gap="xs" wrap="nowrap" className="no-print">
            <Button size="xs" variant="light" onClick={() => setEditing(!editing)}>
              {t('edit')}
            </Button>
            <Button
              size="xs"
              variant="default"
              onClick={() =>
                void change
                  .run(() => unwrap(api.POST('/admin/users/{username}/password-reset', { params: { path: { username: user.username } } })))
                  .then((reset) => reset && setIssued(reset.oneTimePassword))
              }
            >
              {t('resetPassword')}
            </Button>
            {user.username !== me.username && (
              <Switch
                aria-label={`${t('active')}: ${user.username}`}
                checked={user.active}
                onChange={(event) => {
                  const active = event.currentTarget.checked;
                  void change.run(() => unwrap(api.PUT('/admin/users/{username}/active', { params: { path: { username: user.username } }, body: { active } })));
                }}
              />
            )}
          </Group>
        </Table.Td>
      </Table.Tr>
      {(editing || issued || change.problem) && (
        <Table.Tr>
          <Table.Td colSpan={5}>
            <Stack gap="xs">
              {editing && (
                <Group align="flex-end">
                  <Select
                    label={t('agency')}
                    searchable
                    value={agencyId}
                    onChange={setAgencyId}
                    data={agencies.map((agency) => ({ value: agency.id, label: unitLabel(i18n.language, agency.id, agency) }))}
                    w={360}
                  />
                  <MultiSelect
                    label={t('roles')}
                    value={roles}
                    onChange={setRoles}
                    data={(kind ? (rolesByKind[kind] ?? []) : []).map((role) => ({ value: role, label: enumLabel(role, i18n.language) }))}
                    w={280}
                  />
                  <Button
                    loading={change.busy}
                    onClick={() =>
                      void change
                        .run(() => unwrap(api.PATCH('/admin/users/{username}', { params: { path: { username: user.username } }, body: { agencyId: agencyId ?? undefined, roles: roles as never } })))
                        .then((done) => done && setEditing(false))
                    }
                  >
                    {t('save')}
                  </Button>
                </Group>
              )}
              {change.problem && <ProblemAlert problem={change.problem} />}
              {issued && <OneTimePassword username={user.username} password={issued} />}
            </Stack>
          </Table.Td>
        </Table.Tr>
      )}
    </>
  );
}

function UsersTab() {
  const { t } = useTranslation();
  const users = useAdminUsers();
  const agencies = useAgencies();
  const inForce = (agencies.data?.items ?? []).filter((agency) => agency.validTo === null);
  return (
    <QueryState query={users}>
      {(data) => (
        <Stack>
          <NewUser agencies={inForce} rolesByKind={data.rolesByAgencyKind as Record<string, string[]>} />
          <Card withBorder>
            <Text size="sm" c="dimmed" mb="xs">
              {t('usersCount', { count: data.total })}
            </Text>
            <ScrollRegion label={t('users')} minWidth={820}>
              <Table striped>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('user')}</Table.Th>
                    <Table.Th>{t('agency')}</Table.Th>
                    <Table.Th>{t('roles')}</Table.Th>
                    <Table.Th>{t('status')}</Table.Th>
                    <Table.Th>{t('actions')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.items.map((user) => (
                    <UserRow key={user.username} user={user} agencies={inForce} rolesByKind={data.rolesByAgencyKind as Record<string, string[]>} />
                  ))}
                </Table.Tbody>
              </Table>
            </ScrollRegion>
          </Card>
        </Stack>
      )}
    </QueryState>
  );
}

function AgencyEmail({ agency }: { agency: AdministeredAgency }) {
  const { t } = useTranslation();
  const [email, setEmail] = useState(agency.email ?? '');
  const change = useChange([['admin-agencies']]);
  // A test message to the saved address: the mail server's answer, shown in place.
  const trial = useChange([], { silent: true });
  const [tried, setTried] = useState<Schemas['EmailTestResult']>();
  return (
    <Stack gap={4}>
      <Group gap="xs" wrap="nowrap">
        <TextInput size="xs" aria-label={`${t('email')}: ${agency.id}`} placeholder="name@example.gov.vn" value={email} onChange={(event) => setEmail(event.currentTarget.value)} w={240} />
        <Button size="xs" variant="light" loading={change.busy} onClick={() => void change.run(() => unwrap(api.PATCH('/admin/agencies/{id}', { params: { path: { id: agency.id } }, body: { email: email || null } })))}>
          {t('save')}
        </Button>
        {agency.email && (
          <Button
            size="xs"
            variant="subtle"
            loading={trial.busy}
            onClick={() => void trial.run(() => unwrap(api.POST('/admin/agencies/{id}/test-email', { params: { path: { id: agency.id } } }))).then((result) => result && setTried(result))}
          >
            {t('sendTestEmail')}
          </Button>
        )}
      </Group>
      {tried && (
        <Text size="xs" c={tried.delivered ? 'teal.8' : 'red.8'} data-testid="email-test-result">
          {tried.delivered ? t('testEmailDelivered', { to: tried.to }) : t('testEmailFailed', { to: tried.to, error: tried.error ?? '' })}
        </Text>
      )}
      {change.problem && <ProblemAlert problem={change.problem} />}
      {trial.problem && <ProblemAlert problem={trial.problem} />}
    </Stack>
  );
}

/** 32 random bytes as base64url: a secret the receiver and the engine share (43 characters). */
function randomSecret(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function WebhookRow({ agencyId, subscription }: { agencyId: string; subscription: Schemas['WebhookSubscription'] }) {
  const { t } = useTranslation();
  const end = useChange([['admin-webhooks', agencyId]]);
  const trial = useChange([], { silent: true });
  const [tried, setTried] = useState<Schemas['WebhookTestResult']>();
  const path = { id: agencyId, subscriptionId: subscription.id };
  return (
    <Table.Tr data-webhook={subscription.url}>
      <Table.Td style={{ wordBreak: 'break-all' }}>
        {subscription.url}
        <Text size="xs" c="dimmed">
          {showDate(subscription.createdAt.slice(0, 10))}
        </Text>
      </Table.Td>
      <Table.Td>
        <StateBadge active={subscription.active} label={subscription.active ? t('webhookActive') : t('webhookEnded')} />
      </Table.Td>
      <Table.Td>
        {subscription.active && (
          <Group gap="xs" wrap="nowrap">
            <Button
              size="xs"
              variant="light"
              loading={trial.busy}
              onClick={() => void trial.run(() => unwrap(api.POST('/admin/agencies/{id}/webhooks/{subscriptionId}/test', { params: { path } }))).then((result) => result && setTried(result))}
            >
              {t('sendTestMessage')}
            </Button>
            <Button size="xs" variant="subtle" color="red" loading={end.busy} onClick={() => void end.run(() => unwrap(api.DELETE('/admin/agencies/{id}/webhooks/{subscriptionId}', { params: { path } })))}>
              {t('endWebhook')}
            </Button>
          </Group>
        )}
        {tried && (
          <Text size="xs" c={tried.delivered ? 'teal.8' : 'red.8'} data-testid="webhook-test-result">
            {tried.delivered ? t('testWebhookDelivered', { status: tried.status }) : t('testWebhookFailed', { error: tried.error ?? String(tried.status) })}
          </Text>
        )}
        {end.problem && <ProblemAlert problem={end.problem} />}
        {trial.problem && <ProblemAlert problem={trial.problem} />}
      </Table.Td>
    </Table.Tr>
  );
}

/** An agency's webhook subscriptions: listed, tried, ended, and a new one added with a secret shown only then. */
function AgencyWebhooks({ agency }: { agency: AdministeredAgency }) {
  const { t, i18n } = useTranslation();
  const [opened, setOpened] = useState(false);
  const [url, setUrl] = useState('');
  const [secret, setSecret] = useState('');
  const subscriptions = useQuery({
    queryKey: ['admin-webhooks', agency.id],
    queryFn: () => unwrap(api.GET('/admin/agencies/{id}/webhooks', { params: { path: { id: agency.id } } })),
    enabled: opened,
  });
  const add = useChange([['admin-webhooks', agency.id]]);
  const name = pick(i18n.language, agency.nameVi, agency.nameEn);
  return (
    <>
      <Button size="xs" variant="light" onClick={() => setOpened(true)} aria-label={`${t('webhooks')}: ${agency.id}`}>
        {t('webhooks')}
      </Button>
      <Modal opened={opened} onClose={() => setOpened(false)} title={t('webhooksOf', { agency: name })} size="xl" closeButtonProps={{ 'aria-label': t('close') }}>
        <Stack>
          <Text size="sm">{t('webhooksNote')}</Text>
          <QueryState query={subscriptions}>
            {(data) =>
              data.items.length === 0 ? (
                <Text size="sm" c="dimmed">
                  {t('noWebhooks')}
                </Text>
              ) : (
                <Table>
                  <Table.Tbody>
                    {data.items.map((subscription) => (
                      <WebhookRow key={subscription.id} agencyId={agency.id} subscription={subscription} />
                    ))}
                  </Table.Tbody>
                </Table>
              )
            }
          </QueryState>
          <form
            onSubmit={(event) => {
              event.preventDefault();
              void add.run(() => unwrap(api.POST('/admin/agencies/{id}/webhooks', { params: { path: { id: agency.id } }, body: { url, secret } }))).then((created) => {
                if (created) {
                  setUrl('');
                  setSecret('');
                }
              });
            }}
          >
            <Stack gap="xs">
              <TextInput label={t('webhookUrl')} required type="url" value={url} onChange={(event) => setUrl(event.currentTarget.value)} />
              <Group align="flex-end" wrap="nowrap">
                <PasswordInput
                  label={t('webhookSecret')}
                  required
                  minLength={32}
                  autoComplete="off"
                  value={secret}
                  onChange={(event) => setSecret(event.currentTarget.value)}
                  visibilityToggleButtonProps={{ 'aria-label': t('showPassword') }}
                  style={{ flex: 1 }}
                />
                <Button variant="default" onClick={() => setSecret(randomSecret())}>
                  {t('generateSecret')}
                </Button>
              </Group>
              {add.problem && <ProblemAlert problem={add.problem} />}
              <Group justify="flex-end">
                <Button type="submit" loading={add.busy}>
                  {t('subscribe')}
                </Button>
              </Group>
            </Stack>
          </form>
        </Stack>
      </Modal>
    </>
  );
}

function AgenciesTab() {
  const { t, i18n } = useTranslation();
  const agencies = useQuery({ queryKey: ['admin-agencies', 'emails'], queryFn: () => unwrap(api.GET('/admin/agencies')) });
  return (
    <QueryState query={agencies}>
      {(data) => (
        <Card withBorder>
          <ScrollRegion label={t('agencies')} minWidth={920}>
            <Table striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('agency')}</Table.Th>
                  <Table.Th>{t('kind')}</Table.Th>
                  <Table.Th>{t('unit')}</Table.Th>
                  <Table.Th>{t('notificationEmail')}</Table.Th>
                  <Table.Th>{t('webhooks')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.items
                  .filter((agency) => agency.validTo === null)
                  .map((agency) => (
                    <Table.Tr key={agency.id} data-agency={agency.id}>
                      <Table.Td>
                        {pick(i18n.language, agency.nameVi, agency.nameEn)}
                        <Text size="xs" c="dimmed">
                          {agency.id}
                        </Text>
                      </Table.Td>
                      <Table.Td>{enumLabel(agency.kind, i18n.language)}</Table.Td>
                      <Table.Td>{agency.jurisdictionId}</Table.Td>
                      <Table.Td>
                        <AgencyEmail agency={agency} />
                      </Table.Td>
                      <Table.Td>
                        <AgencyWebhooks agency={agency} />
                      </Table.Td>
                    </Table.Tr>
                  ))}
              </Table.Tbody>
            </Table>
          </ScrollRegion>
        </Card>
      )}
    </QueryState>
  );
}

/** Units merged into one from a date, entered as data: the answer says what ended, what was created and who moved. */
function ReorganisationTab() {
  const { t, i18n } = useTranslation();
  const units = useQuery({ queryKey: ['admin-units'], queryFn: () => unwrap(api.GET('/registry/jurisdictions', { params: { query: { level: 'COMMUNE' } } })) });
  const [effectiveOn, setEffectiveOn] = useState<string | null>(todayInVietnam());
  const [reason, setReason] = useState('');
  const [mode, setMode] = useState<'merge' | 'split'>('merge');
  const [from, setFrom] = useState<string[]>([]);
  const [into, setInto] = useState<string | null>(null);
  const [splitFrom, setSplitFrom] = useState<string | null>(null);
  const [splitInto, setSplitInto] = useState<string[]>([]);
  const [newUnit, setNewUnit] = useState(false);
  const [newId, setNewId] = useState('');
  const [newNameVi, setNewNameVi] = useState('');
  const [newNameEn, setNewNameEn] = useState('');
  const [done, setDone] = useState<Schemas['Reorganisation']>();
  const change = useChange([['admin-units'], ['admin-agencies'], ['admin-users']]);
  const options = (units.data?.items ?? []).map((unit) => ({ value: unit.id, label: unitLabel(i18n.language, unit.id, unit) }));
  const created = { id: newId, nameVi: newNameVi, nameEn: newNameEn };
  const submit = () =>
    change
      .run(() =>
        unwrap(
          api.POST('/admin/reorganisations', {
            body: {
              effectiveOn: effectiveOn ?? '',
              reason,
              ...(mode === 'merge'
                ? { merges: [{ from, into: newUnit ? created : { existing: into ?? '' } }] }
                : { splits: [{ from: splitFrom ?? '', into: [...splitInto.map((existing) => ({ existing })), ...(newUnit ? [created] : [])] }] }),
              moveUsers: true,
            },
          }),
        ),
      )
      .then((result) => result && setDone(result));
  return (
    <Card withBorder data-testid="reorganisation">
      <Title order={2} size="h4" mb="xs">
        {t('reorganisation')}
      </Title>
      <Text size="sm" mb="sm">
        {t('reorganisationNote')}
      </Text>
      <Stack>
        <SegmentedControl
          value={mode}
          onChange={(value) => setMode(value as 'merge' | 'split')}
          data={[
            { value: 'merge', label: t('reorganiseMerge') },
            { value: 'split', label: t('reorganiseSplit') },
          ]}
          w={260}
        />
        <Group align="flex-end">
          <LegalDateInput label={t('effectiveOn')} value={effectiveOn} onChange={(value) => setEffectiveOn(value ?? null)} required w={200} />
          {mode === 'merge' ? (
            <MultiSelect label={t('unitsMerged')} searchable value={from} onChange={setFrom} data={options} w={420} required />
          ) : (
            <Select label={t('unitSplit')} searchable value={splitFrom} onChange={setSplitFrom} data={options} w={420} required />
          )}
        </Group>
        {mode === 'split' && (
          <>
            <Text size="sm">{t('splitNote')}</Text>
            <MultiSelect label={t('splitInto')} searchable value={splitInto} onChange={setSplitInto} data={options.filter((option) => option.value !== splitFrom)} w={420} />
          </>
        )}
        <Switch label={t(mode === 'merge' ? 'intoNewUnit' : 'alsoNewUnit')} checked={newUnit} onChange={(event) => setNewUnit(event.currentTarget.checked)} />
        {mode === 'split' ? (
          newUnit && (
            <Group>
              <TextInput label={t('newUnitId')} value={newId} onChange={(event) => setNewId(event.currentTarget.value)} w={180} />
              <TextInput label={t('nameVi')} value={newNameVi} onChange={(event) => setNewNameVi(event.currentTarget.value)} w={260} />
              <TextInput label={t('nameEn')} value={newNameEn} onChange={(event) => setNewNameEn(event.currentTarget.value)} w={260} />
            </Group>
          )
        ) : newUnit ? (
          <Group>
            <TextInput label={t('newUnitId')} value={newId} onChange={(event) => setNewId(event.currentTarget.value)} w={180} />
            <TextInput label={t('nameVi')} value={newNameVi} onChange={(event) => setNewNameVi(event.currentTarget.value)} w={260} />
            <TextInput label={t('nameEn')} value={newNameEn} onChange={(event) => setNewNameEn(event.currentTarget.value)} w={260} />
          </Group>
        ) : (
          <Select label={t('successorUnit')} searchable value={into} onChange={setInto} data={options.filter((option) => !from.includes(option.value))} w={420} />
        )}
        <Textarea label={t('reorganisationReason')} value={reason} onChange={(event) => setReason(event.currentTarget.value)} required maw={720} />
        {change.problem && <ProblemAlert problem={change.problem} />}
        <Group>
          <Button onClick={() => void submit()} loading={change.busy} data-testid="reorganise">
            {t('reorganise')}
          </Button>
        </Group>
        {done && (
          <Alert color="teal" title={t('reorganised')} data-testid="reorganised">
            <Text size="sm">
              {t('unitsEnded')}: {done.unitsEnded.map((row) => `${row.id} → ${row.successorId}`).join(', ')}
            </Text>
            {done.unitsSplit.length > 0 && (
              <Text size="sm">
                {t('unitsSplitInto')}: {done.unitsSplit.map((row) => `${row.id} → ${row.successorIds.join(' + ')}`).join(', ')}
              </Text>
            )}
            <Text size="sm">
              {t('agenciesEnded')}: {done.agenciesEnded.map((row) => `${row.id} → ${row.successorId}`).join(', ')}
            </Text>
            <Text size="sm">
              {t('usersMoved')}: {done.usersMoved.length} · {t('openStepsTakenOver')}: {done.openStepsTakenOver}
            </Text>
          </Alert>
        )}
      </Stack>
    </Card>
  );
}

/** Deputies acting for an absent head between two dates: named, listed, ended early. */
function DeputationsTab() {
  const { t, i18n } = useTranslation();
  const deputations = useQuery({ queryKey: ['admin-deputations'], queryFn: () => unwrap(api.GET('/admin/deputations')) });
  const users = useAdminUsers();
  const [deputy, setDeputy] = useState<string | null>(null);
  const [absent, setAbsent] = useState<string | null>(null);
  const [role, setRole] = useState<string | null>(null);
  const [from, setFrom] = useState<string | null>(todayInVietnam());
  const [to, setTo] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const change = useChange([['admin-deputations']]);
  const accounts = (users.data?.items ?? []).filter((user) => user.active);
  const absentUser = accounts.find((user) => user.username === absent);
  const heads = ['COMMUNE_CHAIRMAN', 'CHIEF_JUDGE', 'COMMUNE_POLICE_HEAD', 'FACILITY_DIRECTOR'];
  const label = (user: User) => `${user.displayName} (${user.username})`;
  return (
    <Stack>
      <Card withBorder data-testid="new-deputation">
        <Title order={2} size="h4" mb="xs">
          {t('newDeputation')}
        </Title>
        <Group align="flex-end">
          <Select label={t('absentColleague')} searchable value={absent} onChange={setAbsent} data={accounts.filter((user) => user.roles.some((r) => heads.includes(r))).map((user) => ({ value: user.username, label: label(user) }))} w={320} />
          <Select
            label={t('roleHeld')}
            value={role}
            onChange={setRole}
            data={(absentUser?.roles ?? []).filter((r) => heads.includes(r)).map((r) => ({ value: r, label: enumLabel(r, i18n.language) }))}
            w={220}
          />
          <Select label={t('deputy')} searchable value={deputy} onChange={setDeputy} data={accounts.filter((user) => user.agencyId === absentUser?.agencyId && user.username !== absent).map((user) => ({ value: user.username, label: label(user) }))} w={320} />
          <LegalDateInput label={t('fromDate')} value={from} onChange={(value) => setFrom(value ?? null)} w={160} />
          <LegalDateInput label={t('toDate')} value={to} onChange={(value) => setTo(value ?? null)} w={160} />
        </Group>
        <Textarea label={t('reason')} value={reason} onChange={(event) => setReason(event.currentTarget.value)} maw={720} mt="xs" />
        {change.problem && <ProblemAlert problem={change.problem} />}
        <Group mt="sm">
          <Button
            loading={change.busy}
            onClick={() =>
              void change.run(() =>
                unwrap(api.POST('/admin/deputations', { body: { deputyUsername: deputy ?? '', forUsername: absent ?? '', role: (role ?? '') as never, from: from ?? '', to: to ?? '', reason } })),
              )
            }
          >
            {t('create')}
          </Button>
        </Group>
      </Card>
      <QueryState query={deputations}>
        {(data) => (
          <Card withBorder>
            <ScrollRegion label={t('deputations')} minWidth={760}>
              <Table striped>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('deputy')}</Table.Th>
                    <Table.Th>{t('absentColleague')}</Table.Th>
                    <Table.Th>{t('roleHeld')}</Table.Th>
                    <Table.Th>{t('period')}</Table.Th>
                    <Table.Th>{t('status')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.items.map((row) => (
                    <Table.Tr key={row.id} data-deputation={row.id}>
                      <Table.Td>{row.deputyUsername}</Table.Td>
                      <Table.Td>{row.forUsername}</Table.Td>
                      <Table.Td>{enumLabel(row.role, i18n.language)}</Table.Td>
                      <Table.Td>
                        {showDate(row.from)} – {showDate(row.to)}
                      </Table.Td>
                      <Table.Td>
                        <Group gap="xs">
                          <Badge color={row.inForce ? 'teal.2' : 'gray.3'} c="dark">
                            {row.inForce ? t('inForce') : row.revokedAt ? t('ended') : t('notInForce')}
                          </Badge>
                          {!row.revokedAt && (
                            <Button size="xs" variant="default" onClick={() => void change.run(() => unwrap(api.DELETE('/admin/deputations/{id}', { params: { path: { id: row.id } } })))}>
                              {t('endNow')}
                            </Button>
                          )}
                        </Group>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </ScrollRegion>
          </Card>
        )}
      </QueryState>
    </Stack>
  );
}

/** The province's administration: users, agencies and their notification addresses, reorganisations, its running cases imported. */
export function AdminScreen() {
  const { t } = useTranslation();
  return (
    <Stack>
      <Title order={1} size="h2">
        {t('administration')}
      </Title>
      <Tabs defaultValue="users" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="users">{t('users')}</Tabs.Tab>
          <Tabs.Tab value="agencies">{t('agencies')}</Tabs.Tab>
          <Tabs.Tab value="deputations">{t('deputations')}</Tabs.Tab>
          <Tabs.Tab value="reorganisation">{t('reorganisation')}</Tabs.Tab>
          <Tabs.Tab value="caseload">{t('caseloadImport')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="users" pt="sm">
          <UsersTab />
        </Tabs.Panel>
        <Tabs.Panel value="agencies" pt="sm">
          <AgenciesTab />
        </Tabs.Panel>
        <Tabs.Panel value="deputations" pt="sm">
          <DeputationsTab />
        </Tabs.Panel>
        <Tabs.Panel value="reorganisation" pt="sm">
          <ReorganisationTab />
        </Tabs.Panel>
        <Tabs.Panel value="caseload" pt="sm">
          <CaseloadImportTab />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

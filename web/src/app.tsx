import { Center, Loader } from '@mantine/core';
import { lazy, Suspense, useEffect } from 'react';
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router';
import { whenSessionLost } from './api/client';
import { AppLayout } from './layout/app-layout';
import { BoardScreen } from './screens/board';
import { BoardStepsScreen } from './screens/board-steps';
import { ChangePasswordScreen } from './screens/change-password';
import { InboxScreen } from './screens/inbox';
import { LoginScreen } from './screens/login';
import { MyTasksScreen } from './screens/my-tasks';
import { NotFoundScreen } from './screens/not-found';
import { PersonScreen } from './screens/person';
import { SearchScreen } from './screens/search';
import { SessionProvider, useMe, type Principal } from './session/session';

// The forms (JSON Schema, its validator) load with the screens that have them, not with the first screen.
const CaseScreen = lazy(() => import('./screens/case').then((m) => ({ default: m.CaseScreen })));
const ReportScreen = lazy(() => import('./screens/report').then((m) => ({ default: m.ReportScreen })));
const ReportsScreen = lazy(() => import('./screens/reports').then((m) => ({ default: m.ReportsScreen })));
const RollupScreen = lazy(() => import('./screens/rollup').then((m) => ({ default: m.RollupScreen })));
const PerformanceScreen = lazy(() => import('./screens/performance').then((m) => ({ default: m.PerformanceScreen })));
const RulesScreen = lazy(() => import('./screens/rules').then((m) => ({ default: m.RulesScreen })));
const RuleScreen = lazy(() => import('./screens/rules').then((m) => ({ default: m.RuleScreen })));
const CalendarScreen = lazy(() => import('./screens/calendar').then((m) => ({ default: m.CalendarScreen })));
const AdminScreen = lazy(() => import('./screens/admin').then((m) => ({ default: m.AdminScreen })));
const NationalScreen = lazy(() => import('./screens/national').then((m) => ({ default: m.NationalScreen })));
const Team178Screen = lazy(() => import('./screens/team178').then((m) => ({ default: m.Team178Screen })));
const AssessmentsScreen = lazy(() => import('./screens/assessments').then((m) => ({ default: m.AssessmentsScreen })));
const NewCaseScreen = lazy(() => import('./screens/new-case').then((m) => ({ default: m.NewCaseScreen })));

const loading = (
  <Center h="50vh">
    <Loader aria-label="…" />
  </Center>
);

/** A coordinator starts at the live board; everyone else at their tasks. */
export function homeOf(principal: Pick<Principal, 'roles'>): string {
  if (principal.roles.includes('NATIONAL_ADMIN')) return '/national';
  return principal.roles.includes('PROVINCIAL_COORDINATOR') ? '/board' : '/tasks';
}

export function App() {
  const me = useMe();
  const navigate = useNavigate();
  const location = useLocation();

  useEffect(() => {
    // An expired session returns to the login screen, which brings the user back here after.
    whenSessionLost(() => {
      if (window.location.pathname.endsWith('/login')) return;
      const back = window.location.pathname.replace(/^\/app/, '') + window.location.search;
      void navigate(`/login?expired=1&next=${encodeURIComponent(back)}`, { replace: true });
      void me.refetch();
    });
  }, [navigate, me]);

  if (me.isPending) return loading;
  if (!me.data) {
    return (
      <Routes>
        <Route path="/login" element={<LoginScreen />} />
        <Route path="*" element={<Navigate to={`/login?next=${encodeURIComponent(location.pathname + location.search)}`} replace />} />
      </Routes>
    );
  }
  const principal = me.data;
  // An issued password is changed first: the API refuses every other call until then.
  if (principal.mustChangePassword) return <ChangePasswordScreen />;
  return (
    <SessionProvider principal={principal}>
      <Suspense fallback={loading}>
      <Routes>
        <Route path="/login" element={<LoginScreen />} />
        <Route element={<AppLayout />}>
          <Route index element={<Navigate to={homeOf(principal)} replace />} />
          <Route path="/tasks" element={<MyTasksScreen />} />
          <Route path="/inbox" element={<InboxScreen />} />
          <Route path="/board" element={<BoardScreen />} />
          <Route path="/board/steps" element={<BoardStepsScreen />} />
          <Route path="/cases/new" element={<NewCaseScreen />} />
          <Route path="/cases/:caseRef" element={<CaseScreen />} />
          <Route path="/search" element={<SearchScreen />} />
          <Route path="/performance" element={<PerformanceScreen />} />
          <Route path="/rules" element={<RulesScreen />} />
          <Route path="/rules/:key" element={<RuleScreen />} />
          <Route path="/calendar" element={<CalendarScreen />} />
          <Route path="/reports" element={<ReportsScreen />} />
          <Route path="/reports/:reportId" element={<ReportScreen />} />
          <Route path="/reporting/runs/:runId" element={<RollupScreen />} />
          <Route path="/assessments" element={<AssessmentsScreen />} />
          <Route path="/team178" element={<Team178Screen />} />
          <Route path="/admin" element={<AdminScreen />} />
          <Route path="/national" element={<NationalScreen />} />
          <Route path="/persons/:personId" element={<PersonScreen />} />
          <Route path="*" element={<NotFoundScreen />} />
        </Route>
      </Routes>
      </Suspense>
    </SessionProvider>
  );
}

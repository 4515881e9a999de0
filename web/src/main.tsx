import '@mantine/core/styles.css';
import '@mantine/dates/styles.css';
import '@mantine/notifications/styles.css';
import '@mantine/charts/styles.css';
import './theme.css';
import './print.css';
import { Badge, createTheme, MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { ApiProblem } from './api/client';
import { App } from './app';
import { startI18n } from './i18n/i18n';

// Shade 8 keeps white text on filled buttons above WCAG AA contrast (4.5:1).
// autoContrast picks black or white text on each filled colour.
// Badges carry short statuses ("Quá hạn 4 ngày", "Chưa xác nhận") that must be read whole: their
// label is never cut with an ellipsis, the column grows instead.
const theme = createTheme({
  primaryColor: 'indigo',
  primaryShade: 8,
  autoContrast: true,
  defaultRadius: 'sm',
  components: { Badge: Badge.extend({ styles: { label: { overflow: 'visible' } } }) },
});

const queries = new QueryClient({
  defaultOptions: {
    queries: {
      // A refusal (4xx) will not change by asking again; a lost connection may.
      retry: (count, error) => !(error instanceof ApiProblem && error.status < 500) && count < 2,
      refetchOnWindowFocus: true,
    },
  },
});

void startI18n().then(() => {
  createRoot(document.getElementById('root') as HTMLElement).render(
    <StrictMode>
      <MantineProvider theme={theme}>
        {/* Bottom right: a "saved" note never covers the header, a dialog's close button or the form being filled. */}
        <Notifications position="bottom-right" />
        <QueryClientProvider client={queries}>
          <BrowserRouter basename="/app">
            <App />
          </BrowserRouter>
        </QueryClientProvider>
      </MantineProvider>
    </StrictMode>,
  );
});

import { Alert, List, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ApiProblem } from '../api/client';
import { pick } from '../i18n/i18n';

/** The API's own answer to a refused request, in the chosen language, with each field named. */
export function ProblemAlert({ problem }: { problem: ApiProblem }) {
  const { t, i18n } = useTranslation();
  const body = problem.body;
  const lang = i18n.language;
  const openSteps = Array.isArray(body.openSteps) ? (body.openSteps as { stepKey?: string; ruleKey?: string; titleVi?: string; titleEn?: string }[]) : [];
  const allowed = Array.isArray(body.allowedActions) ? (body.allowedActions as string[]) : [];
  const violations = Array.isArray(body.violations) ? (body.violations as { message: string; messageEn: string }[]) : [];
  return (
    <Alert
      color={problem.status >= 500 ? 'red' : 'orange'}
      title={`${pick(lang, body.title, body.titleEn)} (${problem.status})`}
      role="alert"
      data-problem={body.code}
      // The light variant's orange title is too pale to read on its background (WCAG AA): the text colour instead.
      styles={{ title: { color: 'var(--mantine-color-text)' } }}
    >
      <Text size="sm">{pick(lang, body.detail, body.detailEn)}</Text>
      {body.errors && body.errors.length > 0 && (
        <>
          <Text size="sm" fw={600} mt="xs">
            {t('errorFields')}
          </Text>
          <List size="sm">
            {body.errors.map((error) => (
              <List.Item key={error.field + error.message}>
                <code>{error.field}</code>: {pick(lang, error.message, error.messageEn)}
              </List.Item>
            ))}
          </List>
        </>
      )}
      {violations.length > 0 && (
        <List size="sm" mt="xs">
          {violations.map((violation) => (
            <List.Item key={violation.messageEn}>{pick(lang, violation.message, violation.messageEn)}</List.Item>
          ))}
        </List>
      )}
      {openSteps.length > 0 && (
        <Text size="sm" mt="xs">
          {t('openStepsNow')}: {openSteps.map((step) => (step.titleVi ? pick(lang, step.titleVi, step.titleEn ?? step.titleVi) : (step.stepKey ?? step.ruleKey))).join(', ')}
        </Text>
      )}
      {allowed.length > 0 && (
        <Text size="sm">
          {t('allowedNow')}: {allowed.join(', ')}
        </Text>
      )}
    </Alert>
  );
}

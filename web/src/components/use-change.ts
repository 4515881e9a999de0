import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiProblem, networkProblem } from '../api/client';

/**
 * A change sent to the API from a form: busy while it runs, the API's refusal kept to be shown in
 * place (the typed input stays), "saved" when it went through, and the queries it touched refreshed.
 * `silent`: no "saved" note (a trial, such as a test message, whose answer is shown in place).
 */
export function useChange(touched: readonly (readonly string[])[] = [], options: { silent?: boolean } = {}) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [problem, setProblem] = useState<ApiProblem>();
  const [busy, setBusy] = useState(false);
  async function run<T>(change: () => Promise<T>): Promise<T | undefined> {
    setBusy(true);
    setProblem(undefined);
    try {
      const result = await change();
      if (!options.silent) notifications.show({ color: 'teal', message: t('saved'), closeButtonProps: { 'aria-label': t('close') } });
      await Promise.all(touched.map((queryKey) => client.invalidateQueries({ queryKey: [...queryKey] })));
      return result;
    } catch (error) {
      setProblem(error instanceof ApiProblem ? error : networkProblem(error));
      return undefined;
    } finally {
      setBusy(false);
    }
  }
  return { run, problem, busy, setProblem };
}

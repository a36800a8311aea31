import type { ReactNode } from 'react';
import type { CombinedError } from 'urql';
import { ErrorSummary, Loading } from './Page.js';
import { useApiMessages } from './useFormErrors.js';

/** Loading, error or the content: a failed query says what failed (in the chosen language) instead of a blank page. */
export function QueryState({
  fetching,
  error,
  hasData,
  children,
}: {
  fetching: boolean;
  error?: CombinedError;
  hasData: boolean;
  children: ReactNode;
}) {
  const apiMessages = useApiMessages();
  if (hasData) return <>{children}</>;
  if (error) return <ErrorSummary messages={apiMessages(error)} />;
  if (fetching) return <Loading />;
  return null;
}

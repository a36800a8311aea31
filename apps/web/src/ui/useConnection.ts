import { useState } from 'react';
import { type AnyVariables, type DocumentInput, type OperationContext, type RequestPolicy, useQuery } from 'urql';

/** What every list query of the api returns (a cursor-paginated connection). */
export interface Connection<Node> {
  totalCount?: number;
  nodes: readonly Node[];
  pageInfo: { hasNextPage: boolean; endCursor?: string | null };
}

/** One step of "Visa fler", and the api's largest page. */
export const PAGE_STEP = 20;
const MAX_PAGE = 100;

interface Window<Node> {
  /** The list's own variables (filters) this window belongs to: a new filter starts from the top. */
  key: string;
  size: number;
  after: string | null;
  /** Rows of earlier windows, kept once the list has grown past the api's largest page. */
  earlier: Node[];
}

/**
 * A list that grows: "Visa fler" adds the next rows below the ones shown (never replaces them). Up to the api's
 * largest page the list is one query asked for more rows, so a change made on the page (a need triaged, a
 * notification read) refreshes every row shown; past it, further windows follow the last row's cursor.
 * The query takes `$first: Int` and `$after: String`.
 */
export function useConnection<Data, Variables extends AnyVariables, Node extends { id: string }>({
  query,
  variables,
  context,
  pick,
  pause,
  requestPolicy,
}: {
  query: DocumentInput<Data, Variables>;
  variables: Omit<Variables, 'first' | 'after'>;
  context?: Partial<OperationContext>;
  pick: (data: Data) => Connection<Node>;
  /** Not asked (the list is not for this user). */
  pause?: boolean;
  requestPolicy?: RequestPolicy;
}) {
  const key = JSON.stringify(variables);
  const [stored, setWindow] = useState<Window<Node>>({ key, size: PAGE_STEP, after: null, earlier: [] });
  const window = stored.key === key ? stored : { key, size: PAGE_STEP, after: null, earlier: [] };
  const [result, refetch] = useQuery<Data, Variables>({
    query,
    variables: { ...variables, first: window.size, after: window.after } as unknown as Variables,
    context,
    pause,
    requestPolicy,
  });
  const connection = result.data ? pick(result.data) : undefined;
  const shown = new Set(window.earlier.map((node) => node.id));
  const nodes = [...window.earlier, ...(connection?.nodes ?? []).filter((node) => !shown.has(node.id))];
  const loadMore = () => {
    if (!connection || result.fetching) return;
    setWindow(
      window.size < MAX_PAGE
        ? { ...window, size: Math.min(window.size + PAGE_STEP, MAX_PAGE) }
        : { key, size: MAX_PAGE, after: connection.pageInfo.endCursor ?? null, earlier: nodes },
    );
  };
  return {
    ...result,
    hasData: !!connection,
    nodes,
    totalCount: connection?.totalCount,
    hasMore: !!connection?.pageInfo.hasNextPage,
    loadMore,
    refetch,
  };
}

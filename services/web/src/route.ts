import { useEffect, useState } from 'react';

const CHANGE = 'pingyi:navigate';

/** Moves to another page of the app without reloading. */
export function navigate(path: string, replace = false): void {
  if (replace) history.replaceState(null, '', path);
  else history.pushState(null, '', path);
  window.dispatchEvent(new Event(CHANGE));
}

/** The current address' path; re-renders on navigation and on the browser's back and forward. */
export function usePath(): string {
  const [path, setPath] = useState(location.pathname);
  useEffect(() => {
    const update = () => setPath(location.pathname);
    window.addEventListener('popstate', update);
    window.addEventListener(CHANGE, update);
    return () => {
      window.removeEventListener('popstate', update);
      window.removeEventListener(CHANGE, update);
    };
  }, []);
  return path;
}

/** The page of a task's action (the mutation named by `Task.action`), or null when it has no page yet. */
export function taskPage(
  action: string,
  commitmentId: string,
  rectificationId?: string | null,
): string | null {
  const page: Record<string, string> = {
    submitCommitment: 'draft',
    reviewCommitment: 'acceptance',
    submitLeadershipReview: 'review',
    reportProgress: 'fulfilment',
    submitSelfEvaluation: 'fulfilment',
    decideOutcome: 'outcome',
  };
  if (page[action]) return `/commitments/${encodeURIComponent(commitmentId)}/${page[action]}`;
  const onRectification = [
    'completeRectification',
    'verifyRectification',
    'recordFollowUp',
    'fillAccountabilityCause',
  ];
  if (rectificationId && onRectification.includes(action))
    return `/rectifications/${encodeURIComponent(rectificationId)}`;
  return null;
}

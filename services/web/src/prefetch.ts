/**
 * The step and list pages load when first opened (React.lazy in App.tsx). A second after a signed-in person's first
 * page opened, whenever the browser is idle, their code is fetched and evaluated ahead, so the first move from the 工作台 to a
 * commitment or a list waits only for its data (measured by `npm run bench:web`). Skipped when the browser asks to
 * save data. The same modules as App.tsx's lazy imports: the bundler makes one chunk of each.
 */
const PAGES: (() => Promise<unknown>)[] = [
  () => import('./pages/DraftPage'),
  () => import('./pages/CommitmentPage'),
  () => import('./pages/CommitmentListPage'),
  () => import('./pages/FulfilmentPage'),
  () => import('./pages/AcceptancePage'),
  () => import('./pages/LeadershipReviewPage'),
  () => import('./pages/RectificationPage'),
  () => import('./pages/OutcomePage'),
  () => import('./pages/MutualReviewPage'),
  () => import('./pages/CampaignListPage'),
  () => import('./pages/CampaignFormPage'),
];

let started = false;

export function prefetchPages(): void {
  const connection = (navigator as { connection?: { saveData?: boolean } }).connection;
  if (started || connection?.saveData) return;
  started = true;
  const next = (i: number) => {
    const load = PAGES[i];
    if (!load) return;
    // One page at a time, each when the browser is idle: the page on screen keeps the main thread.
    const run = () =>
      void load().then(
        () => next(i + 1),
        () => next(i + 1),
      );
    if ('requestIdleCallback' in window) requestIdleCallback(run, { timeout: 3000 });
    else setTimeout(run, 200);
  };
  // After the first page has had a second to fetch and show its own data.
  setTimeout(() => next(0), 1000);
}

import { MassEvaluationPage } from './MassEvaluationPage';
import { PublicBoardPage } from './PublicBoardPage';

/** Addresses of the public pages (no sign-in, the anonymous channel). */
export const isPublicPath = (path: string): boolean => path === '/public' || path.startsWith('/public/');

/** The public pages: 群众评议 with a code, and the 公开承诺与亮评 board with objections during publicity. */
export function PublicApp({ path }: { path: string }) {
  return path.startsWith('/public/board') ? <PublicBoardPage /> : <MassEvaluationPage />;
}

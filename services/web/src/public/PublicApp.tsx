import { MassEvaluationPage } from './MassEvaluationPage';
import { PublicBoardPage } from './PublicBoardPage';

/** The public pages: 群众评议 with a code, and the 公开承诺与亮评 board with objections during publicity. */
export function PublicApp({ path }: { path: string }) {
  return path.startsWith('/public/board') ? <PublicBoardPage /> : <MassEvaluationPage />;
}

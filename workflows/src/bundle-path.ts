import { join } from 'node:path';

/** Where `npm run build` writes the bundled workflow code (workflows/dist/workflow-bundle.js). */
export const WORKFLOW_BUNDLE_PATH = join(__dirname, '..', 'dist', 'workflow-bundle.js');

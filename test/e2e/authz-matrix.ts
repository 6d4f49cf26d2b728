import type { Role } from '@pingyi/contracts';
import { AuthzWorld } from './authz-world';
import { GOOD_REVIEW } from './lifecycle-fixtures';
import { idNumber } from './org-fixtures';

/**
 * The authorization matrix: one entry per operation of the federated schema. The e2e test fails for an operation
 * without an entry, so nothing new ships unchecked.
 *
 * - `vars`: arguments aimed at county A's data (the world's target); `variants` add more (e.g. a wider org path).
 * - `may`: the roles that may ever change state with it (checked: everyone else, and everyone out of scope, changes
 *   nothing). `'open'`: anyone may (the public channel's objection and mass evaluation; the public board).
 * - `inScopeData`: the prefecture admin, in scope, gets data back (so the out-of-scope checks are not vacuous).
 */
export interface MatrixEntry {
  vars: (w: AuthzWorld) => Record<string, unknown>;
  variants?: (w: AuthzWorld) => Record<string, unknown>[];
  may: Role[] | 'open';
  inScopeData?: boolean;
}

const ADMINS: Role[] = ['prefecture_admin', 'county_admin'];
const PEOPLE: Role[] = ['prefecture_admin', 'county_admin', 'unit_secretary', 'reviewer', 'member'];
const nothing = () => AuthzWorld.nothing();
const item = { content: '帮扶困难群众', target: '全年10户', dueDate: '2026-12-31' };
const note = '已按计划推进整改工作';

export const MATRIX: Record<string, MatrixEntry> = {
  // ---- queries (may: who may read; state never changes) ----
  commitment: { vars: (w) => ({ id: w.ids['c_m1'] }), may: PEOPLE, inScopeData: true },
  commitments: {
    vars: (w) => ({ filter: { campaignId: w.ids['campaign'], orgPath: w.unit.A.path }, first: 50 }),
    variants: (w) => [
      { filter: { campaignId: w.ids['campaign'], orgPath: w.unit.P.path }, first: 50 },
      { filter: { campaignId: w.ids['campaign'] }, first: 50 },
    ],
    may: PEOPLE,
    inScopeData: true,
  },
  searchCommitments: {
    vars: (w) => ({ input: { campaignId: w.ids['campaign'], orgPath: w.unit.A.path, first: 50 } }),
    variants: (w) => [
      { input: { campaignId: w.ids['campaign'], orgPath: w.unit.P.path, first: 50 } },
      { input: { campaignId: w.ids['campaign'], text: '党员', memberType: 'in_service', first: 50 } },
      { input: { campaignId: w.ids['campaign'], reviewMode: 'talk', first: 50 } },
    ],
    may: PEOPLE,
    inScopeData: true,
  },
  rectification: { vars: (w) => ({ id: w.ids['rect'] }), may: PEOPLE, inScopeData: true },
  myInbox: { vars: () => ({ unreadOnly: false, first: 50 }), may: PEOPLE },
  publicBoard: { vars: (w) => ({ orgPath: w.unit.A.path, first: 50 }), may: 'open' },
  coverage: {
    vars: (w) => ({ campaignId: w.ids['campaign'], orgPath: w.unit.A.path }),
    variants: (w) => [{ campaignId: w.ids['campaign'], orgPath: w.unit.P.path }],
    may: PEOPLE,
    inScopeData: true,
  },
  leftOut: {
    vars: (w) => ({
      campaignId: w.ids['campaign'],
      milestone: 'committed',
      orgPath: w.unit.A.path,
      overdueOnly: false,
      first: 50,
    }),
    variants: (w) => [
      {
        campaignId: w.ids['campaign'],
        milestone: 'closed',
        orgPath: w.unit.P.path,
        overdueOnly: false,
        first: 50,
      },
      { campaignId: w.ids['campaign'], milestone: 'closed', overdueOnly: false, first: 50 },
    ],
    may: PEOPLE,
    inScopeData: true,
  },
  myTasks: { vars: () => ({}), may: PEOPLE },
  campaign: { vars: (w) => ({ id: w.ids['campaign'] }), may: PEOPLE, inScopeData: true },
  campaigns: { vars: () => ({ year: 2026 }), may: PEOPLE, inScopeData: true },
  reviewAspects: {
    vars: (w) => ({ campaignId: w.ids['campaign'], subjectKind: 'member', memberType: 'in_service' }),
    may: PEOPLE,
    inScopeData: true,
  },
  spotChecks: { vars: (w) => ({ campaignId: w.ids['campaign'], first: 20 }), may: ADMINS, inScopeData: true },
  sentInspections: { vars: (w) => ({ campaignId: w.ids['campaign'] }), may: ADMINS },
  redoOrderCounts: {
    vars: (w) => ({ campaignId: w.ids['campaign'], orgPath: w.unit.A.path, by: 'reviewer' }),
    variants: (w) => [
      { campaignId: w.ids['campaign'], by: 'unit' },
      { campaignId: w.ids['campaign'], orgPath: w.unit.P.path, by: 'campaign' },
    ],
    may: PEOPLE,
  },
  reportSnapshots: {
    vars: (w) => ({ campaignId: w.ids['campaign'], period: 'monthly', orgPath: w.unit.A.path }),
    may: ADMINS,
  },
  milestoneNotices: { vars: (w) => ({ campaignId: w.ids['campaign'], orgPath: w.unit.A.path }), may: ADMINS },
  milestoneNoticeMissed: {
    vars: (w) => ({ noticeId: nothing(), orgPath: w.unit.A.path, first: 20 }),
    may: ADMINS,
  },
  unit: {
    vars: (w) => ({ id: w.unit.AB.id }),
    variants: (w) => [{ code: w.unit.AB.code }, { id: w.unit.P.id }],
    may: PEOPLE,
    inScopeData: true,
  },
  unitTree: { vars: (w) => ({ rootId: w.unit.A.id, depth: 3 }), may: PEOPLE, inScopeData: true },
  searchUnits: {
    vars: (w) => ({ input: { rootId: w.unit.A.id, first: 50 } }),
    variants: (w) => [{ input: { name: w.unit.AB.name } }, { input: { rootId: w.unit.P.id } }],
    may: PEOPLE,
    inScopeData: true,
  },
  members: {
    vars: (w) => ({ input: { unitId: w.unit.AB.id, first: 50 } }),
    variants: (w) => [{ input: { unitId: w.unit.P.id, first: 50 } }],
    may: PEOPLE,
    inScopeData: true,
  },
  member: { vars: (w) => ({ id: w.person.m1.id }), may: PEOPLE, inScopeData: true },
  reviewerOf: {
    vars: (w) => ({ subjectKind: 'member', subjectId: w.person.m1.id }),
    may: PEOPLE,
    inScopeData: true,
  },
  escalationChain: { vars: (w) => ({ unitId: w.unit.AB.id }), may: PEOPLE, inScopeData: true },
  inspectionGroups: { vars: () => ({}), may: ADMINS, inScopeData: true },
  orgImportJob: { vars: (w) => ({ id: w.ids['job'] }), may: ADMINS, inScopeData: true },
  auditLog: {
    vars: (w) => ({ filter: { orgPath: w.unit.A.path }, first: 50 }),
    variants: () => [{ first: 50 }],
    may: ADMINS,
    inScopeData: true,
  },
  exportJob: { vars: (w) => ({ id: w.ids['export'] }), may: PEOPLE, inScopeData: true },
  orgImportTemplate: { vars: () => ({ input: { kind: 'units', format: 'csv' } }), may: ADMINS },
  // Insight panels (issue 17): a subtree within the caller's scope; without orgPath, the caller's own.
  ...Object.fromEntries(
    ['dashboard', 'ranking', 'overdueRectifications', 'trend', 'reviewerStats'].map((name) => {
      const page =
        name === 'overdueRectifications' || name === 'reviewerStats' ? { offset: 0, limit: 50 } : {};
      const entry: MatrixEntry = {
        vars: (w) => ({ campaignId: w.ids['campaign'], orgPath: w.unit.A.path, ...page }),
        variants: (w) => [
          { campaignId: w.ids['campaign'], orgPath: w.unit.P.path, ...page },
          { campaignId: w.ids['campaign'], ...page },
        ],
        may: PEOPLE,
        inScopeData: true,
      };
      return [name, entry];
    }),
  ),

  // 防走过场 (issue 21): flags within the caller's subtree, for those who supervise; everyone sees their own.
  ...Object.fromEntries(
    ['perfunctoryTexts', 'perfunctoryAuthors'].map((name) => {
      const entry: MatrixEntry = {
        vars: (w) => ({ campaignId: w.ids['campaign'], orgPath: w.unit.A.path, offset: 0, limit: 50 }),
        variants: (w) => [
          { campaignId: w.ids['campaign'], orgPath: w.unit.P.path, offset: 0, limit: 50 },
          { campaignId: w.ids['campaign'], offset: 0, limit: 50 },
        ],
        may: ['prefecture_admin', 'county_admin', 'unit_secretary', 'reviewer'],
        inScopeData: true,
      };
      return [name, entry];
    }),
  ),
  perfunctoryText: {
    vars: (w) => ({ id: w.ids['c_AB'] }),
    may: ['prefecture_admin', 'county_admin', 'unit_secretary', 'reviewer'],
  },
  myPerfunctoryFlags: { vars: (w) => ({ campaignId: w.ids['campaign'] }), may: PEOPLE },
  // A draft: its reviewer, or whoever supervises its subtree; the stock phrases: administrators (prefecture ones edit).
  checkPerfunctoryDraft: {
    vars: (w) => ({ commitmentId: w.ids['c_m1'], draft: { shortcomings: ['联系群众不够'], measures: [] } }),
    may: PEOPLE,
    inScopeData: true,
  },
  stockPhrases: { vars: () => ({}), may: ADMINS, inScopeData: true },

  // ---- mutations ----
  addStockPhrase: { vars: () => ({ phrase: '越权添加的套话' }), may: ['prefecture_admin'] },
  removeStockPhrase: { vars: () => ({ phrase: '加以改进' }), may: ['prefecture_admin'] },
  openCampaign: {
    vars: (w) => ({
      input: {
        id: `${w.p}-x${Math.random().toString(36).slice(2, 6)}`,
        name: '越权开启的活动',
        year: 2026,
        scopePath: w.unit.A.path,
        subjects: [{ kind: 'member', id: w.person.m2.id }],
      },
    }),
    may: ADMINS,
  },
  submitCommitment: { vars: (w) => ({ commitmentId: w.ids['c_AB'], items: [item] }), may: PEOPLE },
  reviewCommitment: { vars: (w) => ({ commitmentId: w.ids['c_AB'], decision: 'accept' }), may: PEOPLE },
  raiseObjection: {
    vars: (w) => ({ commitmentId: w.ids['c_m3'], content: '该承诺事项去年已完成' }),
    may: 'open',
  },
  reportProgress: {
    vars: (w) => ({ commitmentId: w.ids['c_m3'], itemIndex: 0, percent: 50, note, evidence: [] }),
    may: PEOPLE,
  },
  submitSelfEvaluation: {
    vars: (w) => ({
      commitmentId: w.ids['c_m3'],
      text: '全年认真践行承诺，走访困难群众十户。',
      priorWorkSummary: '回头看：对照年初承诺逐条检查落实情况，查找了差距，明确了改进方向和具体措施。',
    }),
    may: PEOPLE,
  },
  submitMutualReview: {
    vars: (w) => ({ commitmentId: w.ids['c_m3'], mode: 'anonymous', opinion: '工作认真，联系群众还可加强' }),
    may: PEOPLE,
  },
  submitLeadershipReview: {
    vars: (w) => ({ commitmentId: w.ids['c_m3'], review: GOOD_REVIEW(w.person.m3.id) }),
    may: PEOPLE,
  },
  closeWindow: { vars: (w) => ({ commitmentId: w.ids['c_m3'] }), may: PEOPLE },
  decideOutcome: { vars: (w) => ({ commitmentId: w.ids['c_m1'], result: 'none' }), may: PEOPLE },
  orderReviewRedo: {
    vars: (w) => ({ commitmentIds: [w.ids['c_m1'], w.ids['c_AB']], reason: '越权责令重新点评测试' }),
    may: ADMINS,
  },
  sendBackCommitment: {
    vars: (w) => ({ commitmentId: w.ids['c_m3'], to: 'drafting', reasons: '越权退回测试' }),
    may: PEOPLE,
  },
  cancelCommitment: { vars: (w) => ({ commitmentId: w.ids['c_AB'], reason: '越权撤销测试' }), may: ADMINS },
  reportRectificationProgress: { vars: (w) => ({ rectificationId: w.ids['rect'], note }), may: PEOPLE },
  completeRectification: {
    vars: (w) => ({ rectificationId: w.ids['rect'], note, evidence: ['整改台账'] }),
    may: PEOPLE,
  },
  verifyRectification: { vars: (w) => ({ rectificationId: w.ids['rect'], approve: true }), may: PEOPLE },
  recordFollowUp: {
    vars: (w) => ({ rectificationId: w.ids['rect'], method: 'colleagues', satisfied: false, note }),
    may: PEOPLE,
  },
  fillAccountabilityCause: {
    vars: () => ({ accountabilityId: nothing(), cause: '工作安排不当导致逾期' }),
    may: PEOPLE,
  },
  issueEvaluationTokens: {
    vars: (w) => ({ commitmentId: w.ids['c_m1'], category: 'public', count: 2 }),
    may: PEOPLE,
  },
  submitMassEvaluation: {
    vars: (w) => ({ token: w.ids['evalToken'], rating: 'satisfied' }),
    may: 'open',
  },
  markInboxRead: { vars: (w) => ({ ids: w.ids['inbox'] ? [w.ids['inbox']] : [nothing()] }), may: PEOPLE },
  createCampaign: {
    vars: (w) => ({
      input: {
        id: `${w.p}-y${Math.random().toString(36).slice(2, 6)}`,
        name: '越权活动',
        year: 2026,
        scopePath: w.unit.A.path,
      },
    }),
    may: ADMINS,
  },
  updateCampaign: { vars: (w) => ({ id: w.ids['campaign'], input: { name: '改名' } }), may: ADMINS },
  startCampaign: { vars: (w) => ({ id: w.ids['campaign'] }), may: ADMINS },
  pauseCampaign: { vars: (w) => ({ id: w.ids['campaign'] }), may: ADMINS },
  resumeCampaign: { vars: (w) => ({ id: w.ids['campaign'] }), may: ADMINS },
  closeCampaign: { vars: (w) => ({ id: w.ids['campaign'], reason: '越权关闭测试' }), may: ADMINS },
  drawSpotCheck: {
    vars: (w) => ({ campaignId: w.ids['campaign'], orgPath: w.unit.A.path, units: 1, cadres: 1 }),
    variants: (w) => [{ campaignId: w.ids['campaign'], orgPath: w.unit.P.path, units: 1, cadres: 1 }],
    may: ADMINS,
  },
  sendReviewToInspection: {
    vars: (w) => ({
      commitmentId: w.ids['c_m1'],
      reason: '防走过场提示：与该点评人其他点评高度相似，送督查核实',
    }),
    may: ADMINS,
  },
  recordInspectionFinding: {
    vars: (w) => ({
      taskId: w.ids['task'] ?? nothing(),
      selfEvaluationSerious: false,
      shortcomingsNamed: false,
      measuresConcrete: false,
      note: '越权检查',
    }),
    may: ADMINS,
  },
  createUnit: {
    vars: (w) => ({
      input: {
        code: `${w.p}z${Math.random().toString(36).slice(2, 5)}`,
        name: '越权新建',
        level: 'branch',
        field: 'rural',
        parentId: w.unit.AK.id,
      },
    }),
    may: ADMINS,
  },
  updateUnit: { vars: (w) => ({ id: w.unit.AB.id, input: { name: '越权改名' } }), may: ADMINS },
  moveUnit: {
    vars: (w) => ({ id: w.unit.AB2.id, newParentId: w.unit.A.id }),
    variants: (w) => [{ id: w.unit.AB2.id, newParentId: w.unit.B.id }],
    may: ADMINS,
  },
  closeUnit: { vars: (w) => ({ id: w.unit.AB2.id, reason: '越权撤销' }), may: ADMINS },
  setSecretary: {
    vars: (w) => ({ unitId: w.unit.AB2.id, memberId: w.person.m2.id }),
    variants: (w) => [{ unitId: w.unit.BB.id, memberId: w.person.m2.id }],
    may: ADMINS,
  },
  assignCadre: {
    vars: (w) => ({ input: { cadreId: w.person.sA.id, unitId: w.unit.AB.id, kind: 'liaison' } }),
    variants: (w) => [{ input: { cadreId: w.person.sA.id, unitId: w.unit.BB.id, kind: 'liaison' } }],
    may: ADMINS,
  },
  unassignCadre: {
    vars: (w) => ({ input: { cadreId: w.person.sA.id, unitId: w.unit.AB.id, kind: 'liaison' } }),
    may: ADMINS,
  },
  pairBranches: {
    vars: (w) => ({ a: w.unit.AB2.id, b: w.unit.BB.id }),
    may: ADMINS,
  },
  unpairBranches: { vars: (w) => ({ a: w.unit.AB.id, b: w.unit.AB2.id }), may: ADMINS },
  saveInspectionGroup: {
    vars: (w) => ({
      id: w.ids['group'],
      input: { name: '越权检查组', leaderId: w.person.sA.id, memberIds: [], scopeUnitIds: [w.unit.A.id] },
    }),
    variants: (w) => [
      { input: { name: '越权检查组', leaderId: w.person.sA.id, memberIds: [], scopeUnitIds: [w.unit.A.id] } },
    ],
    may: ADMINS,
  },
  startExport: {
    vars: (w) => ({
      input: { campaignId: w.ids['campaign'], orgPath: w.unit.A.path, kind: 'commitment_ledger' },
    }),
    variants: (w) => [
      { input: { campaignId: w.ids['campaign'], orgPath: w.unit.P.path, kind: 'commitment_ledger' } },
    ],
    may: PEOPLE,
  },
  deleteInspectionGroup: { vars: (w) => ({ id: w.ids['group'] }), may: ADMINS },
  startOrgImport: {
    vars: (w) => ({
      input: {
        kind: 'units',
        fileName: 'units.csv',
        contentBase64: Buffer.from(
          `组织编码,组织名称,上级组织编码,组织层级,组织领域,书记身份证号\n${w.p}iy,越权导入,${w.unit.AK.code},branch,rural,\n`,
        ).toString('base64'),
        dryRun: false,
      },
    }),
    may: ADMINS,
  },
  addMember: {
    vars: (w) => ({
      input: {
        name: '越权新增',
        gender: 'male',
        idNumber: idNumber(),
        joinedAt: '2010-07-01',
        type: 'in_service',
        branchId: w.unit.AB.id,
      },
    }),
    may: ADMINS,
  },
  updateMember: { vars: (w) => ({ id: w.person.m2.id, input: { phone: '19900000000' } }), may: ADMINS },
  transferMember: {
    vars: (w) => ({ id: w.person.m2.id, toBranchId: w.unit.BB.id, reason: '越权调动' }),
    variants: (w) => [{ id: w.person.mB.id, toBranchId: w.unit.AB.id, reason: '越权调入' }],
    may: ['prefecture_admin', 'county_admin', 'unit_secretary'],
  },
  removeMember: { vars: (w) => ({ id: w.person.m2.id, reason: '越权减少' }), may: ADMINS },
};

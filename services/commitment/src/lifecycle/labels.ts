import { StageLabel, type LifecycleEventType, type RectificationStatus, type Stage } from '@pingyi/contracts';

/** Every event type has its Chinese label: a new type fails the build until it has one. */
const LABELS: Record<LifecycleEventType, string> = {
  'commitment.opened': '开启承诺',
  'commitment.submitted': '提交承诺',
  'commitment.sent_back': '退回重做',
  'review.redo_ordered_by_supervision': '督查责令重新点评',
  'commitment.accepted': '上级审核通过',
  'commitment.objection_raised': '公示期收到异议',
  'commitment.stage_changed': '进入新阶段',
  'commitment.progress_reported': '登记践诺进展',
  'commitment.self_evaluated': '提交自评',
  'commitment.mutual_reviewed': '互评',
  'commitment.deadline_missed': '阶段逾期',
  'commitment.reviewer_changed': '点评人变更',
  'commitment.outcome_decided': '确定奖惩结果',
  'commitment.closed': '办结',
  'commitment.cancelled': '撤销',
  'review.submitted': '领导点评（通过）',
  'review.redo_ordered': '责令重新点评',
  'mass_evaluation.tokens_issued': '发放群众评议码',
  'mass_evaluation.response_recorded': '收到一份群众评议',
  'mass_evaluation.closed': '群众评议结束',
  'rectification.opened': '整改立项',
  'rectification.progress_reported': '整改进展',
  'rectification.completed': '整改报办结',
  'rectification.sent_back': '整改核验未通过，退回',
  'rectification.struck_off': '整改销号',
  'rectification.reminded': '到期提醒',
  'rectification.escalated': '逾期问责上追',
  'rectification.follow_up_due': '回访到期',
  'rectification.followed_up': '整改回访',
  'rectification.reopened': '回访不满意，重新整改',
  'rectification.settled': '整改办结',
  'rectification.cancelled': '整改撤销',
  'accountability.cause_filled': '填报逾期原因',
  'campaign.created': '创建活动',
  'campaign.updated': '修改活动设置',
  'campaign.opened': '开启活动',
  'campaign.launched': '活动启动',
  'campaign.paused': '活动暂停',
  'campaign.resumed': '活动恢复',
  'campaign.closed': '活动结束',
  'campaign.milestone_noticed': '节点通报',
  'spot_check.drawn': '抽查抽取',
  'spot_check.inspected': '登记抽查结果',
  'report.snapshotted': '报表定格',
};

const STATUS: Record<RectificationStatus, string> = {
  open: '整改中',
  completed: '待核验',
  struck_off: '已销号',
  settled: '已办结',
  cancelled: '已撤销',
};

export function rectificationStatusLabel(s: string): string {
  return STATUS[s as RectificationStatus] ?? s;
}

export function timelineLabel(type: string, data: Record<string, unknown>): string {
  if (type === 'commitment.stage_changed' && typeof data['to'] === 'string')
    return `进入“${StageLabel[data['to'] as Stage] ?? data['to']}”阶段`;
  if (type === 'rectification.escalated' && typeof data['level'] === 'number')
    return `逾期问责上追（第 ${data['level']} 级：${typeof data['unitName'] === 'string' ? data['unitName'] : ''}）`;
  return LABELS[type as LifecycleEventType] ?? type;
}

import { Spin, Alert } from 'antd';
import { graphql } from '../gql';
import { useQuery } from '../api';
import type { Task } from './InspectionTasks';
import { REDO_STAGES, RedoOrderForm } from './RedoOrderForm';

const Concerned = graphql(`
  query RedoCandidates($filter: CommitmentFilterInput, $first: Int!) {
    commitments(filter: $filter, first: $first) {
      items {
        id
        subjectId
        subjectKind
        subjectName
        orgPath
        stage
        stageLabel
        reviewerId
      }
    }
  }
`);

/**
 * 下达重做 from an inspection task: the commitments its finding concerns, as the server's rule names them — for a
 * unit, its own and its members'; for a cadre, those the cadre reviewed — among those already reviewed.
 */
export function RedoForTask(p: { task: Task; campaignId: string; scopePath: string }) {
  const t = p.task;
  const unit = t.subjectKind === 'unit';
  const { data, error, loading } = useQuery(Concerned, {
    filter: { campaignId: p.campaignId, orgPath: unit ? t.orgPath : p.scopePath },
    first: 200,
  });
  if (loading && !data) return <Spin />;
  if (error) return <Alert type="error" showIcon message={error.message} />;
  const choices = (data?.commitments.items ?? [])
    .filter((c) =>
      unit
        ? c.subjectId === t.subjectId || (c.subjectKind === 'member' && c.orgPath === t.orgPath)
        : c.reviewerId === t.subjectId,
    )
    .filter((c) => REDO_STAGES.includes(c.stage))
    .map((c) => ({ id: c.id, label: c.subjectName, stageLabel: c.stageLabel }));
  return (
    <RedoOrderForm
      idPrefix={`redo-${t.id}`}
      choices={choices}
      initialReason={t.note ? `抽查“${t.subjectName}”发现：${t.note}` : ''}
    />
  );
}

import { Alert, Card, Empty } from 'antd';
import { graphql } from '../gql';
import { useQuery } from '../api';
import { InspectionTasks } from '../components/InspectionTasks';

// The fields of the draws' tasks (SpotCheckPage), listed again rather than shared as a fragment: a fragment spread
// under the draws' tasks counts one more level in the gateway's query cost and takes that query over its limit.
const Sent = graphql(`
  query SentInspections($campaignId: String!) {
    sentInspections(campaignId: $campaignId) {
      id
      subjectKind
      subjectKindLabel
      subjectId
      subjectName
      orgPath
      status
      statusLabel
      selfEvaluationSerious
      shortcomingsNamed
      measuresConcrete
      passed
      note
      redoOrdered
      inspectedAt
      commitmentId
      reason
    }
  }
`);

/** 送督查的点评: reviews sent to inspection one by one (from a 防走过场 flag), with the finding to record. */
export function SentInspections({ campaignId }: { campaignId: string }) {
  const { data, error, reload } = useQuery(Sent, { campaignId });
  const tasks = data?.sentInspections ?? [];
  return (
    <Card title="送督查的点评（由防走过场提示直接送督查）" aria-label="送督查的点评">
      {error && <Alert type="error" showIcon message={error.message} />}
      {tasks.length === 0 ? (
        <Empty description="本活动尚无直接送督查的点评" />
      ) : (
        <InspectionTasks tasks={tasks} campaignId={campaignId} scopePath="" onChange={reload} />
      )}
    </Card>
  );
}

import { useEffect, useState } from 'react';
import { Alert, Card, List, Typography } from 'antd';
import { graphql } from '../gql';
import { messageOf, useQuery } from '../api';
import { downloadEvidence, sizeText } from './evidence-files';

const Files = graphql(`
  query CommitmentEvidenceFiles($id: ID!) {
    commitment(id: $id) {
      id
      evidenceFiles {
        id
        filename
        contentType
        size
        rectificationId
        uploadedAt
      }
    }
  }
`);

/**
 * 佐证文件 of a commitment (or of one of its rectifications) as download links: each is fetched with the caller's
 * token and handed to the browser under its name. Nothing is shown when there are none.
 */
export function EvidenceLinks({
  commitmentId,
  rectificationId,
  refresh = 0,
}: {
  commitmentId: string;
  rectificationId?: string;
  refresh?: number;
}) {
  const { data, reload } = useQuery(Files, { id: commitmentId });
  useEffect(() => {
    if (refresh) reload();
  }, [refresh, reload]);
  const [refusal, setRefusal] = useState<string | null>(null);
  const files = (data?.commitment?.evidenceFiles ?? []).filter(
    (f) => rectificationId === undefined || f.rectificationId === rectificationId,
  );
  if (files.length === 0) return null;
  return (
    <Card size="small" title="佐证文件">
      <List
        size="small"
        dataSource={files}
        renderItem={(f) => (
          <List.Item>
            <Typography.Link
              href={`/files/${encodeURIComponent(f.id)}`}
              onClick={(e) => {
                e.preventDefault();
                setRefusal(null);
                downloadEvidence(f.id, f.filename).catch((err: unknown) => setRefusal(messageOf(err)));
              }}
            >
              {f.filename}
            </Typography.Link>{' '}
            <Typography.Text type="secondary">（{sizeText(f.size)}）</Typography.Text>
          </List.Item>
        )}
      />
      {refusal && <Alert type="error" showIcon role="alert" message={refusal} />}
    </Card>
  );
}

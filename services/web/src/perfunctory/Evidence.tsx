import { Alert, Card, Col, Empty, Row, Space, Spin, Tag, Typography } from 'antd';
import { useQuery } from '../api';
import type { PerfDetailQuery as Detail, PerfTextBriefFragment, PerfTextFragment } from '../gql/graphql';
import { beijingTime } from '../time';
import { KIND_LABEL, PerfDetailQuery } from './queries';

/** The reasons of a score, strongest first (each a tag with its weight). */
export function Reasons({ reasons }: { reasons: PerfTextFragment['reasons'] }) {
  if (reasons.length === 0) return <Typography.Text type="secondary">无提示理由</Typography.Text>;
  return (
    <Space wrap size={4} data-reasons>
      {reasons.map((r) => (
        <Tag key={r.code} color={r.weight >= 50 ? 'red' : 'orange'}>
          {r.message}（{r.weight} 分）
        </Tag>
      ))}
    </Space>
  );
}

/** One text as compared (不足、原因、整改措施), with who wrote it for whom. */
export function TextCard(p: { t: PerfTextBriefFragment; title: string; extra?: string }) {
  return (
    <Card size="small" title={p.title} extra={p.extra} data-perf-text={p.t.id}>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 4 }}>
        对象：{p.t.subjectName} · {KIND_LABEL[p.t.kind] ?? '点评'} · {p.t.authorName ?? '（未知作者）'} ·{' '}
        {beijingTime(p.t.at)} · 得分 {p.t.score}
      </Typography.Paragraph>
      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>
        {p.t.text}
      </Typography.Paragraph>
    </Card>
  );
}

/** The near-duplicates, each with its estimated similarity and whether the same author wrote it. */
export function SimilarList(p: { similar: Detail['perfunctoryText']['similar']; outsideScope: number }) {
  return (
    <Space orientation="vertical" style={{ width: '100%' }} aria-label="高度相似的文本">
      {p.similar.length === 0 && <Empty description="管理范围内没有高度相似的文本" />}
      {p.similar.map((s) => (
        <TextCard
          key={s.text.id}
          t={s.text}
          title={`相似度 ${Math.round(s.similarity * 100)}%`}
          extra={s.sameAuthor ? '同一作者' : '其他作者'}
        />
      ))}
      {p.outsideScope > 0 && (
        <Typography.Text type="secondary">
          另有 {p.outsideScope} 份在您的管理范围以外，不显示内容
        </Typography.Text>
      )}
    </Space>
  );
}

/** 证据: a flagged text and its near-duplicates side by side (only those in the caller's scope shown). */
export function Evidence({ id }: { id: string }) {
  const { data, error, loading } = useQuery(PerfDetailQuery, { id });
  if (error) return <Alert type="error" showIcon message={error.message} />;
  if (loading || !data) return <Spin />;
  const d = data.perfunctoryText;
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-evidence={d.text.id}>
      <Reasons reasons={d.text.reasons} />
      <Row gutter={[12, 12]}>
        <Col xs={24} md={12}>
          <TextCard t={d.text} title="本份" />
        </Col>
        <Col xs={24} md={12}>
          <SimilarList similar={d.similar} outsideScope={d.outsideScope} />
        </Col>
      </Row>
    </Space>
  );
}

import { useEffect, useState } from 'react';
import { Button, Card, Space, Table, Typography } from 'antd';
import type { RecSubjectsQuery } from '../gql/graphql';
import { request, type ServerError } from '../api';
import { PageFrame } from '../components/PageFrame';
import { TreeNav } from '../dashboard/Breadcrumbs';
import { dashPath } from '../dashboard/paths';
import { navigate } from '../route';
import { ExportProgress } from './ExportProgress';
import { kindsOf } from './kinds';
import { formPrintPath, ledgerPrintPath, recordsPath } from './paths';
import { SubjectsQuery } from './queries';
import { useExport } from './useExport';

export type Subject = RecSubjectsQuery['commitments']['items'][number];
const PAGE = 50;

/** The commitments of a node, a page at a time (`more` loads the next), optionally only those reviewed. */
export function useSubjects(campaignId: string, orgPath: string, milestone?: string) {
  const [rows, setRows] = useState<Subject[]>([]);
  const [cursor, setCursor] = useState<string | null | undefined>(undefined);
  const [error, setError] = useState<ServerError | null>(null);
  const [loading, setLoading] = useState(false);
  const load = async (after?: string | null) => {
    setLoading(true);
    try {
      const page = (
        await request(SubjectsQuery, {
          filter: { campaignId, orgPath, ...(milestone ? { milestone } : {}) },
          first: PAGE,
          after: after ?? null,
        })
      ).commitments;
      setRows((r) => (after ? [...r, ...page.items] : page.items));
      setCursor(page.nextCursor);
    } catch (e) {
      setError(e as ServerError);
    } finally {
      setLoading(false);
    }
  };
  useEffect(() => void load(), [campaignId, orgPath, milestone]);
  return { rows, error, loading, more: cursor ? () => load(cursor) : null };
}

export const KIND_OF_SUBJECT: Record<string, string> = { unit: '基层党组织', member: '党员' };

/** 台账与登记表 of a node: the subtree's ledgers and each reviewed subject's 登记表, exported with progress. */
export function RecordsPage(p: { campaignId: string; orgPath: string }) {
  const x = useExport(p.campaignId, p.orgPath);
  const subjects = useSubjects(p.campaignId, p.orgPath, 'reviewed');
  const perSubject = kindsOf(true);
  return (
    <PageFrame title="台账与登记表" loading={false} error={subjects.error}>
      <TreeNav
        campaignId={p.campaignId}
        orgPath={p.orgPath}
        view="overview"
        pathOf={(o) => recordsPath(p.campaignId, o)}
      />
      <Button onClick={() => navigate(dashPath(p.campaignId, p.orgPath))}>返回总览</Button>
      <Card size="small" title="台账（本组织及全部下级）">
        <Space wrap>
          {kindsOf(false).map(([kind, k]) => (
            <Button
              key={kind}
              type="primary"
              disabled={x.busy}
              data-export={kind}
              onClick={() => void x.start(kind)}
            >
              导出{k.label}（{k.fileType}）
            </Button>
          ))}
          <Button onClick={() => navigate(ledgerPrintPath(p.campaignId, p.orgPath))}>承诺台账打印视图</Button>
        </Space>
      </Card>
      <ExportProgress x={x} subject={subjects.rows.find((r) => r.id === x.commitmentId)?.subjectName} />
      <Card size="small" title="领导点评登记表（已完成领导点评的对象）">
        <Table<Subject>
          rowKey="id"
          size="small"
          loading={subjects.loading}
          dataSource={subjects.rows}
          pagination={false}
          scroll={{ x: 720 }}
          locale={{ emptyText: '暂无已完成领导点评的对象' }}
          columns={[
            { title: '对象', dataIndex: 'subjectName' },
            { title: '类别', key: 'kind', render: (_, r) => KIND_OF_SUBJECT[r.subjectKind] ?? '' },
            { title: '点评领导', key: 'reviewer', render: (_, r) => r.reviewerName ?? '—' },
            { title: '当前阶段', dataIndex: 'stageLabel' },
            {
              title: '操作',
              key: 'go',
              render: (_, r) => (
                <Space wrap data-subject={r.id}>
                  {perSubject.map(([kind, k]) => (
                    <Button
                      key={kind}
                      size="small"
                      disabled={x.busy}
                      data-export={kind}
                      onClick={() => void x.start(kind, r.id)}
                    >
                      下载{k.label}（{k.fileType}）
                    </Button>
                  ))}
                  <Button size="small" onClick={() => navigate(formPrintPath(p.campaignId, r.orgPath, r.id))}>
                    打印视图
                  </Button>
                </Space>
              ),
            },
          ]}
        />
        {subjects.more && (
          <Button style={{ marginTop: 8 }} onClick={() => void subjects.more?.()}>
            加载更多
          </Button>
        )}
      </Card>
      <Typography.Text type="secondary">
        台账为 Excel 文件（XLSX），登记表为 PDF 文件（本级及下级的全部登记表为 ZIP
        压缩包，按组织分文件夹）；导出在服务器上进行，完成后自动下载。
      </Typography.Text>
    </PageFrame>
  );
}

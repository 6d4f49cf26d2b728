import { useEffect, useState } from 'react';
import {
  Alert,
  Button,
  Card,
  Descriptions,
  Form,
  Progress,
  Select,
  Space,
  Table,
  Tag,
  Typography,
  Upload,
} from 'antd';
import type { ImportFormat, ImportKind, OrgImportJobQuery } from '../gql/graphql';
import { request } from '../api';
import { PageFrame } from '../components/PageFrame';
import { navigate } from '../route';
import { IMPORT_KINDS, IMPORT_STATUS } from './labels';
import { ImportJob, ImportTemplate, StartImport } from './org-ops';
import { useRun } from './use-run';

type Job = OrgImportJobQuery['orgImportJob'];
type RowError = Job['errors'][number];

const FORMATS: { value: ImportFormat; label: string }[] = [
  { value: 'xlsx', label: 'Excel 表格' },
  { value: 'csv', label: 'CSV 文本' },
];

/** The file's bytes in Base64 (as `startOrgImport` takes them). */
const base64Of = (file: File): Promise<string> =>
  new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve((r.result as string).replace(/^data:[^,]*,/, ''));
    r.onerror = () => reject(new Error('无法读取所选文件'));
    r.readAsDataURL(file);
  });

/** Follows a job every half second until it has ended. */
function useJob(id: string | null): Job | null {
  const [job, setJob] = useState<Job | null>(null);
  useEffect(() => {
    setJob(null);
    if (!id) return;
    let live = true;
    const poll = async () => {
      const j = (await request(ImportJob, { id })).orgImportJob;
      if (!live) return;
      setJob(j);
      if (j.status !== 'succeeded' && j.status !== 'failed')
        setTimeout(() => void poll().catch(() => {}), 500);
    };
    void poll().catch(() => {});
    return () => {
      live = false;
    };
  }, [id]);
  return job && job.id === id ? job : null;
}

function JobResult({ job }: { job: Job }) {
  const ended = job.status === 'succeeded' || job.status === 'failed';
  return (
    <Card title={job.dryRun ? '校验结果（不写入数据）' : '导入进度与结果'} size="small">
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Space wrap>
          <Typography.Text>{job.fileName}</Typography.Text>
          <Tag color={job.status === 'failed' ? 'red' : job.status === 'succeeded' ? 'green' : 'blue'}>
            {IMPORT_STATUS[job.status]}
          </Tag>
        </Space>
        <Progress
          aria-label="导入进度"
          data-status={job.status}
          data-dry-run={String(job.dryRun)}
          percent={job.percent}
          status={job.status === 'failed' ? 'exception' : ended ? 'success' : 'active'}
          format={(p) => `${p ?? 0}%`}
        />
        {job.message && (
          <Alert type={job.status === 'failed' ? 'error' : 'success'} showIcon message={job.message} />
        )}
        <Descriptions size="small" column={{ xs: 2, sm: 5 }} bordered>
          <Descriptions.Item label="总行数">{job.totalRows}</Descriptions.Item>
          <Descriptions.Item label="新增">{job.inserted}</Descriptions.Item>
          <Descriptions.Item label="更新">{job.updated}</Descriptions.Item>
          <Descriptions.Item label="未变">{job.unchanged}</Descriptions.Item>
          <Descriptions.Item label="错误">{job.errorCount}</Descriptions.Item>
        </Descriptions>
        {job.errors.length > 0 && (
          <Table<RowError>
            aria-label="错误清单"
            size="small"
            rowKey={(e) => `${e.row}:${e.column ?? ''}:${e.message}`}
            dataSource={job.errors}
            pagination={{ pageSize: 20, showSizeChanger: false, hideOnSinglePage: true }}
            columns={[
              { title: '行号', dataIndex: 'row', width: 70 },
              { title: '列', dataIndex: 'column', width: 130, render: (c: string | null) => c ?? '—' },
              { title: '错误说明', dataIndex: 'message' },
            ]}
          />
        )}
        {job.status === 'succeeded' && !job.dryRun && (
          <Button onClick={() => navigate('/org')}>到组织管理查看</Button>
        )}
      </Space>
    </Card>
  );
}

/** 批量导入: template download, a file checked first (校验, nothing written), then imported with its progress. */
export function ImportPage() {
  const [kind, setKind] = useState<ImportKind>('members');
  const [format, setFormat] = useState<ImportFormat>('xlsx');
  const [file, setFile] = useState<File | null>(null);
  const [jobId, setJobId] = useState<string | null>(null);
  const { busy, refusal, run: act } = useRun();
  const job = useJob(jobId);
  const running = !!jobId && (!job || (job.status !== 'succeeded' && job.status !== 'failed'));

  const download = () =>
    act(async () => {
      const t = (await request(ImportTemplate, { input: { kind, format } })).orgImportTemplate;
      const bytes = Uint8Array.from(atob(t.contentBase64), (c) => c.charCodeAt(0));
      const link = Object.assign(document.createElement('a'), {
        href: URL.createObjectURL(new Blob([bytes], { type: t.contentType })),
        download: t.fileName,
      });
      link.click();
      setTimeout(() => URL.revokeObjectURL(link.href), 60_000);
    });
  const start = (dryRun: boolean) =>
    act(async () => {
      if (!file) throw new Error('请先选择文件');
      setJobId(null);
      const contentBase64 = await base64Of(file);
      const started = await request(StartImport, {
        input: { kind, fileName: file.name, contentBase64, dryRun },
      });
      setJobId(started.startOrgImport.id);
    });

  return (
    <PageFrame title="批量导入" loading={false} error={null}>
      <Button onClick={() => navigate('/org')}>组织管理</Button>
      <Card title="第一步：下载导入模板" size="small">
        <Form layout="inline">
          <Form.Item label="导入内容" htmlFor="import-kind">
            <Select
              id="import-kind"
              style={{ width: 120 }}
              value={kind}
              options={IMPORT_KINDS}
              onChange={(v) => {
                setKind(v);
                setJobId(null);
              }}
            />
          </Form.Item>
          <Form.Item label="模板格式" htmlFor="import-format">
            <Select
              id="import-format"
              style={{ width: 140 }}
              value={format}
              options={FORMATS}
              onChange={setFormat}
            />
          </Form.Item>
          <Button onClick={() => void download()} loading={busy && !file}>
            下载模板
          </Button>
        </Form>
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
          模板中有各列的填写说明和示例行；先导入组织，再导入党员。
        </Typography.Paragraph>
      </Card>
      <Card title="第二步：选择文件，先校验再导入" size="small">
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Upload
            accept=".csv,.xlsx"
            maxCount={1}
            beforeUpload={(f) => {
              setFile(f);
              setJobId(null);
              return false;
            }}
            onRemove={() => setFile(null)}
          >
            <Button>选择文件（CSV 或 Excel）</Button>
          </Upload>
          <Space wrap>
            <Button disabled={!file || running} loading={busy && !!file} onClick={() => void start(true)}>
              校验（不导入）
            </Button>
            <Button
              type="primary"
              disabled={!file || running}
              loading={busy && !!file}
              onClick={() => void start(false)}
            >
              开始导入
            </Button>
          </Space>
          <Typography.Text type="secondary">
            整个文件先校验，有任何错误都不导入；请按行号改正后重新上传。
          </Typography.Text>
        </Space>
      </Card>
      {refusal && <Alert type="error" showIcon role="alert" message="服务器未通过" description={refusal} />}
      {job && <JobResult job={job} />}
    </PageFrame>
  );
}

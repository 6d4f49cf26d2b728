import { Alert, Button, Card, Progress, Space, Typography } from 'antd';
import type { ExportState } from './useExport';

/** The running or last export (of `subject`, for one subject's file): a bar of done / total with the server's status label, its failure, a download. */
export function ExportProgress({ x, subject }: { x: ExportState; subject?: string }) {
  const j = x.job;
  if (!j && !x.error) return null;
  const percent = j?.total ? Math.round((j.done * 100) / j.total) : j?.status === 'done' ? 100 : 0;
  return (
    <Card
      size="small"
      title={j ? `导出进度：${j.kindLabel}${subject ? `（${subject}）` : ''}` : '导出进度'}
      data-export-status={j?.status}
    >
      <Space orientation="vertical" style={{ width: '100%' }}>
        {j && (
          <>
            <Progress
              percent={percent}
              status={j.status === 'failed' ? 'exception' : j.status === 'done' ? 'success' : 'active'}
              format={() => `${j.done} / ${j.total ?? '—'}`}
              aria-label="导出进度"
            />
            <Typography.Text data-export-label>
              {j.statusLabel}（{j.progressLabel}）
            </Typography.Text>
          </>
        )}
        {j?.status === 'failed' && (
          <Alert type="error" showIcon message={`导出失败：${j.error ?? '原因不明，请重新导出'}`} />
        )}
        {x.error && <Alert type="error" showIcon message={x.error} />}
        {j?.status === 'done' && (
          <Space wrap>
            <Typography.Text>文件已开始下载；如未看到，请点击</Typography.Text>
            <Button onClick={() => void x.download()}>重新下载</Button>
          </Space>
        )}
      </Space>
    </Card>
  );
}

import { useRef, useState } from 'react';
import { Alert, Button, List, Progress, Typography } from 'antd';
import { sizeText, uploadEvidence, type EvidenceTarget, type UploadedFile } from './evidence-files';

interface Row {
  key: string;
  name: string;
  size: number;
  percent: number;
  file?: UploadedFile;
  refusal?: string;
}

/**
 * 佐证文件: choose files, each uploaded at once (name, size, progress; the server's refusal when it is too large or of a
 * type it does not take). The form field's value is the list of kept files, attached with the step.
 */
export function EvidenceUpload({
  id,
  target,
  value = [],
  onChange,
  disabled,
}: {
  id?: string;
  target: EvidenceTarget;
  value?: UploadedFile[];
  onChange?: (files: UploadedFile[]) => void;
  disabled?: boolean;
}) {
  const input = useRef<HTMLInputElement>(null);
  const [rows, setRows] = useState<Row[]>([]);
  const kept = useRef<UploadedFile[]>(value);
  kept.current = value;
  const update = (key: string, patch: Partial<Row>) =>
    setRows((rs) => rs.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  const add = (files: FileList | null) => {
    for (const f of Array.from(files ?? [])) {
      const key = `${f.name}-${f.size}-${Math.random()}`;
      setRows((rs) => [...rs, { key, name: f.name, size: f.size, percent: 0 }]);
      uploadEvidence(f, target, (percent) => update(key, { percent })).then(
        (file) => {
          update(key, { percent: 100, file });
          kept.current = [...kept.current, file];
          onChange?.(kept.current);
        },
        (e: unknown) => update(key, { refusal: e instanceof Error ? e.message : String(e) }),
      );
    }
    if (input.current) input.current.value = '';
  };
  const remove = (r: Row) => {
    setRows((rs) => rs.filter((x) => x.key !== r.key));
    if (r.file) onChange?.(kept.current.filter((f) => f.id !== r.file!.id));
  };
  // Rows of this form that are not in the value any more (the form was reset) are dropped.
  const shown = rows.filter((r) => !r.file || value.some((f) => f.id === r.file!.id));
  return (
    <div>
      <input
        ref={input}
        type="file"
        multiple
        disabled={disabled}
        aria-label="上传佐证文件"
        accept=".jpg,.jpeg,.png,.webp,.pdf,.doc,.docx,.xls,.xlsx,.pptx"
        style={{ display: 'none' }}
        onChange={(e) => add(e.target.files)}
      />
      <Button id={id} disabled={disabled} onClick={() => input.current?.click()}>
        选择文件上传
      </Button>
      <Typography.Text type="secondary" style={{ display: 'block', marginTop: 4 }}>
        照片、PDF 或办公文档，每个不超过 20 MB
      </Typography.Text>
      {shown.length > 0 && (
        <List
          size="small"
          dataSource={shown}
          renderItem={(r) => (
            <List.Item
              actions={[
                <Button key="remove" type="link" size="small" onClick={() => remove(r)}>
                  移除
                </Button>,
              ]}
            >
              <div style={{ width: '100%', minWidth: 0 }}>
                <Typography.Text ellipsis>
                  {r.name}（{sizeText(r.size)}）
                </Typography.Text>
                {r.refusal ? (
                  <Alert type="error" showIcon role="alert" message={r.refusal} />
                ) : (
                  <Progress percent={r.percent} size="small" aria-label={`${r.name} 上传进度`} />
                )}
              </div>
            </List.Item>
          )}
        />
      )}
    </div>
  );
}

import { Form, Input } from 'antd';
import { EvidenceUpload } from './EvidenceUpload';
import type { EvidenceTarget, UploadedFile } from './evidence-files';

/** The evidence lines typed in the field (one per line, blank lines left out). */
export const evidenceLines = (text: string | undefined): string[] =>
  (text ?? '')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

/** The ids of the files uploaded in the field, to attach as `evidenceFileIds`. */
export const evidenceFileIds = (files: UploadedFile[] | undefined): string[] =>
  (files ?? []).map((f) => f.id);

/**
 * 佐证材料: evidence named in words, one item per line (the server keeps each line as one piece of evidence), and
 * files uploaded at once (form field `evidenceFiles`), attached with the step. When required, either will do.
 */
export function EvidenceField({
  name = 'evidence',
  required = false,
  target,
}: {
  name?: string;
  required?: boolean;
  target: EvidenceTarget;
}) {
  return (
    <div data-evidence-slot="attachments">
      <Form.Item
        label={required ? '佐证材料（必填，每行一项）' : '佐证材料（选填，每行一项）'}
        name={name}
        dependencies={['evidenceFiles']}
        rules={
          required
            ? [
                ({ getFieldValue }) => ({
                  validator: async (_: unknown, v: string | undefined) => {
                    const files = getFieldValue('evidenceFiles') as UploadedFile[] | undefined;
                    if (evidenceLines(v).length === 0 && !files?.length)
                      throw new Error('办结须提供佐证材料');
                  },
                }),
              ]
            : []
        }
        extra={
          required ? '如：走访台账、会议记录；也可只上传佐证文件' : '如：走访台账、会议记录、现场照片说明'
        }
      >
        <Input.TextArea autoSize={{ minRows: 2 }} />
      </Form.Item>
      <Form.Item label="佐证文件" name="evidenceFiles">
        <EvidenceUpload target={target} />
      </Form.Item>
    </div>
  );
}

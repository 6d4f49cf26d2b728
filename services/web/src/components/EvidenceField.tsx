import { Alert, Form, Input } from 'antd';

/** The evidence lines typed in the field (one per line, blank lines left out). */
export const evidenceLines = (text: string | undefined): string[] =>
  (text ?? '')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

/**
 * 佐证材料. EVIDENCE ATTACHMENTS GO HERE: until file upload is available, evidence is named in words, one item per
 * line (the server keeps each line as one piece of evidence); the upload will add its files to the same list.
 */
export function EvidenceField({
  name = 'evidence',
  required = false,
}: {
  name?: string;
  required?: boolean;
}) {
  return (
    <div data-evidence-slot="attachments">
      <Form.Item
        label={required ? '佐证材料（必填，每行一项）' : '佐证材料（选填，每行一项）'}
        name={name}
        rules={
          required
            ? [
                {
                  validator: async (_: unknown, v: string | undefined) => {
                    if (evidenceLines(v).length === 0) throw new Error('办结须提供佐证材料');
                  },
                },
              ]
            : []
        }
        extra="如：走访台账、会议记录、现场照片说明"
      >
        <Input.TextArea autoSize={{ minRows: 2 }} />
      </Form.Item>
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        message="附件上传即将开放，届时可在此处上传佐证文件。"
      />
    </div>
  );
}

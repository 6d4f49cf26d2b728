import { Button, Form, Input, Select } from 'antd';
import { EntryCard } from './EntryCard';
import { RectificationMeasure } from '@pingyi/contracts/review';
import { zodRule } from './rules';

export interface Measure {
  ownerId: string;
  target: string;
  measures: string;
  deadline: string;
}

const field = RectificationMeasure.shape;

/** 整改意见, each with the four fixes (四定): owner, target, measures, deadline. */
export function MeasuresField({ owners }: { owners: { value: string; label: string }[] }) {
  return (
    <Form.List name="measures">
      {(fields, { add, remove }) => (
        <>
          {fields.map((f, i) => (
            <EntryCard key={f.key} title={`整改意见 第 ${i + 1} 条`} onRemove={() => remove(f.name)}>
              <Form.Item label="定责任人" name={[f.name, 'ownerId']} rules={[zodRule(field.ownerId)]}>
                <Select options={owners} placeholder="选择整改责任人" />
              </Form.Item>
              <Form.Item label="定目标" name={[f.name, 'target']} rules={[zodRule(field.target)]}>
                <Input />
              </Form.Item>
              <Form.Item label="定措施" name={[f.name, 'measures']} rules={[zodRule(field.measures)]}>
                <Input.TextArea autoSize={{ minRows: 2 }} />
              </Form.Item>
              <Form.Item label="定时限" name={[f.name, 'deadline']} rules={[zodRule(field.deadline)]}>
                <Input type="date" />
              </Form.Item>
            </EntryCard>
          ))}
          <Button
            onClick={() => add({ ownerId: owners[0]?.value, target: '', measures: '', deadline: '' })}
            style={{ marginBottom: 16 }}
          >
            增加整改意见
          </Button>
        </>
      )}
    </Form.List>
  );
}

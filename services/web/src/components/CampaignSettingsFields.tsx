import { Button, Card, Col, Collapse, Form, Input, InputNumber, Row, Select, Space } from 'antd';
import {
  MEMBER_TYPES,
  RECTIFICATION_WINDOWS,
  SCHEDULES,
  STAGE_WINDOWS,
  UNIT_FIELDS,
  type NumberKey,
} from '../campaign-form';

const Num = ({ k, label, min = 0 }: { k: NumberKey; label: string; min?: number }) => (
  <Col xs={24} sm={12} md={8}>
    <Form.Item label={label} name={['settings', k]} rules={[{ required: true, message: `请填写${label}` }]}>
      <InputNumber min={min} precision={0} style={{ width: '100%' }} />
    </Form.Item>
  </Col>
);

/** 阶段日历: the unit the windows are counted in, and each stage's window. */
export function StageCalendarFields() {
  return (
    <Card size="small" title="阶段日历">
      <Form.Item label="计时单位" name={['settings', 'unit']}>
        <Select
          options={[
            { value: 'working_day', label: '工作日（按国家法定节假日安排）' },
            { value: 'second', label: '秒（仅用于演示和测试）' },
          ]}
        />
      </Form.Item>
      <Row gutter={12}>
        {STAGE_WINDOWS.map(([k, label]) => (
          <Num key={k} k={k} label={`${label}期限`} />
        ))}
      </Row>
    </Card>
  );
}

/** 提醒与问责: reminders before a rectification deadline, escalation, follow-up; reviewer rule and mass threshold. */
export function ReminderEscalationFields() {
  return (
    <Card size="small" title="整改、提醒与问责">
      <Row gutter={12}>
        {RECTIFICATION_WINDOWS.map(([k, label]) => (
          <Num key={k} k={k} label={label} />
        ))}
        <Num k="minMassResponses" label="群众评议满多少份才公布结果" min={5} />
        <Col xs={24} sm={12} md={8}>
          <Form.Item label="点评人" name={['settings', 'reviewerPreference']}>
            <Select
              options={[
                { value: 'superior_secretary', label: '上级党组织书记' },
                { value: 'liaison_leader', label: '联系点领导干部' },
              ]}
            />
          </Form.Item>
        </Col>
      </Row>
      <Form.List name={['settings', 'reminderDaysBefore']}>
        {(fields, { add, remove }) => (
          <Form.Item label="整改到期前提醒（最多 5 次）">
            <Space wrap>
              {fields.map((f, i) => (
                <Space key={f.key}>
                  <Form.Item name={f.name} noStyle rules={[{ required: true, message: '请填写提醒天数' }]}>
                    <InputNumber min={1} precision={0} aria-label={`第 ${i + 1} 次提醒：到期前`} />
                  </Form.Item>
                  <Button
                    type="link"
                    danger
                    onClick={() => remove(f.name)}
                    aria-label={`删除第 ${i + 1} 次提醒`}
                  >
                    删除
                  </Button>
                </Space>
              ))}
              {fields.length < 5 && <Button onClick={() => add(1)}>增加一次提醒</Button>}
            </Space>
          </Form.Item>
        )}
      </Form.List>
    </Card>
  );
}

/** 定期报告与抽查: calendar, off, or every so many seconds (demos and tests); draw sizes. */
export function ScheduleFields() {
  return (
    <Card size="small" title="定期报告与抽查">
      {SCHEDULES.map(([k, label]) => (
        <Row key={k} gutter={12} align="bottom">
          <Col xs={24} sm={12}>
            <Form.Item label={label} name={['schedules', k, 'mode']}>
              <Select
                options={[
                  { value: 'calendar', label: '按日历' },
                  { value: 'off', label: '不进行' },
                  { value: 'every', label: '每隔若干秒（演示、测试用）' },
                ]}
              />
            </Form.Item>
          </Col>
          <Form.Item noStyle dependencies={[['schedules', k, 'mode']]}>
            {({ getFieldValue }) =>
              getFieldValue(['schedules', k, 'mode']) === 'every' && (
                <Col xs={24} sm={12}>
                  <Form.Item
                    label="间隔（秒）"
                    name={['schedules', k, 'everySeconds']}
                    rules={[{ required: true, message: '请填写间隔秒数' }]}
                  >
                    <InputNumber min={1} precision={0} style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
              )
            }
          </Form.Item>
        </Row>
      ))}
      <Row gutter={12}>
        <Col xs={12}>
          <Form.Item label="每次抽查组织数" name={['schedules', 'spotCheckUnits']}>
            <InputNumber min={0} max={50} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={12}>
          <Form.Item label="每次抽查干部数" name={['schedules', 'spotCheckCadres']}>
            <InputNumber min={0} max={50} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
      </Row>
    </Card>
  );
}

const Lines = ({ name, label }: { name: string[]; label: string }) => (
  <Form.Item label={label} name={['templates', ...name]} extra="每行一项">
    <Input.TextArea autoSize={{ minRows: 2 }} />
  </Form.Item>
);

/** 点评模板: what units and members are reviewed on, one aspect a line (the standard content to begin with). */
export function TemplateFields() {
  return (
    <Collapse
      items={[
        {
          key: 'templates',
          forceRender: true,
          label: '点评模板（缺省为标准内容，可按需修改）',
          children: (
            <>
              <Lines name={['unitCommon']} label="党组织：共同点评内容" />
              {UNIT_FIELDS.map(([f, label]) => (
                <Lines key={f} name={['byField', f]} label={`党组织（${label}）：另加内容`} />
              ))}
              <Lines name={['memberCommon']} label="党员：共同点评内容" />
              {MEMBER_TYPES.map(([t, label]) => (
                <Lines key={t} name={['byType', t]} label={`${label}：另加内容`} />
              ))}
            </>
          ),
        },
      ]}
    />
  );
}

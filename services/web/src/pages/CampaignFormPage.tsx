import { useMemo, useState } from 'react';
import { Alert, App, Button, Card, Col, Form, Input, InputNumber, Row, Space } from 'antd';
import { graphql } from '../gql';
import { messageOf, request, useQuery } from '../api';
import { campaignJson, formValues, type CampaignFormValues } from '../campaign-form';
import {
  ReminderEscalationFields,
  ScheduleFields,
  StageCalendarFields,
  TemplateFields,
} from '../components/CampaignSettingsFields';
import { PageFrame } from '../components/PageFrame';
import { navigate } from '../route';
import { currentSession } from '../session';

const ForEdit = graphql(`
  query CampaignForEdit($id: ID!) {
    campaign(id: $id) {
      id
      name
      year
      scopePath
      status
      statusLabel
      settingsJson
      templatesJson
    }
  }
`);

const Create = graphql(`
  mutation CreateCampaign($input: CreateCampaignInput!) {
    createCampaign(input: $input) {
      id
    }
  }
`);

const Update = graphql(`
  mutation UpdateCampaign($id: ID!, $input: UpdateCampaignInput!) {
    updateCampaign(id: $id, input: $input) {
      id
    }
  }
`);

/** 活动设置: a new campaign (draft) or a draft's settings, all as form fields; the server checks and may refuse. */
export function CampaignFormPage({ id }: { id?: string }) {
  const existing = useQuery(ForEdit, { id: id ?? '' }, !id);
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  const c = existing.data?.campaign;
  const initial = useMemo(
    () =>
      c
        ? formValues(c, c.settingsJson, c.templatesJson)
        : formValues({
            id: '',
            name: '',
            year: new Date().getFullYear(),
            scopePath: currentSession()?.orgPath ?? '',
          }),
    [c],
  );
  const save = async (v: CampaignFormValues) => {
    setBusy(true);
    setRefusal(null);
    try {
      const json = campaignJson(v);
      if (id) await request(Update, { id, input: { name: v.name, year: v.year, ...json } });
      else
        await request(Create, {
          input: { id: v.id, name: v.name, year: v.year, scopePath: v.scopePath, ...json },
        });
      void message.success(id ? '活动设置已保存' : '活动已创建（草稿），可在活动列表中开始');
      navigate('/campaigns');
    } catch (e) {
      setRefusal(messageOf(e));
    } finally {
      setBusy(false);
    }
  };
  const locked = !!c && c.status !== 'draft';
  return (
    <PageFrame
      title={id ? '修改活动设置' : '新建活动'}
      loading={!!id && existing.loading && !existing.data}
      error={existing.error}
    >
      {id && !existing.loading && !c && !existing.error && (
        <Alert type="warning" showIcon message="没有找到该活动" />
      )}
      {locked && <Alert type="info" showIcon message={`活动${c.statusLabel}，只有未开始的活动可以修改`} />}
      {(!id || c) && (
        <Form<CampaignFormValues>
          key={c?.id ?? 'new'}
          name="campaign"
          layout="vertical"
          initialValues={initial}
          disabled={locked}
          onFinish={(v) => void save(v)}
        >
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            <Card size="small" title="基本信息">
              <Row gutter={12}>
                <Col xs={24} sm={12}>
                  <Form.Item
                    label="活动编号"
                    name="id"
                    extra="字母、数字、下划线或连字符，2–64 位，如 2026-01"
                    rules={[
                      { required: true, message: '请填写活动编号' },
                      {
                        pattern: /^[A-Za-z0-9_-]{2,64}$/,
                        message: '活动编号只能由 2–64 位字母、数字、下划线或连字符组成',
                      },
                    ]}
                  >
                    <Input disabled={!!id} />
                  </Form.Item>
                </Col>
                <Col xs={24} sm={12}>
                  <Form.Item
                    label="活动名称"
                    name="name"
                    rules={[{ required: true, min: 2, message: '活动名称至少 2 个字' }]}
                  >
                    <Input placeholder="如：2026年度承诺践诺活动" />
                  </Form.Item>
                </Col>
                <Col xs={12}>
                  <Form.Item label="年度" name="year" rules={[{ required: true, message: '请填写年度' }]}>
                    <InputNumber min={2000} max={2100} precision={0} style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
                <Col xs={12}>
                  <Form.Item
                    label="活动范围（组织路径）"
                    name="scopePath"
                    rules={[{ required: true, message: '请填写活动范围' }]}
                  >
                    <Input disabled={!!id} />
                  </Form.Item>
                </Col>
              </Row>
            </Card>
            <StageCalendarFields />
            <ReminderEscalationFields />
            <ScheduleFields />
            <TemplateFields />
            {refusal && (
              <Alert type="error" showIcon role="alert" message="服务器未通过" description={refusal} />
            )}
            <Space wrap>
              <Button type="primary" htmlType="submit" loading={busy}>
                {id ? '保存设置' : '创建活动'}
              </Button>
              <Button onClick={() => navigate('/campaigns')} disabled={false}>
                取消
              </Button>
            </Space>
          </Space>
        </Form>
      )}
    </PageFrame>
  );
}

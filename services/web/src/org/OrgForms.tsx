import { useEffect, useState } from 'react';
import { App, Col, Form, Input, Row, Select } from 'antd';
import type {
  CadreRank,
  Gender,
  MemberType,
  OrgMemberFieldsFragment,
  OrgUnitFieldsFragment,
  UnitField,
} from '../gql/graphql';
import { request } from '../api';
import { CADRE_RANKS, GENDERS, MEMBER_TYPES, UNIT_FIELDS } from './labels';
import { OrgModal } from './OrgModal';
import { SearchUnits, TransferMember, UpdateMember, UpdateUnit } from './org-ops';

const required = (what: string) => ({ required: true, whitespace: true, message: `请填写${what}` });
/** An optional text as the server takes it: nothing typed is no value. */
const orNull = (s: string | null | undefined): string | null => (s?.trim() ? s.trim() : null);

interface UnitValues {
  name: string;
  field: UnitField;
}

/** 修改组织: name and field. */
export function UnitEditModal(p: {
  unit: OrgUnitFieldsFragment;
  onClose: () => void;
  onSaved: (u: OrgUnitFieldsFragment) => void;
}) {
  const [form] = Form.useForm<UnitValues>();
  const { message } = App.useApp();
  return (
    <OrgModal<UnitValues>
      title={`修改组织：${p.unit.name}`}
      okText="保存"
      form={form}
      initialValues={{ name: p.unit.name, field: p.unit.field }}
      onCancel={p.onClose}
      save={async (v) => {
        const u = (
          await request(UpdateUnit, { id: p.unit.id, input: { name: v.name.trim(), field: v.field } })
        ).updateUnit;
        void message.success('组织信息已保存');
        p.onSaved(u);
      }}
    >
      <Form.Item label="组织名称" name="name" rules={[required('组织名称')]}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item label="组织领域" name="field" rules={[{ required: true, message: '请选择组织领域' }]}>
        <Select options={UNIT_FIELDS} />
      </Form.Item>
    </OrgModal>
  );
}

interface MemberValues {
  name: string;
  gender: Gender;
  type: MemberType;
  cadreRank?: CadreRank | null;
  mobileLocation?: string;
  joinedAt: string;
  phone?: string;
  email?: string;
}

/** 修改党员信息: the fields the server lets change (the ID number and the branch are not among them). */
export function MemberEditModal(p: {
  member: OrgMemberFieldsFragment;
  onClose: () => void;
  onSaved: () => void;
}) {
  const m = p.member;
  const [form] = Form.useForm<MemberValues>();
  const { message } = App.useApp();
  return (
    <OrgModal<MemberValues>
      title={`修改党员信息：${m.name}`}
      okText="保存"
      form={form}
      initialValues={{
        name: m.name,
        gender: m.gender,
        type: m.type,
        cadreRank: m.cadreRank ?? null,
        mobileLocation: m.mobileLocation ?? '',
        joinedAt: m.joinedAt,
        phone: m.phone ?? '',
        email: m.email ?? '',
      }}
      onCancel={p.onClose}
      save={async (v) => {
        await request(UpdateMember, {
          id: m.id,
          input: {
            name: v.name.trim(),
            gender: v.gender,
            type: v.type,
            cadreRank: v.cadreRank ?? null,
            mobileLocation: orNull(v.mobileLocation),
            joinedAt: v.joinedAt.trim(),
            phone: orNull(v.phone),
            email: orNull(v.email),
          },
        });
        void message.success('党员信息已保存');
        p.onSaved();
      }}
    >
      <Row gutter={12}>
        <Col xs={24} sm={12}>
          <Form.Item label="姓名" name="name" rules={[required('姓名')]}>
            <Input maxLength={30} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item label="性别" name="gender">
            <Select options={GENDERS} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item label="党员类别" name="type">
            <Select options={MEMBER_TYPES} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item label="职级（党员领导干部填写）" name="cadreRank">
            <Select allowClear options={CADRE_RANKS} placeholder="无" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item label="外出地点（流动党员填写）" name="mobileLocation">
            <Input maxLength={100} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item
            label="入党日期"
            name="joinedAt"
            rules={[
              required('入党日期'),
              { pattern: /^\d{4}-\d{2}-\d{2}$/, message: '入党日期格式应为 YYYY-MM-DD' },
            ]}
          >
            <Input placeholder="YYYY-MM-DD" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item label="联系电话" name="phone">
            <Input inputMode="tel" maxLength={20} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item label="电子邮箱" name="email">
            <Input inputMode="email" maxLength={200} />
          </Form.Item>
        </Col>
      </Row>
    </OrgModal>
  );
}

interface TransferValues {
  toBranchId: string;
  reason: string;
}

/** The branches of my scope whose name contains `name` (the first 20), for a choice list. */
function useBranchOptions(name: string) {
  const [options, setOptions] = useState<{ value: string; label: string }[]>([]);
  useEffect(() => {
    let live = true;
    const t = setTimeout(() => {
      request(SearchUnits, { input: { name: name.trim() || null, level: 'branch', first: 20 } }).then(
        (d) => live && setOptions(d.searchUnits.items.map((u) => ({ value: u.id, label: u.name }))),
        () => live && setOptions([]),
      );
    }, 250);
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [name]);
  return options;
}

/** 组织关系转接: the member moves to another branch, with the reason; the server decides whether it may. */
export function TransferModal(p: {
  member: OrgMemberFieldsFragment;
  onClose: () => void;
  onDone: () => void;
}) {
  const m = p.member;
  const [form] = Form.useForm<TransferValues>();
  const [name, setName] = useState('');
  const options = useBranchOptions(name);
  const { message } = App.useApp();
  return (
    <OrgModal<TransferValues>
      title={`组织关系转接：${m.name}`}
      okText="确认转接"
      form={form}
      onCancel={p.onClose}
      save={async (v) => {
        const moved = (
          await request(TransferMember, { id: m.id, toBranchId: v.toBranchId, reason: v.reason.trim() })
        ).transferMember;
        void message.success(
          moved?.branch ? `已转入${moved.branch.name}` : '已转接，该党员已转出本人管理范围',
        );
        p.onDone();
      }}
    >
      <p>现所在支部：{m.branch?.name ?? '—'}</p>
      <Form.Item label="转入支部" name="toBranchId" rules={[{ required: true, message: '请选择转入支部' }]}>
        <Select
          showSearch={{ filterOption: false, onSearch: setName }}
          options={options}
          placeholder="输入支部名称查找"
          notFoundContent="没有找到党支部"
        />
      </Form.Item>
      <Form.Item label="转接原因" name="reason" rules={[required('转接原因')]}>
        <Input.TextArea autoSize={{ minRows: 2 }} maxLength={200} placeholder="如：工作调动" />
      </Form.Item>
    </OrgModal>
  );
}

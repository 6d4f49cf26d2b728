import { useEffect, useState } from 'react';
import { Alert, Button, Card, Form, Input, Select, Spin, Typography } from 'antd';
import { graphql } from '../gql';
import { messageOf, request } from '../api';
import { navigate } from '../route';
import { PublicLinks } from '../public/PublicLinks';
import { RoleLabel, signIn, takeSignOutReason, type Session } from '../session';
import { finishOidcSignIn, startOidcSignIn, type OidcClient } from '../oidc';

interface SignInConfig {
  development: boolean;
  oidc: OidcClient | null;
  demoOrgRoot: string | null;
}

const SearchUnits = graphql(`
  query SignInUnits($name: String) {
    searchUnits(input: { name: $name, first: 20 }) {
      items {
        id
        name
        path
        levelLabel
      }
    }
  }
`);

const UnitMembers = graphql(`
  query SignInMembers($unitId: ID!, $name: String) {
    members(input: { unitId: $unitId, name: $name, first: 50, includeSubtree: false }) {
      items {
        id
        name
        branchPath
      }
    }
  }
`);

type Unit = { id: string; name: string; path: string; levelLabel: string };
type Person = { id: string; name: string; branchPath: string };
const ADMIN_ROLES = ['prefecture_admin', 'county_admin'];

async function mintDevToken(body: Record<string, string | undefined>): Promise<string> {
  const r = await fetch('/auth/dev-token', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const b = (await r.json().catch(() => ({}))) as { token?: string; message?: string };
  if (!b.token) throw new Error(b.message ?? `获取开发令牌失败（HTTP ${r.status}）`);
  return b.token;
}

/** Development: pick a demo person and role from the seeded tree; a token is minted by the gateway. */
function DevSignIn({ config, onSignedIn }: { config: SignInConfig; onSignedIn: (s: Session) => void }) {
  const [form] = Form.useForm<{ root: string; role: string; unitId?: string; personId?: string }>();
  const [browse, setBrowse] = useState<string | null>(null);
  const [units, setUnits] = useState<Unit[]>([]);
  const [people, setPeople] = useState<Person[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const unitId = Form.useWatch('unitId', form);

  const openTree = async (root: string) => {
    setError(null);
    try {
      const token = await mintDevToken({ role: 'prefecture_admin', orgPath: root, personId: 'dev-sign-in' });
      setBrowse(token);
      const found = (await request(SearchUnits, {}, token)).searchUnits.items;
      setUnits(found);
      if (found.length === 0) setError(`组织路径“${root}”下没有组织，请检查根组织路径`);
    } catch (e) {
      setError(messageOf(e));
    }
  };
  useEffect(() => {
    if (config.demoOrgRoot) void openTree(config.demoOrgRoot);
  }, [config.demoOrgRoot]);
  useEffect(() => {
    setPeople([]);
    form.setFieldValue('personId', undefined);
    if (browse && unitId)
      request(UnitMembers, { unitId }, browse).then(
        (d) => setPeople(d.members.items),
        (e: unknown) => setError(messageOf(e)),
      );
  }, [browse, unitId, form]);

  const submit = async (v: { role: string; unitId?: string; personId?: string }) => {
    const unit = units.find((u) => u.id === v.unitId);
    const person = people.find((p) => p.id === v.personId);
    if (!unit) return setError('请选择组织');
    if (!person && !ADMIN_ROLES.includes(v.role)) return setError('请选择人员');
    setBusy(true);
    try {
      const token = await mintDevToken({
        role: v.role,
        orgPath: v.role === 'member' ? person!.branchPath : unit.path,
        personId: person?.id ?? `dev-${v.role}-${unit.path}`,
        name: person?.name ?? `${unit.name}${RoleLabel[v.role]}`,
      });
      const s = signIn(token);
      if (s) {
        navigate('/workbench', true);
        onSignedIn(s);
      }
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Form
      form={form}
      name="signIn"
      layout="vertical"
      initialValues={{ root: config.demoOrgRoot ?? '', role: 'member' }}
      onFinish={(v) => void submit(v)}
    >
      <Alert type="warning" showIcon message="开发模式：选择演示人员和角色登录，仅用于开发和测试" />
      <Form.Item
        label="演示组织树（根组织路径）"
        name="root"
        rules={[{ required: true, message: '请填写组织路径' }]}
      >
        <Input.Search enterButton="打开" onSearch={(v) => void openTree(v.trim())} />
      </Form.Item>
      <Form.Item label="角色" name="role">
        <Select options={Object.entries(RoleLabel).map(([value, label]) => ({ value, label }))} />
      </Form.Item>
      <Form.Item label="组织" name="unitId" rules={[{ required: true, message: '请选择组织' }]}>
        <Select
          showSearch={{
            filterOption: false,
            onSearch: (name) =>
              browse &&
              void request(SearchUnits, { name: name || null }, browse).then((d) =>
                setUnits(d.searchUnits.items),
              ),
          }}
          placeholder="输入名称查找组织"
          options={units.map((u) => ({ value: u.id, label: `${u.name}（${u.levelLabel}）` }))}
        />
      </Form.Item>
      <Form.Item label="人员" name="personId">
        <Select
          showSearch={{ optionFilterProp: 'label' }}
          placeholder="选择本组织的党员"
          options={people.map((p) => ({ value: p.id, label: p.name }))}
        />
      </Form.Item>
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} />}
      <Button type="primary" htmlType="submit" loading={busy} block>
        登录
      </Button>
    </Form>
  );
}

/** Production: the identity provider (OIDC, authorization code with PKCE); the gateway verifies with JWKS_URL. */
function OidcSignIn({ config }: { config: SignInConfig }) {
  const [busy, setBusy] = useState(false);
  if (!config.oidc)
    return (
      <Alert
        type="error"
        showIcon
        message="尚未配置统一身份认证（OIDC）"
        description="请系统管理员为网关设置 JWKS_URL、JWT_ISSUER、OIDC_AUTHORIZE_URL、OIDC_TOKEN_URL 和 OIDC_CLIENT_ID 后再登录。"
      />
    );
  const client = config.oidc;
  return (
    <Button
      type="primary"
      block
      loading={busy}
      onClick={() => {
        setBusy(true);
        void startOidcSignIn(client);
      }}
    >
      通过统一身份认证登录
    </Button>
  );
}

export function SignInPage({ onSignedIn }: { onSignedIn: (s: Session) => void }) {
  const [config, setConfig] = useState<SignInConfig | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [reason] = useState(takeSignOutReason);
  useEffect(() => {
    const loadConfig = () =>
      fetch('/auth/config')
        .then((r) => r.json() as Promise<SignInConfig>)
        .then(setConfig, () => setError('无法获取登录方式，请稍后重试'));
    void finishOidcSignIn().then((answer) => {
      const s = typeof answer === 'string' ? signIn(answer) : null;
      if (s) {
        navigate('/workbench', true);
        return onSignedIn(s);
      }
      if (answer !== null) setError(answer instanceof Error ? answer.message : '登录凭证无效，请重新登录');
      return loadConfig();
    });
  }, []); // once, when the page opens
  return (
    <div style={{ maxWidth: 440, margin: '48px auto', padding: '0 12px' }}>
      <Card>
        <Typography.Title level={3} style={{ textAlign: 'center' }}>
          评议平台 · 登录
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ textAlign: 'center' }}>
          承诺践诺、领导点评
        </Typography.Paragraph>
        {reason && (
          <Alert type="warning" showIcon message={`请重新登录：${reason}`} style={{ marginBottom: 16 }} />
        )}
        {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} />}
        {!config && !error && <Spin />}
        {config &&
          (config.development ? (
            <DevSignIn config={config} onSignedIn={onSignedIn} />
          ) : (
            <OidcSignIn config={config} />
          ))}
      </Card>
      <PublicLinks />
    </div>
  );
}

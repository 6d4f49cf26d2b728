import type { ReactNode } from 'react';
import { Alert, Button, Space, Spin, Typography } from 'antd';
import type { ServerError } from '../api';
import { navigate } from '../route';

/** A page's title, a way back to the workbench, and its loading and load-error states. */
export function PageFrame(p: {
  title: string;
  loading: boolean;
  error: ServerError | null;
  children?: ReactNode;
}) {
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap>
        <Button onClick={() => navigate('/workbench')}>返回工作台</Button>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {p.title}
        </Typography.Title>
      </Space>
      {p.error && <Alert type="error" showIcon message={p.error.message} />}
      {p.loading ? <Spin /> : p.children}
    </Space>
  );
}

import type { ReactNode } from 'react';
import { Layout, Space, Typography } from 'antd';
import { navigate } from '../route';

/** The public pages' frame (no sign-in): phone first, one column, links between the public pages. */
export function PublicFrame({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header
        style={{
          display: 'flex',
          flexWrap: 'wrap',
          alignItems: 'center',
          justifyContent: 'space-between',
          gap: 8,
          height: 'auto',
          lineHeight: 1.5,
          padding: '10px 16px',
        }}
      >
        <span style={{ color: '#fff', fontSize: 18, fontWeight: 600 }}>评议平台 · 公开</span>
        <Space wrap>
          <Typography.Link style={{ color: '#fff' }} onClick={() => navigate('/public/evaluate')}>
            群众评议
          </Typography.Link>
          <Typography.Link style={{ color: '#fff' }} onClick={() => navigate('/public/board')}>
            公开承诺与亮评
          </Typography.Link>
        </Space>
      </Layout.Header>
      <Layout.Content style={{ padding: 12, maxWidth: 720, width: '100%', margin: '0 auto' }}>
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {title}
          </Typography.Title>
          {children}
        </Space>
      </Layout.Content>
    </Layout>
  );
}

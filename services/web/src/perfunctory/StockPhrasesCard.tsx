import { useState } from 'react';
import { App, Button, Card, Input, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { messageOf, request, useQuery } from '../api';
import { currentSession } from '../session';
import { beijingTime } from '../time';
import { AddPhrase, RemovePhrase, StockPhrasesQuery } from './queries';

/**
 * 套话管理: the documented stock phrases and the prefecture administrators' additions (only they add and remove; the
 * server records who did). A change counts for texts scored from then on; scores already given stay as they are.
 */
export function StockPhrasesCard() {
  const { data, error, loading, reload } = useQuery(StockPhrasesQuery);
  const { message } = App.useApp();
  const [phrase, setPhrase] = useState('');
  const [busy, setBusy] = useState(false);
  const may = (currentSession()?.roles ?? []).includes('prefecture_admin');
  const act = async (run: () => Promise<unknown>, done: string) => {
    setBusy(true);
    try {
      await run();
      void message.success(done);
      reload();
    } catch (e) {
      void message.error(messageOf(e));
    } finally {
      setBusy(false);
    }
  };
  // The administrators' additions first (the ones that can be removed), then the documented list.
  const all = data?.stockPhrases ?? [];
  const list = [...all.filter((p) => !p.builtIn), ...all.filter((p) => p.builtIn)];
  return (
    <Card size="small" title={`套话列表（${list.length} 条）`} aria-label="套话列表">
      <Space orientation="vertical" style={{ width: '100%' }}>
        {error && <Typography.Text type="danger">{error.message}</Typography.Text>}
        <Typography.Text type="secondary">
          指出的不足或整改措施大部分由这些套话组成时提示“常见套话”。新增或删除的套话用于此后提交的点评和自评，已有的得分不重新计算。
        </Typography.Text>
        {may && (
          <Space.Compact style={{ maxWidth: 480 }}>
            <Input
              aria-label="新增套话"
              placeholder="如：切实增强责任意识"
              value={phrase}
              maxLength={40}
              onChange={(e) => setPhrase(e.target.value)}
            />
            <Button
              type="primary"
              loading={busy}
              disabled={!phrase.trim()}
              onClick={() =>
                void act(async () => {
                  await request(AddPhrase, { phrase });
                  setPhrase('');
                }, '已添加套话')
              }
            >
              添加套话
            </Button>
          </Space.Compact>
        )}
        <Table
          rowKey="phrase"
          size="small"
          loading={loading && !data}
          dataSource={list}
          pagination={{ pageSize: 10, showSizeChanger: false }}
          columns={[
            { title: '套话', dataIndex: 'phrase' },
            {
              title: '来源',
              width: 220,
              render: (_, p) =>
                p.builtIn ? (
                  <Tag>内置</Tag>
                ) : (
                  <span>
                    <Tag color="blue">管理员添加</Tag>
                    {p.addedByName ?? ''} {p.addedAt ? beijingTime(p.addedAt) : ''}
                  </span>
                ),
            },
            {
              title: '操作',
              width: 90,
              render: (_, p) =>
                may &&
                !p.builtIn && (
                  <Popconfirm
                    title={`删除套话“${p.phrase}”？`}
                    okText="删除"
                    cancelText="取消"
                    onConfirm={() =>
                      void act(() => request(RemovePhrase, { phrase: p.phrase }), '已删除套话')
                    }
                  >
                    <Button size="small" danger>
                      删除
                    </Button>
                  </Popconfirm>
                ),
            },
          ]}
        />
      </Space>
    </Card>
  );
}

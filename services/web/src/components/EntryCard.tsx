import type { ReactNode } from 'react';
import { Button, Card } from 'antd';

/** One entry of a form list (an item, a measure) with its delete button when it may be removed. */
export function EntryCard(p: { title: string; onRemove?: () => void; children: ReactNode }) {
  return (
    <Card
      size="small"
      type="inner"
      title={p.title}
      style={{ marginBottom: 12 }}
      extra={
        p.onRemove && (
          <Button type="link" danger onClick={p.onRemove} aria-label={`删除${p.title}`}>
            删除
          </Button>
        )
      }
    >
      {p.children}
    </Card>
  );
}

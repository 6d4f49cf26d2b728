import { Space, Typography } from 'antd';
import { navigate } from '../route';

/** The public entries offered on the sign-in page (no sign-in needed). */
export function PublicLinks() {
  return (
    <Space style={{ width: '100%', justifyContent: 'center', marginTop: 16 }} wrap>
      <Typography.Link
        href="/public/evaluate"
        onClick={(e) => (e.preventDefault(), navigate('/public/evaluate'))}
      >
        群众评议入口
      </Typography.Link>
      <Typography.Link href="/public/board" onClick={(e) => (e.preventDefault(), navigate('/public/board'))}>
        公开承诺与亮评
      </Typography.Link>
    </Space>
  );
}

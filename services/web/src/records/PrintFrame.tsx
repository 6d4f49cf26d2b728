import type { ReactNode } from 'react';
import { Alert, Button, Space, Spin } from 'antd';
import type { ServerError } from '../api';
import { navigate } from '../route';

/**
 * Printed: A4 with margins, only the sheet (the app's header and this page's buttons are left out), table headers
 * repeated on each page, rows never split across pages, `.print-break` starting a new page.
 */
const PRINT_CSS = `
.print-sheet { background: #fff; color: #000; font-family: "Noto Sans CJK SC", "Noto Serif CJK SC", sans-serif; }
.print-sheet h1 { text-align: center; font-size: 22px; margin: 8px 0 4px; letter-spacing: 2px; }
.print-sheet .print-sub { text-align: center; margin-bottom: 12px; }
.print-sheet table { width: 100%; border-collapse: collapse; table-layout: fixed; }
.print-sheet th, .print-sheet td { border: 1px solid #000; padding: 6px 8px; vertical-align: top;
  white-space: pre-wrap; word-break: break-word; font-size: 13px; line-height: 1.6; }
.print-sheet th { background: #f2f2f2; font-weight: 600; text-align: center; white-space: nowrap; }
.print-sheet td.print-label { font-weight: 600; text-align: center; vertical-align: middle; width: 16%; }
.print-sheet table table th, .print-sheet table table td { font-size: 12px; }
@page { size: A4; margin: 15mm 12mm; }
@media print {
  .no-print, .ant-layout-header { display: none !important; }
  .ant-layout, .ant-layout-content { background: #fff !important; padding: 0 !important; max-width: none !important; }
  .print-sheet thead { display: table-header-group; }
  .print-sheet tr { break-inside: avoid; page-break-inside: avoid; }
  .print-sheet .print-break { break-before: page; page-break-before: always; }
  .print-sheet th { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
`;

/** A printable view: 返回 and 打印 on screen, the sheet alone on paper. */
export function PrintFrame(p: {
  back: string;
  loading: boolean;
  error: ServerError | null;
  children?: ReactNode;
}) {
  return (
    <>
      <style>{PRINT_CSS}</style>
      <Space className="no-print" wrap style={{ marginBottom: 16 }}>
        <Button onClick={() => navigate(p.back)}>返回台账与登记表</Button>
        <Button type="primary" disabled={p.loading || !!p.error} onClick={() => window.print()}>
          打印
        </Button>
      </Space>
      {p.error && <Alert className="no-print" type="error" showIcon message={p.error.message} />}
      {p.loading ? <Spin /> : <div className="print-sheet">{p.children}</div>}
    </>
  );
}

import type { Readable, Writable } from 'node:stream';
import { beijingTime } from '@pingyi/contracts';
import PDFDocument from 'pdfkit';
import { numbered } from '../cells';
import { untilWritten } from '../flow';
import { loadCjkFont } from './font';
import { FORM_TITLE, gradeLabel, modeLabel, type RegistrationFormData } from './form';
import { TableFlow, type Cell, type TextDoc } from './table-flow';

const A4_MARGIN = 42;
const FONT_SIZE = 10.5;
const FONT = 'cjk';

/**
 * The 领导点评登记表 of one subject as a PDF (A4, table layout, Noto Sans CJK embedded as a subset), returned as the
 * document's readable stream: pipe it to a file, a response or a ZIP entry. Long texts wrap and flow onto further
 * pages; every page has its number. Throws `MissingFontError` (in Chinese) when the CJK font is not installed.
 */
export function registrationFormPdf(form: RegistrationFormData): Readable {
  const font = loadCjkFont();
  const title = FORM_TITLE[form.kind];
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: A4_MARGIN, bottom: 0, left: A4_MARGIN, right: A4_MARGIN },
    bufferPages: true,
    info: { Title: `${title}（${form.subject.name}）`, Author: form.reviewer.name, Creator: '评议平台' },
  });
  doc.registerFont(FONT, font as unknown as PDFKit.Mixins.PDFFontSource);
  const width = doc.page.width - 2 * A4_MARGIN;
  const flow = new TableFlow(doc as unknown as TextDoc, {
    x: A4_MARGIN,
    top: A4_MARGIN,
    bottom: doc.page.height - A4_MARGIN - 12,
    fontSize: FONT_SIZE,
    font: FONT,
    newPage: () => doc.addPage(),
  });
  doc.font(FONT).fontSize(18).lineWidth(0.5).fillColor('#000000');
  doc.text(title, A4_MARGIN, A4_MARGIN, { width, align: 'center', fill: true, stroke: true });
  doc.fontSize(11).text(form.campaignName, A4_MARGIN, A4_MARGIN + 30, { width, align: 'center' });
  flow.y = A4_MARGIN + 56;
  formRows(form, width).forEach((cells) => flow.row(cells));
  numberPages(doc, width);
  doc.end();
  return doc;
}

/** Writes the form to `out` and resolves when `out` has taken it all. */
export async function writeRegistrationFormPdf(form: RegistrationFormData, out: Writable): Promise<void> {
  registrationFormPdf(form).pipe(out);
  await untilWritten(out);
}

const LABEL = 84;

function formRows(form: RegistrationFormData, width: number): Cell[][] {
  const half = (width - 2 * LABEL) / 2;
  const pair = (a: string, av: string, b: string, bv: string): Cell[] => [
    { text: a, width: LABEL, label: true },
    { text: av, width: half },
    { text: b, width: LABEL, label: true },
    { text: bv, width: half },
  ];
  const wide = (label: string, text: string): Cell[] => [
    { text: label, width: LABEL, label: true },
    { text: text || '（无）', width: width - LABEL },
  ];
  const unit = form.kind === 'unit';
  const reviewer = form.reviewer.title
    ? `${form.reviewer.name}（${form.reviewer.title}）`
    : form.reviewer.name;
  const s = form.signoff;
  return [
    pair(
      unit ? '党组织名称' : '党员姓名',
      form.subject.name,
      unit ? '上级党组织' : '所在党组织',
      form.subject.unitName,
    ),
    pair(unit ? '党组织书记' : '党员类别', form.subject.detail ?? '', '点评等次', gradeLabel(form.grade)),
    pair('点评领导', reviewer, '点评时间', `${beijingTime(form.reviewedAt)}（北京时间）`),
    wide('点评方式', modeLabel(form.mode)),
    wide(unit ? '自评情况（回头看）' : '自评情况', form.selfEvaluation ?? ''),
    wide('肯定成绩', form.achievements),
    wide('指出不足', numbered(form.shortcomings)),
    wide('原因分析', form.causes ?? ''),
    ...measureRows(form, width),
    wide('整改落实情况', form.rectificationResult || '（尚未开始整改）'),
    pair(
      '点评人签名',
      s ? (s.name ?? '（未留姓名）') : '（未签署）',
      '签署时间',
      s ? `${beijingTime(s.signedAt, true)}（北京时间）` : '',
    ),
    wide('内容摘要（SHA-256）', s?.contentHash ?? ''),
  ];
}

/** 整改措施（四定）: a heading row, then one row per measure: 序号, 责任人, 整改目标, 工作措施, 完成时限. */
function measureRows(form: RegistrationFormData, width: number): Cell[][] {
  const cols = [32, 64, 0, 0, 72];
  const rest = (width - cols.reduce((a, b) => a + b, 0)) / 2;
  const w = cols.map((c) => c || rest);
  const at = (i: number): number => w[i] ?? rest;
  const head: Cell[] = ['序号', '责任人', '整改目标（定具体目标）', '工作措施（定工作措施）', '完成时限'].map(
    (text, i) => ({ text, width: at(i), label: true, align: 'center' }),
  );
  const rows = form.measures.map((m, i): Cell[] => [
    { text: String(i + 1), width: at(0), align: 'center' },
    { text: m.owner, width: at(1) },
    { text: m.target, width: at(2) },
    { text: m.measures, width: at(3) },
    { text: m.deadline, width: at(4), align: 'center' },
  ]);
  const none: Cell[] = [{ text: '（无）', width }];
  return [
    [{ text: '整改措施（四定：定责任人、定具体目标、定工作措施、定工作进度）', width, label: true }],
    head,
    ...(rows.length ? rows : [none]),
  ];
}

function numberPages(doc: PDFKit.PDFDocument, width: number): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i += 1) {
    doc.switchToPage(i);
    doc
      .font(FONT)
      .fontSize(9)
      .fillColor('#555555')
      .text(
        `第 ${i - range.start + 1} 页　共 ${range.count} 页`,
        A4_MARGIN,
        doc.page.height - A4_MARGIN + 6,
        {
          width,
          align: 'center',
          lineBreak: false,
        },
      );
  }
}

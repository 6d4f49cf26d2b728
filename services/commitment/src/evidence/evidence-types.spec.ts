import { classify, contentDisposition, displayName, sniff } from './evidence-types';
import { evidenceAccess, type EvidencePlace } from './evidence-access';
import { searchTerms } from '../commitments/search.queries';

const bytes = (...parts: (string | number[])[]) =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));
const PNG = bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'IHDR');
const OLE = bytes([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], 'x');
const zip = (...names: string[]) => bytes([0x50, 0x4b, 0x03, 0x04], ...names);

describe('evidence file types are decided by content', () => {
  it('knows photos, PDF and Office documents by their bytes', () => {
    expect(sniff(bytes([0xff, 0xd8, 0xff, 0xe0]), '')).toBe('jpeg');
    expect(sniff(PNG, '')).toBe('png');
    expect(sniff(bytes('RIFF', [0, 0, 0, 0], 'WEBPVP8 '), '')).toBe('webp');
    expect(sniff(bytes('%PDF-1.7'), '')).toBe('pdf');
    expect(sniff(zip('[Content_Types].xml', 'word/document.xml'), '')).toBe('docx');
    expect(sniff(zip('[Content_Types].xml', 'xl/workbook.xml'), '')).toBe('xlsx');
    expect(sniff(zip('[Content_Types].xml', 'ppt/presentation.xml'), '')).toBe('pptx');
    expect(sniff(OLE, 'doc')).toBe('doc');
    expect(sniff(OLE, 'xls')).toBe('xls');
  });

  it('refuses executables, HTML, SVG, plain zips and disagreeing names', () => {
    expect(classify(bytes('MZ', [0x90, 0]), '报告.pdf')).toHaveProperty('refusal');
    expect(classify(bytes('<html><script>'), '图.png')).toHaveProperty('refusal');
    expect(classify(bytes('<svg xmlns="http://www.w3.org/2000/svg">'), '图.svg')).toHaveProperty('refusal');
    expect(classify(zip('evil.exe'), 'a.docx')).toHaveProperty('refusal');
    expect(classify(OLE, '无扩展名')).toHaveProperty('refusal');
    expect(classify(PNG, '照片.pdf')).toEqual({
      refusal: '文件名的扩展名（.pdf）与文件内容（PNG 图片）不符，未保存',
    });
    expect(classify(PNG, '照片.exe')).toHaveProperty('refusal');
    expect(classify(PNG, '照片.PNG')).toEqual({ kind: 'png' });
    expect(classify(PNG, '照片')).toEqual({ kind: 'png' });
  });

  it('keeps a display name only, never a path', () => {
    expect(displayName('../../etc/passwd')).toBe('passwd');
    expect(displayName('C:\\Users\\张三\\走访.jpg')).toBe('走访.jpg');
    expect(displayName('a\u202egnp.exe')).toBe('agnp.exe');
    expect(displayName('..')).toBe('佐证材料');
    expect(displayName(undefined)).toBe('佐证材料');
  });

  it('names the file for the browser in RFC 5987 form', () => {
    expect(contentDisposition('走访 "照片".png', true)).toBe(
      `inline; filename="__ ____.png"; filename*=UTF-8''%E8%B5%B0%E8%AE%BF%20%22%E7%85%A7%E7%89%87%22.png`,
    );
    expect(contentDisposition("it's (1).docx", false)).toMatch(
      /^attachment; filename="it's \(1\)\.docx"; filename\*=UTF-8''it%27s%20%281%29\.docx$/,
    );
  });
});

describe('who reads an evidence file', () => {
  const place: EvidencePlace = {
    commitment_id: 'c',
    org_path: 'xl.dwq.k.b',
    subject_kind: 'member',
    subject_id: 'm1',
    reviewer_id: 'r1',
    rectification_id: null,
    owner_id: null,
    verifier_id: null,
  };
  const who = (personId: string, role: string, orgPath: string) =>
    ({ personId, roles: [role], orgPath }) as Parameters<typeof evidenceAccess>[0];

  it('lets the uploader, the subject, the reviewer and the admins in scope read; refuses peers and strangers', () => {
    expect(evidenceAccess(who('m1', 'member', 'xl.dwq.k.b'), place)).toBe('allowed');
    expect(evidenceAccess(who('r1', 'reviewer', 'xl.abc'), place)).toBe('allowed');
    expect(evidenceAccess(who('u9', 'member', 'xl.dwq.k.b'), place, 'u9')).toBe('allowed');
    expect(evidenceAccess(who('s1', 'unit_secretary', 'xl.dwq.k.b'), place)).toBe('allowed');
    expect(evidenceAccess(who('a1', 'county_admin', 'xl.dwq'), place)).toBe('allowed');
    expect(evidenceAccess(who('m2', 'member', 'xl.dwq.k.b'), place)).toBe('forbidden');
    expect(evidenceAccess(who('a2', 'county_admin', 'xl.abq'), place)).toBe('not_found');
    expect(evidenceAccess(who('p', 'public', 'xl'), place)).toBe('not_found');
    expect(evidenceAccess(who('a1', 'county_admin', 'xl.dwq'), null)).toBe('not_found');
  });
});

describe('search words', () => {
  it('splits on white space and refuses too many words', () => {
    expect(searchTerms(' 张三\u3000 留守儿童 ')).toEqual(['张三', '留守儿童']);
    expect(searchTerms(null)).toEqual([]);
    expect(() => searchTerms('一 二 三 四 五 六')).toThrow('搜索词最多 5 个');
  });
});

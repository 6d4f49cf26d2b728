import type { SqlClient } from '@pingyi/persistence';
import { inSubtree } from '../read/subtree';
import type { PerfunctoryAuthor, PerfunctoryReason, PerfunctoryText } from './perfunctory.types';

interface Row {
  id: string;
  kind: string;
  campaign_id: string;
  commitment_id: string;
  subject_name: string;
  org_path: string;
  author_id: string;
  author_name: string | null;
  score: number;
  flagged: boolean;
  reasons: PerfunctoryReason[];
  same_author: number;
  others: number;
  current: boolean;
  at: Date;
  content: Record<string, unknown>;
}

/** A text with its commitment's place (`c`, the commitment) and author's name. */
const SELECT = (S: string) => `
  select t.id, t.kind, t.campaign_id, t.commitment_id, c.subject_name, c.org_path, t.author_id,
         case when t.kind = 'review' then c.reviewer_name else c.subject_name end author_name,
         t.score, t.flagged, t.reasons, t.same_author, t.others, t.current, t.at, t.content
    from ${S}.perf_text t join ${S}.commitment_fact c on c.id = t.commitment_id`;

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const list = (v: unknown): string[] => (Array.isArray(v) ? v.map(str) : []);

/** What was compared, as a person reads it. */
function textOf(kind: string, c: Record<string, unknown>): string {
  if (kind !== 'review') return `回头看：${str(c['priorWorkSummary'])}\n自评：${str(c['text'])}`;
  const measures = (Array.isArray(c['measures']) ? c['measures'] : []) as {
    target?: string;
    measures?: string;
  }[];
  return [
    `指出不足：${list(c['shortcomings']).join('；')}`,
    `原因分析：${str(c['causes'])}`,
    `整改措施：${measures.map((m) => `${m.target ?? ''}（${m.measures ?? ''}）`).join('；')}`,
  ].join('\n');
}

const toText = (r: Row): PerfunctoryText => ({
  id: r.id,
  kind: r.kind,
  campaignId: r.campaign_id,
  commitmentId: r.commitment_id,
  subjectName: r.subject_name,
  orgPath: r.org_path,
  authorId: r.author_id,
  authorName: r.author_name,
  score: r.score,
  flagged: r.flagged,
  reasons: r.reasons,
  sameAuthorCopies: r.same_author,
  otherCopies: r.others,
  current: r.current,
  at: new Date(r.at).toISOString(),
  text: textOf(r.kind, r.content),
});

const kindFilter = (i: number) => `($${i}::text is null or t.kind = $${i})`;

/** The flagged current texts of a campaign in a subtree, highest score first. */
export async function flaggedTexts(
  sql: SqlClient,
  S: string,
  a: { campaignId: string; path: string; kind: string | null; offset: number; limit: number },
) {
  const where = `where t.campaign_id = $1 and ${inSubtree('c.org_path', '$2')} and t.flagged and t.current
                   and ${kindFilter(3)}`;
  const params = [a.campaignId, a.path, a.kind];
  const [rows, [n]] = await Promise.all([
    sql.query<Row>(`${SELECT(S)} ${where} order by t.score desc, t.at, t.id offset $4 limit $5`, [
      ...params,
      a.offset,
      a.limit,
    ]),
    sql.query<{ n: number }>(
      `select count(*)::int n from ${S}.perf_text t join ${S}.commitment_fact c on c.id = t.commitment_id ${where}`,
      params,
    ),
  ]);
  return { total: n?.n ?? 0, items: rows.map(toText) };
}

/** Authors with flagged texts in a subtree: how many of theirs there are flagged, most first. */
export async function flaggedAuthors(
  sql: SqlClient,
  S: string,
  a: { campaignId: string; path: string; kind: string | null; offset: number; limit: number },
): Promise<{ total: number; items: PerfunctoryAuthor[] }> {
  const rows = await sql.query<PerfunctoryAuthor & { total: number }>(
    `select author_id "authorId", max(author_name) "authorName", kind, count(*) filter (where flagged)::int flagged,
            count(*)::int texts, max(score)::int "maxScore", count(*) over ()::int total
       from (${SELECT(S)} where t.campaign_id = $1 and ${inSubtree('c.org_path', '$2')} and t.current
               and ${kindFilter(3)}) x
      group by author_id, kind having count(*) filter (where flagged) > 0
      order by 4 desc, 6 desc, 1 offset $4 limit $5`,
    [a.campaignId, a.path, a.kind, a.offset, a.limit],
  );
  return { total: rows[0]?.total ?? 0, items: rows.map(({ total: _, ...r }) => r) };
}

/** One text if its commitment lies in `scope`, with its near-duplicates: those in scope shown, the others counted. */
export async function textDetail(sql: SqlClient, S: string, id: string, scope: string) {
  const [row] = await sql.query<Row>(`${SELECT(S)} where t.id = $1 and ${inSubtree('c.org_path', '$2')}`, [
    id,
    scope,
  ]);
  if (!row) return null;
  const similar = await sql.query<Row & { similarity: number; pair_same_author: boolean; in_scope: boolean }>(
    `select x.*, p.similarity, p.same_author pair_same_author, ${inSubtree('x.org_path', '$2')} in_scope
       from ${S}.perf_pair p join (${SELECT(S)}) x on x.id = p.b
      where p.a = $1 and x.current order by p.similarity desc, x.at`,
    [id, scope],
  );
  const shown = similar.filter((s) => s.in_scope);
  return {
    text: toText(row),
    similar: shown.map((s) => ({
      text: toText(s),
      similarity: s.similarity,
      sameAuthor: s.pair_same_author,
    })),
    outsideScope: similar.length - shown.length,
  };
}

/** The caller's own texts of a campaign (as reviewer, or as the subject who self-evaluated), flagged first. */
export async function ownTexts(sql: SqlClient, S: string, campaignId: string, personId: string) {
  const rows = await sql.query<Row>(
    `${SELECT(S)} where t.campaign_id = $1 and t.author_id = $2 and t.current
      order by t.flagged desc, t.score desc, t.at`,
    [campaignId, personId],
  );
  return rows.map(toText);
}

/** The texts `ids` the caller may read: in `scope` (if they supervise one), or written by the caller. */
export async function readableTexts(
  sql: SqlClient,
  S: string,
  ids: string[],
  scope: string | null,
  personId: string,
) {
  if (ids.length === 0) return new Map<string, PerfunctoryText>();
  const rows = await sql.query<Row>(
    `${SELECT(S)} where t.id = any($1) and (($2::text is not null and ${inSubtree('c.org_path', '$2')})
                                            or t.author_id = $3)`,
    [ids, scope, personId],
  );
  return new Map(rows.map((r) => [r.id, toText(r)]));
}

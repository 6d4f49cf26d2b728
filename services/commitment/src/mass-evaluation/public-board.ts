import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { ReviewGradeLabel, StageLabel, type Stage } from '@pingyi/contracts';
import { emSql } from '@pingyi/persistence';
import { rectificationStatusLabel } from '../lifecycle/labels';
import { inSubtree } from '../scope/subtree';
import type { CommitmentRow } from '../shared/commitment-row';
import { date, type Ts } from '../shared/rows';
import type { PublicResultObject } from './public-board.objects';

@Injectable()
export class PublicBoard {
  constructor(private readonly em: EntityManager) {}

  private sql() {
    return emSql(this.em.fork());
  }

  /**
   * 公开承诺 / 亮评: what a unit's area may see for supervision — commitments from publicity on, passed reviews'
   * grades and shortcomings, rectification targets and status, satisfaction once shown. Open to the public channel.
   */
  async publicBoard(
    orgPath: string,
    campaignId: string | null,
    first: number,
  ): Promise<PublicResultObject[]> {
    const params: unknown[] = [orgPath, Math.min(Math.max(first, 1), 200)];
    const campaign = campaignId ? `and c.campaign_id = $${params.push(campaignId)}` : '';
    const rows = await this.sql().query<CommitmentRow>(
      `select * from commitment.commitment c
        where ${inSubtree('c.org_path', '$1')} ${campaign}
          and c.stage not in ('drafting', 'acceptance', 'cancelled')
        order by c.subject_name, c.id limit $2`,
      params,
    );
    if (rows.length === 0) return [];
    const ids = rows.map((r) => r.id);
    const sql = this.sql();
    const [reviews, rects] = await Promise.all([
      sql.query<{ commitment_id: string; shortcomings: string[] }>(
        `select commitment_id, shortcomings from commitment.leadership_review where passed and commitment_id = any($1::uuid[])`,
        [ids],
      ),
      sql.query<{ commitment_id: string; target: string; status: string; deadline: Ts }>(
        `select commitment_id, target, status, deadline from commitment.rectification
          where commitment_id = any($1::uuid[]) and status <> 'cancelled' order by opened_at`,
        [ids],
      ),
    ]);
    return rows.map((c) => {
      const t = c.mass_tally;
      return {
        commitmentId: c.id,
        subjectName: c.subject_name,
        stageLabel: StageLabel[c.stage as Stage] ?? c.stage,
        items: (c.items ?? []).map((i) => `${i.content}（${i.target}，${i.dueDate} 前）`),
        gradeLabel: c.grade ? ReviewGradeLabel[c.grade] : undefined,
        shortcomings: reviews.filter((r) => r.commitment_id === c.id).flatMap((r) => r.shortcomings),
        rectifications: rects
          .filter((r) => r.commitment_id === c.id)
          .map((r) => ({
            target: r.target,
            statusLabel: rectificationStatusLabel(r.status),
            deadline: date(r.deadline),
          })),
        satisfactionPercent:
          t?.shown && t.responses > 0
            ? Math.round(((t.satisfied + t.basicallySatisfied) * 100) / t.responses)
            : undefined,
      };
    });
  }
}

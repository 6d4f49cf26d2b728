import { z } from 'zod';
import { MemberType, UnitField } from './org';

/**
 * The standard review content (DOMAIN.md, "Standard review content"): what a unit is reviewed on, by its field, and
 * what a member is reviewed on, by type. A campaign may replace any list (its `templates`), before it starts.
 */
export const ReviewTemplates = z.object({
  unit: z.object({
    common: z.array(z.string().trim().min(2)).min(1),
    byField: z.record(UnitField, z.array(z.string().trim().min(2))),
  }),
  member: z.object({
    common: z.array(z.string().trim().min(2)).min(1),
    byType: z.record(MemberType, z.array(z.string().trim().min(2))),
  }),
});
export type ReviewTemplates = z.infer<typeof ReviewTemplates>;

export const DEFAULT_REVIEW_TEMPLATES: ReviewTemplates = {
  unit: {
    common: [
      '“五个好”：领导班子好、党员队伍好、工作机制好、工作业绩好、群众反映好',
      '开展承诺践诺活动的情况',
      '完成中心工作和重点任务的情况',
      '践行承诺、为群众办实事好事的情况',
      '党组织和党员队伍建设的情况',
      '存在的问题和努力方向',
    ],
    byField: {
      rural: ['落实“四议两公开一监督”的情况'],
      community: ['落实“三有一化”的情况'],
      organ: ['建设学习型机关、服务型机关的情况'],
      primary_school: ['提高教育教学质量的情况'],
      higher_education: ['提高教育教学质量和立德树人的情况'],
      medical: ['改善医疗服务、方便群众就医的情况'],
      soe: ['在企业改革发展中发挥政治核心作用的情况'],
      two_new: ['党的组织和工作覆盖、促进健康发展的情况'],
      mass_org: ['联系服务群众、发挥桥梁纽带作用的情况'],
    },
  },
  member: {
    common: [
      '参加承诺践诺活动的情况',
      '践行承诺、岗位建功的情况',
      '“五带头”：带头学习提高、带头争创佳绩、带头服务群众、带头遵纪守法、带头弘扬正气',
      '存在的不足和努力方向',
    ],
    byType: {
      leading_cadre: ['德、能、勤、绩、廉'],
      in_service: [],
      retired: ['参加组织生活和活动、按时交纳党费的情况'],
      mobile: ['参加流入地党组织生活的情况'],
      rural_no_post: ['设岗定责、发挥作用的情况'],
    },
  },
};

/** The aspects a subject is reviewed on: the common list, then its field's (unit) or type's (member). */
export function reviewAspects(
  t: ReviewTemplates,
  subject: { kind: 'unit'; field: UnitField } | { kind: 'member'; memberType: MemberType },
): string[] {
  return subject.kind === 'unit'
    ? [...t.unit.common, ...(t.unit.byField[subject.field] ?? [])]
    : [...t.member.common, ...(t.member.byType[subject.memberType] ?? [])];
}

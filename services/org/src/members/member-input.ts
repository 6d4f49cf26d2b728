import { z } from 'zod';
import {
  CadreRank,
  Gender,
  MemberType,
  MobilePhone,
  NotifyChannel,
  isValidIdNumber,
} from '@pingyi/contracts';

const date = (label: string) =>
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, `${label}格式应为 YYYY-MM-DD`)
    .refine((s) => !Number.isNaN(Date.parse(s + 'T00:00:00Z')), `${label}不是有效日期`);

export const MemberFields = z.object({
  name: z.string().trim().min(1, '姓名不能为空').max(30, '姓名不能超过 30 字'),
  gender: Gender,
  joinedAt: date('入党日期'),
  type: MemberType,
  cadreRank: CadreRank.nullable().optional(),
  mobileLocation: z.string().trim().max(100, '外出地点不能超过 100 字').nullable().optional(),
  phone: MobilePhone.nullable().optional(),
  email: z.string().email('电子邮箱格式不正确').max(200).nullable().optional(),
  /** 接收通知的渠道（站内消息之外）；不填为全部已登记的渠道。 */
  notifyChannels: z
    .array(NotifyChannel)
    .max(2)
    .transform((a) => [...new Set(a)].sort())
    .nullable()
    .optional(),
});

export const NewMember = MemberFields.extend({
  idNumber: z
    .string()
    .trim()
    .transform((s) => s.toUpperCase())
    .refine(isValidIdNumber, '身份证号不正确（应为 18 位且校验位正确）'),
});

/** Cross-field rules shared by add and update. Returns the reasons a member record is not acceptable. */
export function memberRuleViolations(m: {
  type: MemberType;
  cadreRank?: string | null;
  mobileLocation?: string | null;
  birthDate: string;
  joinedAt: string;
  branchField?: string;
}): string[] {
  const reasons: string[] = [];
  if (m.type === 'leading_cadre' && !m.cadreRank) reasons.push('党员领导干部必须填写职级');
  if (m.type !== 'leading_cadre' && m.cadreRank) reasons.push('只有党员领导干部填写职级');
  if (m.type === 'mobile' && !m.mobileLocation) reasons.push('流动党员必须填写外出地点');
  if (m.type === 'rural_no_post' && m.branchField && m.branchField !== 'rural') {
    reasons.push('农村无职党员只能编入农村党支部');
  }
  const adult = new Date(m.birthDate + 'T00:00:00Z');
  adult.setUTCFullYear(adult.getUTCFullYear() + 18);
  if (new Date(m.joinedAt + 'T00:00:00Z') < adult) reasons.push('入党日期应在年满 18 周岁之后');
  if (new Date(m.joinedAt + 'T00:00:00Z') > new Date()) reasons.push('入党日期不能晚于今天');
  return reasons;
}

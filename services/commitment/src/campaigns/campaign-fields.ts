import { z } from 'zod';
import { OrgPath } from '@pingyi/contracts';

/** What names a campaign, checked the same way wherever one is opened or created. */
export const CampaignFields = z.object({
  id: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_-]{2,64}$/, '活动编号只能由 2–64 位字母、数字、下划线或连字符组成'),
  name: z.string().trim().min(2, '活动名称至少 2 个字').max(100, '活动名称不能超过 100 字'),
  year: z.number().int().min(2000, '年度有误').max(2100, '年度有误'),
  scopePath: OrgPath,
});

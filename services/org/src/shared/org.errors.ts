import { ErrorCode, UnitLevelLabel, type UnitLevel } from '@pingyi/contracts';
import { DomainError } from '@pingyi/nest';

/** Every refusal of the org service: a stable code and a reason in Chinese. */
export const OrgErrors = {
  badInput: (reasons: string[]) =>
    new DomainError(ErrorCode.BAD_INPUT, `输入内容有误：${reasons.join('；')}`, { reasons }),
  unitNotFound: (ref: string) => new DomainError(ErrorCode.NOT_FOUND, `组织“${ref}”不存在`),
  memberNotFound: (ref: string) => new DomainError(ErrorCode.NOT_FOUND, `党员“${ref}”不存在`),
  parentNotFound: (code: string) => new DomainError(ErrorCode.BAD_INPUT, `上级组织“${code}”不存在`),
  parentClosed: (code: string) =>
    new DomainError(ErrorCode.BAD_INPUT, `上级组织“${code}”已撤销，不能在其下设立或调入组织`),
  codeTaken: (code: string) => new DomainError(ErrorCode.CONFLICT, `组织编码“${code}”已被使用`),
  wrongLevel: (level: UnitLevel, parent: UnitLevel | null) =>
    new DomainError(
      ErrorCode.BAD_INPUT,
      parent
        ? `${UnitLevelLabel[level]}不能设在${UnitLevelLabel[parent]}之下`
        : `只有市（盟）级组织可以没有上级组织，${UnitLevelLabel[level]}必须指定上级组织`,
    ),
  cycle: () => new DomainError(ErrorCode.BAD_INPUT, '不能把组织移到它自己或其下级组织之下'),
  levelChangeWithChildren: () => new DomainError(ErrorCode.BAD_INPUT, '已有下级组织的单位不能更改组织层级'),
  notABranch: (code: string) =>
    new DomainError(ErrorCode.BAD_INPUT, `组织“${code}”不是党支部：党员只能编入党支部`),
  unitClosed: (code: string) => new DomainError(ErrorCode.BAD_INPUT, `组织“${code}”已撤销`),
  unitHasActiveChildren: (code: string) =>
    new DomainError(ErrorCode.BAD_INPUT, `组织“${code}”还有未撤销的下级组织或在册党员，不能撤销`),
  duplicateIdNumber: () => new DomainError(ErrorCode.CONFLICT, '该身份证号已登记为党员，不能重复添加'),
  duplicatePhone: (phone: string) =>
    new DomainError(ErrorCode.CONFLICT, `联系电话 ${phone} 已被其他党员使用`),
  memberLeft: () => new DomainError(ErrorCode.BAD_INPUT, '该党员已出党或已注销，不能操作'),
  sameBranch: () => new DomainError(ErrorCode.BAD_INPUT, '转入支部与现所在支部相同'),
  notACadre: () => new DomainError(ErrorCode.BAD_INPUT, '只有党员领导干部可以设置联系点或分管范围'),
  pairingNeedsBranches: () =>
    new DomainError(ErrorCode.BAD_INPUT, '结对双方都必须是党支部，且不能是同一个支部'),
  cadreOutOfScope: () =>
    new DomainError(
      ErrorCode.OUT_OF_SCOPE,
      '该领导干部不存在或不在您有权管理的组织范围内，不能设置其联系点或分管范围',
    ),
  crossCountyTransfer: () =>
    new DomainError(ErrorCode.FORBIDDEN, '跨旗县区转接组织关系须由市（盟）级管理员办理'),
  importJobNotFound: () => new DomainError(ErrorCode.NOT_FOUND, '导入任务不存在'),
};

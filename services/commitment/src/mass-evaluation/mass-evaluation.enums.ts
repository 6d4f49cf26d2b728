import { register } from '../shared/enums';
import { EvaluatorCategory } from './mass-evaluation';

export const EvaluatorCategoryGql = register(
  'EvaluatorCategory',
  '群众评议人类别',
  EvaluatorCategory.options,
  {
    public: '普通群众',
    representative: '党代表、群众代表',
    enterprise: '企业代表',
    self_employed: '个体工商户',
    service_recipient: '服务对象',
    deputy: '两代表一委员',
  },
);

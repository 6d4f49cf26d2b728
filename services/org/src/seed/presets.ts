/** Demo organisations: sizes from DOMAIN.md, place names and region codes of the real places. */

export type Region = 'im' | 'gd';

/** A big unit with second-level committees (二级党委): an SOE group or a university. */
export interface LandmarkSpec {
  kind: 'soe_group' | 'university';
  name: string;
  /** Prefix of its sub-units' names, e.g. 包钢 in 包钢股份炼铁厂党委. */
  short: string;
  subs: readonly string[];
}

/** A hand-made committee (used by the tiny preset): branches and general-branch sizes are given. */
export interface FixedCommittee {
  kind: 'organ_works' | 'street' | 'town';
  place?: string;
  branches: number;
  generalBranchSizes: readonly number[];
}

export interface CountySpec {
  code: string;
  name: string;
  fullName: string;
  /** First 6 digits of resident ID numbers issued there. */
  regionCode: string;
  urban: boolean;
  /** Relative share of the preset's branches. */
  weight: number;
  streets: readonly string[];
  towns: readonly string[];
  /** Share of rural branches that are pastoral 嘎查 (always in a 苏木). */
  gachaShare: number;
  landmarks?: readonly LandmarkSpec[];
  /** A college whose branch sits with the county's organs (small presets). */
  college?: string;
  fixed?: readonly FixedCommittee[];
}

export interface PresetSpec {
  code: string;
  /** 包头市 */
  name: string;
  fullName: string;
  region: Region;
  counties: readonly CountySpec[];
  committees: number;
  generalBranches: number;
  branches: number;
  members: number;
  /** Exact number of mobile members, when fixed by the source. */
  mobileMembers?: number;
  inspectionGroups: number;
  mongolianShare: number;
  /** Region codes of people born elsewhere (about a fifth of members). */
  otherRegionCodes: readonly string[];
  mobileDestinations: readonly string[];
  /** Prefixes of enterprise names. */
  enterprisePrefixes: readonly string[];
}

const IM_DESTINATIONS = [
  '呼和浩特市赛罕区',
  '呼和浩特市新城区',
  '鄂尔多斯市东胜区',
  '鄂尔多斯市康巴什区',
  '北京市朝阳区',
  '北京市海淀区',
  '天津市滨海新区',
  '乌兰察布市集宁区',
  '赤峰市红山区',
  '巴彦淖尔市临河区',
  '上海市浦东新区',
  '深圳市南山区',
  '石家庄市长安区',
  '太原市小店区',
];

const BAOTOU: PresetSpec = {
  code: 'bt',
  name: '包头市',
  fullName: '中共包头市委员会',
  region: 'im',
  committees: 446,
  generalBranches: 300,
  branches: 6779,
  members: 167_000,
  inspectionGroups: 10,
  mongolianShare: 0.06,
  otherRegionCodes: ['150102', '150105', '150121', '150602', '150802', '150902', '152921', '140902'],
  mobileDestinations: IM_DESTINATIONS,
  enterprisePrefixes: ['包头市', '包头', '内蒙古'],
  counties: [
    {
      code: 'kdq',
      name: '昆都仑区',
      fullName: '中共包头市昆都仑区委员会',
      regionCode: '150203',
      urban: true,
      weight: 0.21,
      streets: [
        '少先路街道',
        '沼潭街道',
        '前进道街道',
        '友谊大街街道',
        '林荫路街道',
        '昆北街道',
        '阿尔丁街道',
        '市府东路街道',
        '鞍山道街道',
        '团结大街街道',
        '白云路街道',
        '黄河西路街道',
      ],
      towns: ['昆河镇', '卜尔汉图镇'],
      gachaShare: 0.05,
      landmarks: [
        {
          kind: 'soe_group',
          name: '包头钢铁（集团）有限责任公司',
          short: '包钢',
          subs: [
            '股份炼铁厂',
            '股份炼钢厂',
            '股份轨梁厂',
            '股份薄板厂',
            '股份动力厂',
            '股份焦化厂',
            '稀土钢板材公司',
            '运输部',
            '质量检验中心',
            '矿山研究院',
          ],
        },
        {
          kind: 'university',
          name: '内蒙古科技大学',
          short: '内蒙古科技大学',
          subs: [
            '材料与冶金学院',
            '机械工程学院',
            '信息工程学院',
            '土木工程学院',
            '经济与管理学院',
            '文法学院',
            '理学院',
            '能源与环境学院',
          ],
        },
      ],
    },
    {
      code: 'qs',
      name: '青山区',
      fullName: '中共包头市青山区委员会',
      regionCode: '150204',
      urban: true,
      weight: 0.17,
      streets: [
        '先锋道街道',
        '幸福路街道',
        '万青路街道',
        '青山路街道',
        '自由路街道',
        '富强路街道',
        '乌素图街道',
        '保全庄街道',
        '科学路街道',
      ],
      towns: ['兴胜镇', '青福镇'],
      gachaShare: 0,
      landmarks: [
        {
          kind: 'soe_group',
          name: '内蒙古第一机械集团有限公司',
          short: '一机集团',
          subs: ['总装厂', '铸造厂', '机加厂', '热处理厂', '车辆研究所', '动力保障部'],
        },
        {
          kind: 'soe_group',
          name: '内蒙古北方重工业集团有限公司',
          short: '北重集团',
          subs: ['特钢事业部', '锻造事业部', '机械制造事业部', '物流公司', '设备动力部'],
        },
        {
          kind: 'university',
          name: '包头师范学院',
          short: '包头师范学院',
          subs: ['文学院', '数学科学学院', '物理科学与技术学院', '化学学院', '外国语学院'],
        },
      ],
    },
    {
      code: 'dh',
      name: '东河区',
      fullName: '中共包头市东河区委员会',
      regionCode: '150202',
      urban: true,
      weight: 0.15,
      streets: [
        '西脑包街道',
        '和平路街道',
        '南门外街道',
        '河东街道',
        '东兴街道',
        '回民街道',
        '财神庙街道',
        '杨圪塄街道',
        '天骄街道',
        '东站街道',
        '铁西街道',
        '环城路街道',
      ],
      towns: ['沙尔沁镇', '河东镇'],
      gachaShare: 0,
      landmarks: [
        {
          kind: 'university',
          name: '包头医学院',
          short: '包头医学院',
          subs: ['基础医学与法医学院', '临床医学院', '公共卫生学院', '护理学院', '药学院'],
        },
        {
          kind: 'soe_group',
          name: '包头铝业有限公司',
          short: '包铝',
          subs: ['电解一厂', '电解二厂', '碳素厂', '动力分厂'],
        },
      ],
    },
    {
      code: 'jy',
      name: '九原区',
      fullName: '中共包头市九原区委员会',
      regionCode: '150207',
      urban: true,
      weight: 0.1,
      streets: ['沙河街道', '萨如拉街道', '赛汗街道', '白音席勒街道', '建华街道', '都兰哈达街道'],
      towns: ['哈林格尔镇', '麻池镇', '哈业胡同镇', '阿嘎如泰苏木'],
      gachaShare: 0.05,
    },
    {
      code: 'sg',
      name: '石拐区',
      fullName: '中共包头市石拐区委员会',
      regionCode: '150205',
      urban: false,
      weight: 0.03,
      streets: ['石拐街道', '大发街道', '大德恒街道'],
      towns: ['五当召镇', '吉忽伦图苏木'],
      gachaShare: 0.1,
    },
    {
      code: 'by',
      name: '白云鄂博矿区',
      fullName: '中共包头市白云鄂博矿区委员会',
      regionCode: '150206',
      urban: true,
      weight: 0.02,
      streets: ['通阳道街道', '矿山路街道'],
      towns: [],
      gachaShare: 0,
    },
    {
      code: 'tyq',
      name: '土默特右旗',
      fullName: '中共土默特右旗委员会',
      regionCode: '150221',
      urban: false,
      weight: 0.14,
      streets: [],
      towns: ['萨拉齐镇', '双龙镇', '美岱召镇', '沟门镇', '将军尧镇', '海子乡', '苏波盖乡', '明沙淖乡'],
      gachaShare: 0.02,
    },
    {
      code: 'gy',
      name: '固阳县',
      fullName: '中共固阳县委员会',
      regionCode: '150222',
      urban: false,
      weight: 0.09,
      streets: [],
      towns: ['金山镇', '西斗铺镇', '下湿壕镇', '银号镇', '怀朔镇', '兴顺西镇'],
      gachaShare: 0,
    },
    {
      code: 'dm',
      name: '达尔罕茂明安联合旗',
      fullName: '中共达尔罕茂明安联合旗委员会',
      regionCode: '150223',
      urban: false,
      weight: 0.09,
      streets: [],
      towns: [
        '百灵庙镇',
        '满都拉镇',
        '石宝镇',
        '乌克忽洞镇',
        '明安镇',
        '希拉穆仁镇',
        '巴音敖包苏木',
        '达尔罕苏木',
        '查干哈达苏木',
      ],
      gachaShare: 0.35,
    },
  ],
};

const FOGANG: PresetSpec = {
  code: 'qy',
  name: '清远市',
  fullName: '中共清远市委员会',
  region: 'gd',
  committees: 8,
  generalBranches: 11,
  branches: 325,
  members: 12_444,
  mobileMembers: 333,
  inspectionGroups: 2,
  mongolianShare: 0,
  otherRegionCodes: ['441802', '441803', '441823', '441881', '441882', '440111', '440114'],
  mobileDestinations: [
    '广州市天河区',
    '广州市白云区',
    '广州市番禺区',
    '广州市花都区',
    '佛山市南海区',
    '佛山市顺德区',
    '深圳市宝安区',
    '深圳市龙岗区',
    '东莞市长安镇',
    '东莞市虎门镇',
    '清远市清城区',
    '珠海市香洲区',
    '中山市小榄镇',
  ],
  enterprisePrefixes: ['佛冈县', '清远市', '广东'],
  counties: [
    {
      code: 'fg',
      name: '佛冈县',
      fullName: '中共佛冈县委员会',
      regionCode: '441821',
      urban: false,
      weight: 1,
      streets: [],
      towns: ['石角镇', '汤塘镇', '龙山镇', '水头镇', '迳头镇', '高岗镇'],
      gachaShare: 0,
    },
  ],
};

const DONGWU: PresetSpec = {
  code: 'xl',
  name: '锡林郭勒盟',
  fullName: '中共锡林郭勒盟委员会',
  region: 'im',
  committees: 5,
  generalBranches: 0,
  branches: 239,
  members: 3_600,
  inspectionGroups: 2,
  mongolianShare: 0.1,
  otherRegionCodes: ['152502', '152526', '152522', '152523', '152501', '150402'],
  mobileDestinations: [
    '锡林浩特市',
    '呼和浩特市赛罕区',
    '包头市昆都仑区',
    '二连浩特市',
    '北京市朝阳区',
    '赤峰市红山区',
  ],
  enterprisePrefixes: ['东乌珠穆沁旗', '锡林郭勒', '内蒙古'],
  counties: [
    {
      code: 'dwq',
      name: '东乌珠穆沁旗',
      fullName: '中共东乌珠穆沁旗委员会',
      regionCode: '152525',
      urban: false,
      weight: 1,
      streets: [],
      towns: [
        '乌里雅斯太镇',
        '道特淖尔镇',
        '嘎达布其镇',
        '满都胡宝拉格镇',
        '额吉淖尔镇',
        '呼热图淖尔苏木',
        '萨麦苏木',
        '嘎海乐苏木',
        '阿拉坦合力苏木',
      ],
      gachaShare: 0.85,
    },
  ],
};

const TINY: PresetSpec = {
  code: 'wh',
  name: '乌海市',
  fullName: '中共乌海市委员会',
  region: 'im',
  committees: 3,
  generalBranches: 2,
  branches: 12,
  members: 120,
  mobileMembers: 6,
  inspectionGroups: 1,
  mongolianShare: 0.06,
  otherRegionCodes: ['150304', '150102'],
  mobileDestinations: IM_DESTINATIONS,
  enterprisePrefixes: ['乌海市', '内蒙古'],
  counties: [
    {
      code: 'hbw',
      name: '海勃湾区',
      fullName: '中共乌海市海勃湾区委员会',
      regionCode: '150302',
      urban: true,
      weight: 0.6,
      streets: ['新华街道'],
      towns: [],
      gachaShare: 0,
      college: '乌海职业技术学院',
      fixed: [
        { kind: 'organ_works', branches: 7, generalBranchSizes: [] },
        { kind: 'street', place: '新华街道', branches: 2, generalBranchSizes: [1] },
      ],
    },
    {
      code: 'hn',
      name: '海南区',
      fullName: '中共乌海市海南区委员会',
      regionCode: '150303',
      urban: false,
      weight: 0.4,
      streets: [],
      towns: ['巴音陶亥镇'],
      gachaShare: 0,
      fixed: [{ kind: 'town', place: '巴音陶亥镇', branches: 3, generalBranchSizes: [1] }],
    },
  ],
};

export const PRESETS = { baotou: BAOTOU, fogang: FOGANG, dongwu: DONGWU, tiny: TINY } as const;

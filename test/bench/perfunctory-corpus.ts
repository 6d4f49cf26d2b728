/*
 * The planted review set of `npm run bench:perfunctory`: a Baotou-size campaign's leadership reviews, generated
 * deterministically (seeded PRNG), each labelled with what was planted in it. Genuine reviews are composed from
 * sentence patterns with their own names, places, numbers, dates and topics; planted ones are
 *  - pasted: a reviewer writes one shortcoming, cause and measure and pastes it into 3–12 of their reviews, each
 *    copy edited a little (the subject's name put in, a number or a word changed);
 *  - copied: a review copied from another reviewer's, edited a little (both it and its source are labelled);
 *  - stock: shortcomings and measures composed of stock phrases (套话) and filler, no specifics.
 * Hard negatives are planted too: genuine reviews that use one stock phrase among specific content.
 */
import type { ReviewContent } from '@pingyi/insight-service/dist/perfunctory';

export type Plant = 'genuine' | 'pasted' | 'copied' | 'stock';

export interface PlantedReview {
  reviewer: number;
  subject: string;
  content: ReviewContent;
  plant: Plant;
  /** Whether the review is perfunctory by what was planted (it, or a copy made of it, is planted). */
  positive: boolean;
}

/** mulberry32: a small deterministic PRNG. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SURNAMES =
  '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文';
const GIVEN =
  '红华明建国军平芳玲丽强伟敏静磊洋勇艳杰娟涛超秀英霞刚辉鹏飞宇浩然文斌志海云峰波琴兰梅乌日娜其木格巴特尔苏和包';
const PLACE_HEAD =
  '巴彦乌兰白音宝力格查干锡林哈达新胜团结红旗东风阿拉坦额尔敦希望和平幸福前进光明民主朝阳兴隆';
const PLACE_TAIL = ['嘎查', '村', '社区', '苏木', '镇', '街道', '小区', '牧场', '合作社', '卫生院', '学校'];
const TOPICS = [
  '垃圾收运',
  '道路硬化',
  '饮水安全',
  '草场确权',
  '低保评定',
  '医保缴费',
  '党费收缴',
  '三会一课',
  '主题党日',
  '合作社分红',
  '集体经济',
  '防火巡查',
  '禁牧管理',
  '危房改造',
  '留守老人探访',
  '困难党员慰问',
  '矛盾纠纷调解',
  '村务公开',
  '财务公开',
  '发展党员',
  '流动党员管理',
  '志愿服务',
  '便民服务站',
  '冬季取暖',
  '防汛准备',
  '义务教育控辍',
  '家庭医生签约',
  '疫苗接种',
  '电商培训',
  '牲畜防疫',
  '秸秆回收',
  '路灯维修',
  '网格员巡查',
];
const COMPLAINTS = [
  '群众反映办事要跑两趟',
  '台账记录不全',
  '公示栏内容过期',
  '有 {n} 户没有按时走访',
  '会议记录只有议题没有结论',
  '资金使用没有单据',
  '巡查记录有 {n} 天空白',
  '群众意见 {n} 条没有回复',
  '党员参加率只有 {p}%',
  '整改拖了 {n} 个月',
];
const ACTIONS = [
  '由{name}负责，每月{d}日前整理上月{topic}台账并在{place}公开栏张贴',
  '{month}月底前召开{topic}专题会，{name}汇报，{n}名党员逐一表态',
  '组织{n}名党员分{k}组入户，{month}月前走访完{place}全部{m}户',
  '把{topic}纳入{place}网格员每周巡查，{name}每周五汇总上报',
  '{month}月{d}日前完成{topic}问题清单，{name}逐条销号，群众评议',
  '与{place}签订{topic}协议，{n}天内落实，{name}跟踪到位',
];
const STOCK_SHORT = [
  '理论学习不够深入',
  '联系群众不够紧密',
  '工作作风不够扎实',
  '创新意识不强',
  '责任意识不强',
  '服务意识不强',
  '思想认识不到位',
  '工作标准不高',
  '批评与自我批评开展不够',
  '宗旨意识不强',
  '学习不够系统',
  '担当意识不强',
];
const STOCK_MEASURE = [
  '加强理论学习',
  '提高思想认识',
  '进一步加强学习',
  '切实提高认识',
  '严格要求自己',
  '发挥先锋模范作用',
  '今后加以改进',
  '改进工作作风',
  '认真落实',
  '狠抓落实',
  '不断提升服务水平',
  '建立长效机制',
  '提高政治站位',
];
const FILLERS = ['，', '；', '，今后要', '，进一步', '，同时', '。'];

export class Corpus {
  private readonly r: () => number;
  constructor(seed: number) {
    this.r = prng(seed);
  }
  int = (lo: number, hi: number) => lo + Math.floor(this.r() * (hi - lo + 1));
  pick = <T>(a: readonly T[] | string): T => a[Math.floor(this.r() * a.length)] as T;
  chance = (p: number) => this.r() < p;
  name = () =>
    this.pick<string>(SURNAMES) +
    this.pick<string>(GIVEN) +
    (this.chance(0.5) ? this.pick<string>(GIVEN) : '');
  place = () => this.pick<string>(PLACE_HEAD) + this.pick<string>(PLACE_HEAD) + this.pick(PLACE_TAIL);
  fill = (s: string, topic: string, place: string, name: string) =>
    s
      .replace(/\{n\}/g, () => String(this.int(2, 60)))
      .replace(/\{m\}/g, () => String(this.int(20, 400)))
      .replace(/\{p\}/g, () => String(this.int(30, 80)))
      .replace(/\{k\}/g, () => String(this.int(2, 9)))
      .replace(/\{d\}/g, () => String(this.int(1, 28)))
      .replace(/\{month\}/g, () => String(this.int(1, 12)))
      .replace(/\{topic\}/g, topic)
      .replace(/\{place\}/g, place)
      .replace(/\{name\}/g, name);

  /** A genuine review of `subject`: its own place, topics, people, numbers and dates. */
  genuine(subject: string): ReviewContent {
    const place = this.place();
    const topics = [this.pick(TOPICS), this.pick(TOPICS)];
    const owner = this.name();
    const shortcomings = topics.map(
      (t) =>
        `${place}${t}方面${this.fill(this.pick(COMPLAINTS), t, place, owner)}，${this.name()}等${this.int(2, 30)}户有意见`,
    );
    const measures = topics.map((t) => ({
      target: `${this.int(2027, 2028)}年${this.int(1, 12)}月前${place}${t}${this.pick(['全部公开', '问题清零', '群众满意率达到' + this.int(85, 99) + '%', '台账补齐'])}`,
      measures: this.fill(this.pick(ACTIONS), t, place, owner),
    }));
    if (this.chance(0.3)) measures[0]!.measures = `加强学习，${measures[0]!.measures}`; // hard negative
    return {
      achievements: `${subject}${this.int(2, 12)}月带头${this.pick(TOPICS)}，${place}${this.int(3, 90)}户受益`,
      shortcomings,
      causes: `${owner}兼管${this.pick(TOPICS)}和${this.pick(TOPICS)}，${place}没有固定的${this.pick(TOPICS)}制度`,
      measures,
    };
  }

  /** Stock phrases and filler only (one of them per part, a few parts). */
  stock(subject: string): ReviewContent {
    const phrases = (list: readonly string[], n: number) =>
      Array.from({ length: n }, () => this.pick(list) + this.pick(FILLERS)).join('');
    return {
      achievements: `${subject}能够完成承诺事项，积极参加组织生活`,
      shortcomings: [phrases(STOCK_SHORT, this.int(2, 3)), phrases(STOCK_SHORT, this.int(1, 2))],
      causes: phrases(STOCK_SHORT, 1),
      measures: [{ target: phrases(STOCK_MEASURE, 2), measures: phrases(STOCK_MEASURE, this.int(2, 4)) }],
    };
  }

  /** A copy of `c` for `subject`, edited a little: the subject's name in the achievements, a few characters changed. */
  edited(c: ReviewContent, subject: string): ReviewContent {
    const tweak = (s: string) => {
      let out = s;
      for (let k = this.int(0, 2); k > 0; k--) {
        const i = this.int(0, Math.max(0, out.length - 1));
        out = out.slice(0, i) + this.pick<string>(GIVEN) + out.slice(i + 1);
      }
      return out;
    };
    return {
      achievements: `${subject}${this.pick(['能够', '积极', '认真'])}${tweak(c.achievements)}`,
      shortcomings: c.shortcomings.map(tweak),
      causes: tweak(c.causes),
      measures: c.measures.map((m) => ({ target: tweak(m.target), measures: tweak(m.measures) })),
    };
  }
}

/**
 * `total` reviews by reviewers of about 22 reviews each. Per reviewer: with `pasteShare` a paste of one review into
 * 3–12 of theirs; then each review is stock with `stockShare`, copied from an earlier review of another reviewer with
 * `copyShare`, else genuine.
 */
export function plantedReviews(
  total: number,
  seed = 21,
  shares = { paste: 0.12, stock: 0.06, copy: 0.03 },
): PlantedReview[] {
  const g = new Corpus(seed);
  const out: PlantedReview[] = [];
  for (let reviewer = 0; out.length < total; reviewer++) {
    const n = Math.min(g.int(12, 32), total - out.length);
    const pasted = n >= 3 && g.chance(shares.paste * 3) ? g.int(3, Math.min(12, n)) : 0;
    const original = g.genuine(`${g.name()}同志`);
    for (let i = 0; i < n; i++) {
      const subject = `${g.name()}同志`;
      if (i < pasted) {
        out.push({
          reviewer,
          subject,
          content: g.edited(original, subject),
          plant: 'pasted',
          positive: true,
        });
      } else if (g.chance(shares.stock)) {
        out.push({ reviewer, subject, content: g.stock(subject), plant: 'stock', positive: true });
      } else if (out.length > 100 && g.chance(shares.copy)) {
        const src = out[g.int(0, out.length - 100)]!;
        if (src.reviewer === reviewer) continue;
        src.positive = true;
        out.push({
          reviewer,
          subject,
          content: g.edited(src.content, subject),
          plant: 'copied',
          positive: true,
        });
      } else {
        out.push({ reviewer, subject, content: g.genuine(subject), plant: 'genuine', positive: false });
      }
    }
  }
  return out;
}

// Names of one county's committees and branches.
import * as names from './chinese-names';
import { type CountySpec, type PresetSpec } from './presets';
import { type Rng } from './random';
import { type AgencyEntry } from './tree-model';

/** Per-county naming state: pools of real-sounding names; used stems are shared by the preset. */
export class CountyNames {
  readonly used: Set<string>;
  readonly county: string;
  readonly agencies: AgencyEntry[];
  readonly institutions: string[];
  readonly massOrgs: string[];
  readonly soes: string[];
  readonly hospitals: string[];
  readonly healthOrgs: string[];
  private middleSchools = 0;
  private primarySchools = 0;
  private kindergartens = 0;
  private singleSchools: string[];

  constructor(
    readonly preset: PresetSpec,
    readonly spec: CountySpec,
    readonly rng: Rng,
    readonly shared: { cityMiddleSchools: number; used: Set<string> },
  ) {
    this.used = shared.used;
    const c = spec.name;
    this.county = c;
    const im = preset.region === 'im';
    this.agencies = rng.shuffle(
      names.AGENCIES.map((a) => ({
        ...a,
        name: a.name === '公安局' && c.endsWith('区') ? '公安分局' : a.name,
      })).map((a) => ({
        ...a,
        name: im ? a.name : a.name.replace('农牧局', '农业农村局').replace('林业和草原局', '林业局'),
      })),
    );
    this.institutions = rng.shuffle(names.INSTITUTIONS.map((x) => c + x));
    this.massOrgs = rng.shuffle(names.MASS_ORGS.map((x) => x.replace('{c}', c)));
    this.soes = rng.shuffle(names.LOCAL_SOES.map((x) => c + x));
    this.hospitals = [
      `${c}人民医院`,
      im ? `${c}蒙医中医医院` : `${c}中医院`,
      `${c}第二人民医院`,
      `${c}精神卫生中心`,
    ];
    this.healthOrgs = [
      `${c}妇幼保健计划生育服务中心`,
      `${c}疾病预防控制中心`,
      `${c}急救中心`,
      `${c}卫生健康综合行政执法大队`,
    ];
    this.singleSchools = [
      `${c}实验小学`,
      `${c}实验中学`,
      `${c}职业教育中心`,
      `${c}特殊教育学校`,
      ...(im ? [`${c}蒙古族学校`] : [`${c}华侨中学`]),
    ];
  }

  /** Returns the first candidate whose stem is free (and registers it), else a numbered fallback. */
  claim(propose: () => string, fallbackBase: string): string {
    for (let t = 0; t < 24; t++) {
      const s = propose();
      if (!this.used.has(s)) {
        this.used.add(s);
        return s;
      }
    }
    return this.numbered(fallbackBase);
  }

  numbered(base: string): string {
    for (let k = 1; ; k++) {
      const s = `${base}第${names.chineseNumber(k)}`;
      if (!this.used.has(s)) {
        this.used.add(s);
        return s;
      }
    }
  }

  village(town: string): string {
    const r = this.rng;
    if (town.endsWith('苏木') || r.chance(this.spec.gachaShare))
      return r.pick(names.GACHA_HEADS) + r.pick(names.GACHA_TAILS) + '嘎查';
    const parts = names.VILLAGE_PARTS[this.preset.region];
    return r.pick(parts.head) + r.pick(parts.tail) + '村';
  }

  community(): string {
    return this.rng.pick(names.COMMUNITY_WORDS) + this.rng.pick(names.COMMUNITY_SUFFIXES) + '社区';
  }

  company(group = false): string {
    const r = this.rng;
    const base =
      r.pick(this.preset.enterprisePrefixes) + r.pick(names.BRAND_WORDS) + r.pick(names.INDUSTRIES);
    return base + (group ? '集团有限公司' : r.pick(names.COMPANY_SUFFIXES));
  }

  socialOrg(): string {
    const r = this.rng;
    switch (r.int(0, 4)) {
      case 0:
        return `${this.county}${r.pick(names.TRADES)}协会`;
      case 1:
        return `${r.pick(this.preset.enterprisePrefixes)}${r.pick(names.BRAND_WORDS)}律师事务所`;
      case 2:
        return `${this.county}${r.pick(names.TRADES)}商会`;
      case 3:
        return `${r.pick(this.preset.enterprisePrefixes)}${r.pick(names.BRAND_WORDS)}会计师事务所`;
      default:
        return `${this.county}${r.pick(names.TRADES)}行业联合`;
    }
  }

  twoNew(): string {
    return this.rng.chance(0.65) ? this.company() : this.socialOrg();
  }

  school(bigOnly = false): string {
    const r = this.rng;
    const c = this.county;
    if (!bigOnly && this.singleSchools.length > 0 && r.chance(0.08)) return this.singleSchools.shift()!;
    const x = bigOnly ? 0 : r.next();
    if (x < 0.3) {
      if (this.spec.urban && r.chance(0.4))
        return `${this.preset.name}第${names.chineseNumber(++this.shared.cityMiddleSchools)}中学`;
      return `${c}第${names.chineseNumber(++this.middleSchools)}中学`;
    }
    if (x < 0.55) return `${c}第${names.chineseNumber(++this.primarySchools)}小学`;
    if (x < 0.75) return `${c}${r.pick(names.COMMUNITY_WORDS)}小学`;
    if (x < 0.85) return `${c}${r.pick(names.COMMUNITY_WORDS)}学校`;
    if (x < 0.93) return `${c}第${names.chineseNumber(++this.kindergartens)}幼儿园`;
    return `${c}${r.pick(names.COMMUNITY_WORDS)}幼儿园`;
  }

  /** An agency of the county (`big` ones only when asked), else an institution, else null. */
  agency(bigOnly: boolean): AgencyEntry | null {
    const i = this.agencies.findIndex((a) => !bigOnly || a.big);
    if (i >= 0) return this.agencies.splice(i, 1)[0]!;
    if (bigOnly) return null;
    const inst = this.institutions.shift();
    return inst ? { name: inst.slice(this.county.length) } : null;
  }

  /** Drops a place's suffix: 少先路街道 → 少先路, 萨拉齐镇 → 萨拉齐. */
  static placeShort(place: string): string {
    return place.replace(/(街道|镇|乡|苏木)$/, '');
  }
}

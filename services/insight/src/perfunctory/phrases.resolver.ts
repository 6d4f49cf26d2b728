import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { EntityManager } from '@mikro-orm/postgresql';
import { ErrorCode, type Identity } from '@pingyi/contracts';
import { CurrentIdentity, DomainError, requireRole } from '@pingyi/nest';
import { emSql } from '@pingyi/persistence';
import { StockPhrase, StockPhraseArgs } from './perfunctory-draft.types';
import { changePhrase, listPhrases, phraseProblem } from './phrases';

const bad = (message: string) => new DomainError(ErrorCode.BAD_INPUT, message);

/**
 * 防走过场: the stock phrases (套话) — the documented list and the prefecture administrators' additions, which count
 * for every text scored from then on (texts already scored keep their scores until scored again). Audited.
 */
@Resolver()
export class StockPhrasesResolver {
  constructor(private readonly em: EntityManager) {}

  @Query(() => [StockPhrase], { description: '防走过场：套话列表（内置的在前，其后为管理员添加的）' })
  stockPhrases(@CurrentIdentity() who: Identity) {
    requireRole(who, 'prefecture_admin', 'county_admin');
    return listPhrases(emSql(this.em.fork()));
  }

  @Mutation(() => StockPhrase, { description: '防走过场：添加一条套话（市级管理员；留痕）' })
  async addStockPhrase(@CurrentIdentity() who: Identity, @Args() { phrase }: StockPhraseArgs) {
    requireRole(who, 'prefecture_admin');
    const text = phrase.trim();
    const all = await listPhrases(emSql(this.em.fork()));
    const problem = phraseProblem(
      text,
      all.map((p) => p.phrase),
    );
    if (problem) throw bad(problem);
    await this.em
      .fork()
      .transactional((tx) =>
        changePhrase(emSql(tx), 'add', text, { id: who.personId, name: who.name ?? null }),
      );
    return (await listPhrases(emSql(this.em.fork()))).find((p) => p.phrase === text);
  }

  @Mutation(() => Boolean, { description: '防走过场：删除一条管理员添加的套话（市级管理员；留痕）' })
  async removeStockPhrase(@CurrentIdentity() who: Identity, @Args() { phrase }: StockPhraseArgs) {
    requireRole(who, 'prefecture_admin');
    const all = await listPhrases(emSql(this.em.fork()));
    const found = all.find((p) => p.phrase === phrase);
    if (!found) throw new DomainError(ErrorCode.NOT_FOUND, '未找到该套话');
    if (found.builtIn) throw bad('内置套话不能删除');
    return this.em
      .fork()
      .transactional((tx) =>
        changePhrase(emSql(tx), 'remove', phrase, { id: who.personId, name: who.name ?? null }),
      );
  }
}

export { emSql, pgArrayLiteral } from '@pingyi/persistence';

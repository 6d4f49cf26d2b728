import { Field, ID, ObjectType } from '@nestjs/graphql';

@ObjectType('PublicRectification', { description: '整改公示项' })
export class PublicRectificationObject {
  @Field() target!: string;
  @Field() statusLabel!: string;
  @Field() deadline!: Date;
}

@ObjectType('PublicResult', { description: '公开承诺与亮评：供群众监督的公示内容' })
export class PublicResultObject {
  @Field(() => ID) commitmentId!: string;
  @Field() subjectName!: string;
  @Field() stageLabel!: string;
  @Field(() => [String], { description: '承诺事项' }) items!: string[];
  @Field({ nullable: true, description: '点评等次' }) gradeLabel?: string;
  @Field(() => [String], { description: '点评指出的不足' }) shortcomings!: string[];
  @Field(() => [PublicRectificationObject], { description: '整改措施及结果' })
  rectifications!: PublicRectificationObject[];
  @Field({ nullable: true, description: '群众评议满意率（%），满 5 份才公布' }) satisfactionPercent?: number;
}

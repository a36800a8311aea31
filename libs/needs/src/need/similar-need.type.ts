import { Field, Float, Int, ObjectType } from '@nestjs/graphql';
import { Need } from './need.entity.js';

@ObjectType({ description: 'An existing need that resembles a draft, with how closely (0 to 1).' })
export class SimilarNeed {
  @Field(() => Need)
  need: Need;

  @Field(() => Float, {
    description: 'Trigram similarity of the titles and Swedish full-text rank, combined (0 to 1).',
  })
  score: number;
}

@ObjectType({
  description:
    'Similar needs of other organisations that the node has not triaged yet: a count only, never their text or ids.',
})
export class SimilarNeedsAwaitingTriage {
  @Field(() => Int, { description: 'How many; the node merges duplicates at triage.' })
  count: number;
}

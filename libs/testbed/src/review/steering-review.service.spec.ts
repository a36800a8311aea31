import { describe, expect, it } from '@jest/globals';
import { outcomeOf, requiredVotes } from './steering-review.service.js';
import { QuorumRule, SteeringRecommendation as R } from '../testbed.enums.js';

const votes = (...recommendations: R[]) => recommendations.map((recommendation) => ({ recommendation }));

describe('steering review rules', () => {
  it('needs a majority of the member organisations by default: 6 of 10 in Sörmland', () => {
    expect(requiredVotes({ quorumRule: QuorumRule.MAJORITY_OF_MEMBERS, minimumVotes: null }, 10)).toBe(6);
    expect(requiredVotes({ quorumRule: QuorumRule.MAJORITY_OF_MEMBERS, minimumVotes: null }, 9)).toBe(5);
    expect(requiredVotes({ quorumRule: QuorumRule.ALL_MEMBERS, minimumVotes: null }, 10)).toBe(10);
    expect(requiredVotes({ quorumRule: QuorumRule.MINIMUM_VOTES, minimumVotes: 3 }, 10)).toBe(3);
    expect(requiredVotes({ quorumRule: QuorumRule.MINIMUM_VOTES, minimumVotes: 30 }, 10)).toBe(10);
  });

  it('decides by the most votes, and a tie for the most gives TEST_MORE', () => {
    expect(outcomeOf(votes(R.RECOMMEND, R.RECOMMEND, R.DO_NOT_RECOMMEND)).outcome).toBe(R.RECOMMEND);
    expect(outcomeOf(votes(R.RECOMMEND, R.DO_NOT_RECOMMEND)).outcome).toBe(R.TEST_MORE);
    expect(
      outcomeOf(votes(R.RECOMMEND_WITH_CONDITIONS, R.RECOMMEND_WITH_CONDITIONS, R.RECOMMEND, R.RECOMMEND, R.TEST_MORE))
        .outcome,
    ).toBe(R.TEST_MORE);
    const { counts } = outcomeOf(votes(R.RECOMMEND, R.RECOMMEND, R.TEST_MORE));
    expect(counts).toEqual([
      { recommendation: R.RECOMMEND, votes: 2 },
      { recommendation: R.RECOMMEND_WITH_CONDITIONS, votes: 0 },
      { recommendation: R.DO_NOT_RECOMMEND, votes: 0 },
      { recommendation: R.TEST_MORE, votes: 1 },
    ]);
  });
});

import { graphql } from '../app/graphql.js';

/** The directory of my organisation, inactive profiles included; mine is the one with my user id. */
export const MyCoachProfile = graphql(`
  query MyCoachProfile($organizationId: ID!) {
    techCoaches(organizationId: $organizationId, active: null, first: 100) {
      nodes {
        id
        userId
        unit
        setting
        active
        categories {
          id
          key
          labelSv
          labelEn
        }
        activities {
          id
          kind
          occurredOn
          staffReached
          note
        }
      }
    }
  }
`);

export const COACH_CONTEXT = { additionalTypenames: ['TechCoach', 'CoachActivity'] };

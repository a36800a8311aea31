import { registerEnumType } from '@nestjs/graphql';

/** Where care is given (data/sormland.json `settings`): shared vocabulary of needs, tests and implementations. */
export enum CareSetting {
  HOME_CARE = 'HOME_CARE',
  SPECIAL_HOUSING = 'SPECIAL_HOUSING',
  HOME_HEALTH_CARE = 'HOME_HEALTH_CARE',
  DISABILITY_SUPPORT = 'DISABILITY_SUPPORT',
}

registerEnumType(CareSetting, {
  name: 'CareSetting',
  description:
    'Hemtjänst (ordinärt boende), särskilt boende, hemsjukvård, stöd till personer med funktionsnedsättning.',
  valuesMap: {
    HOME_CARE: { description: 'Hemtjänst (ordinärt boende)' },
    SPECIAL_HOUSING: { description: 'Särskilt boende' },
    HOME_HEALTH_CARE: { description: 'Hemsjukvård' },
    DISABILITY_SUPPORT: { description: 'Stöd till personer med funktionsnedsättning' },
  },
});

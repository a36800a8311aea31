import { registerEnumType } from '@nestjs/graphql';

export enum Role {
  NODE_ADMIN = 'NODE_ADMIN',
  NODE_STAFF = 'NODE_STAFF',
  STEERING_MEMBER = 'STEERING_MEMBER',
  MUNICIPALITY_COORDINATOR = 'MUNICIPALITY_COORDINATOR',
  TECH_COACH = 'TECH_COACH',
  VIEWER = 'VIEWER',
}

registerEnumType(Role, {
  name: 'Role',
  description: 'What a user may do in Noden. A user belongs to one organisation and may hold several roles.',
});

export const NODE_ROLES: readonly Role[] = [Role.NODE_ADMIN, Role.NODE_STAFF];

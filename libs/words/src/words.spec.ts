import { describe, expect, it } from '@jest/globals';
import { word } from './index.js';

describe('words', () => {
  it('names several codes as a list in the reader’s language, never as codes', () => {
    const params = {
      name: 'Bo',
      email: 'bo@flen.se',
      provider: 'Flens Entra',
      roles: 'MUNICIPALITY_COORDINATOR,TECH_COACH',
    };
    expect(word('sv', 'notification.user.joinedWithRoles.body', params)).toContain(
      'från sina grupper: Samordnare och Teknikcoach.',
    );
    expect(word('en', 'notification.user.joinedWithRoles.body', params)).toContain(
      'from their groups: Coordinator and Tech coach.',
    );
    expect(word('sv', 'notification.user.joinedWithRoles.body', { ...params, roles: 'VIEWER' })).toContain(
      'grupper: Läsare.',
    );
  });
});

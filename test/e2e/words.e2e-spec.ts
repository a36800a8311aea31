import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { enWords, LANGS, svWords, WORDS, type WordKey } from '#words';
import { Role } from '#core';
import { sv as appSv } from '../../apps/web/src/app/i18n/sv.js';
import { en as appEn } from '../../apps/web/src/app/i18n/en.js';
import { loadCatalog, translate, type MessageKey } from '../../apps/web/src/app/i18n/catalog.js';
import { createTestApi, type TestApi } from '../support/test-api.js';
import { createUser, type TestUser } from '../support/builders.js';
import { changeStatus, reportNeed } from '../support/needs-builders.js';

/** The enum values of a GraphQL enum in the committed schema: the codes the api returns. */
function enumValues(name: string): string[] {
  const schema = readFileSync(new URL('../../schema.graphql', import.meta.url), 'utf8');
  const body = new RegExp(`enum ${name} \\{([^}]*)\\}`).exec(schema)?.[1] ?? '';
  return body
    .replace(/"""[\s\S]*?"""/g, '')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
}
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)/g)].map((m) => m[1]).sort();

describe('words: one catalogue per language for the app and for what the server writes', () => {
  it('every shared code has a text in Swedish and in English, with the same placeholders', () => {
    const keys = new Set([...Object.keys(svWords), ...Object.keys(enWords)]);
    for (const key of keys)
      for (const lang of LANGS) {
        const text = (WORDS[lang] as Record<string, string | undefined>)[key];
        expect([lang, key, typeof text === 'string' && text.trim().length > 0]).toEqual([lang, key, true]);
      }
    for (const key of keys as Set<WordKey>)
      expect([key, placeholders(enWords[key])]).toEqual([key, placeholders(svWords[key])]);
  });

  it('every status and recommendation code the api returns has its word in both languages', () => {
    const codes = [
      ...enumValues('NeedStatus').map((v) => `needStatus.${v}`),
      ...enumValues('SteeringRecommendation').map((v) => `recommendation.${v}`),
    ];
    expect(codes.length).toBeGreaterThan(8);
    for (const code of codes)
      for (const lang of LANGS) expect([lang, code, code in WORDS[lang]]).toEqual([lang, code, true]);
  });

  it("the app's catalogues take the shared words from libs/words unchanged (one source)", () => {
    for (const key of Object.keys(svWords) as WordKey[]) {
      expect([key, appSv[key as MessageKey]]).toEqual([key, svWords[key]]);
      expect([key, appEn[key as MessageKey]]).toEqual([key, enWords[key]]);
    }
  });

  describe('a notification reads as the app reads the same code, in the recipient’s language', () => {
    let api: TestApi;
    let staff: TestUser;
    let swedish: TestUser;
    let english: TestUser;
    const NOTIFICATIONS = `{ myNotifications(first: 20) { nodes { kind title body params } } }`;

    beforeAll(async () => {
      api = await createTestApi();
      await loadCatalog('en');
      staff = await createUser(api, 'Noden', [Role.NODE_STAFF], 'staff');
      swedish = await createUser(api, '0482', [Role.TECH_COACH], 'sv-coach');
      english = await createUser(api, '0484', [Role.TECH_COACH], 'en-coach');
      const set = await api.gql(`mutation { setMyLanguage(language: en) { language } }`, {}, { token: english.token });
      expect(set.data?.setMyLanguage).toEqual({ language: 'en' });
    });
    afterAll(() => api.close());

    it('a status change: the words of the app’s status tag, in Swedish for one and English for the other', async () => {
      for (const user of [swedish, english]) {
        const need = await reportNeed(api, user, { title: `Larm för ${user.email}` });
        expect((await changeStatus(api, staff, need.id, 'TRIAGED', 'Flera kommuner har det')).errors).toBeUndefined();
      }
      const told = async (user: TestUser) =>
        (
          (await api.gql(NOTIFICATIONS, {}, { token: user.token })).data!.myNotifications.nodes as {
            kind: string;
            title: string;
            body: string;
          }[]
        ).find((n) => n.kind === 'need.statusChanged')!;
      const sv = await told(swedish);
      const en = await told(english);
      expect(sv.title).toBe(translate('sv', 'notification.need.statusChanged.title', { toStatus: 'TRIAGED' }));
      expect(sv.title).toContain(translate('sv', 'needStatus.TRIAGED'));
      expect(sv.body).toContain(`”Larm för ${swedish.email}”`);
      expect(en.title).toBe(translate('en', 'notification.need.statusChanged.title', { toStatus: 'TRIAGED' }));
      expect(en.title).toContain(translate('en', 'needStatus.TRIAGED'));
      // No mixed languages: the English text carries none of the Swedish words of the same notification.
      expect(`${en.title} ${en.body}`).not.toMatch(/Behovet|Mina behov|Bedömd|Ditt behov/);
      expect(en.body).toBe(
        translate('en', 'notification.need.statusChanged.body', {
          toStatus: 'TRIAGED',
          needTitle: `Larm för ${english.email}`,
        }),
      );
    });
  });
});

import { describe, expect, it } from '@jest/globals';
import { splitErrors, toApiErrors, wordError } from './api-errors.js';
import { loadCatalog, type MessageKey, translate, translateCount } from './i18n/catalog.js';
import { formatDate, formatNumber, todayInSweden } from './format.js';

const t = (key: MessageKey, params?: Record<string, string | number>) => translate('sv', key, params);

describe('errors next to their fields', () => {
  it('puts each api error next to the field extensions.field names, the rest above the form', () => {
    const errors = toApiErrors([
      { message: 'Rubriken är för kort.', extensions: { code: 'BAD_USER_INPUT', field: 'input.title' } },
      { message: 'Ogiltigt värde.', extensions: { code: 'BAD_USER_INPUT', field: 'input.successCriteria.1.unit' } },
      { message: 'Din roll får inte göra detta.', extensions: { code: 'FORBIDDEN' } },
    ]);
    expect(splitErrors(errors, ['title', 'description', 'successCriteria'], t)).toEqual({
      byField: { title: 'Rubriken är för kort.', successCriteria: 'Ogiltigt värde.' },
      general: ['Din roll får inte göra detta.'],
    });
  });

  it('shows an error for a field the form does not have above the form rather than losing it', () => {
    expect(
      splitErrors(toApiErrors([{ message: 'X', extensions: { field: 'input.hidden' } }]), ['title'], t).general,
    ).toEqual(['X']);
  });

  it('shows every problem of one input at once, each in the words of its own field, never the path', () => {
    const errors = toApiErrors([
      {
        message: 'Fältet input.title: får inte vara tomt',
        extensions: {
          code: 'BAD_USER_INPUT',
          reason: 'CORE_INVALID_INPUT',
          field: 'input.title',
          params: { field: 'input.title', constraint: 'isNotEmpty' },
          problems: [
            { field: 'input.title', constraint: 'isNotEmpty', message: 'Fältet input.title: får inte vara tomt' },
            { field: 'input.description', constraint: 'isNotEmpty', message: 'får inte vara tomt' },
            { field: 'input.estimatedPeopleAffected', constraint: 'min', limit: 0, message: 'måste vara minst 0' },
          ],
        },
      },
    ]);
    const split = splitErrors(errors, ['title', 'description', 'estimatedPeopleAffected'], t, {
      title: { label: 'Rubrik', required: 'Skriv en rubrik.' },
      estimatedPeopleAffected: { label: 'Ungefär hur många berörs?' },
    });
    expect(split.byField).toEqual({
      title: 'Skriv en rubrik.',
      description: 'Det här fältet måste fyllas i.',
      estimatedPeopleAffected: '”Ungefär hur många berörs?” måste vara minst 0.',
    });
  });

  it('drops the developers’ "Fältet input.x:" prefix from a domain error, and never shows a path', () => {
    const [plain, withPath] = toApiErrors([
      {
        message: 'Fältet input.plannedEnd: testperioden kan inte sluta före den börjar.',
        extensions: { code: 'BAD_USER_INPUT', reason: 'TESTBED_PERIOD_REVERSED', field: 'input.plannedEnd' },
      },
      {
        message: 'Det som fältet input.categoryId pekar på finns inte.',
        extensions: { code: 'BAD_USER_INPUT', reason: 'SOMETHING_NEW', field: 'input.categoryId' },
      },
    ]);
    expect(wordError(plain, t)).toBe('Testperioden kan inte sluta före den börjar.');
    expect(wordError(withPath, t)).toBe('Kontrollera det du fyllt i här.');
  });
});

describe('Swedish first', () => {
  it('formats dates and numbers the Swedish way, and in English on request', () => {
    expect(formatDate('2026-11-23', 'sv')).toBe('23 november 2026');
    expect(formatDate('2026-11-23', 'en')).toBe('23 November 2026');
    expect(formatNumber(12345.6, 'sv', 1).replace(/\s/g, ' ')).toBe('12 345,6');
    expect(formatNumber(12345.6, 'en', 1)).toBe('12,345.6');
  });

  it('takes today’s date in Sweden (a coach at 00:30 files on the Swedish date)', () => {
    expect(todayInSweden(new Date('2026-11-22T23:30:00Z'))).toBe('2026-11-23');
  });

  it('fills in parameters in both catalogues (English once loaded, Swedish until then)', async () => {
    expect(translate('en', 'start.unread', { count: 3 })).toBe('3 olästa aviseringar');
    await loadCatalog('en');
    expect(translate('sv', 'start.unread', { count: 3 })).toBe('3 olästa aviseringar');
    expect(translate('en', 'start.unread', { count: 3 })).toBe('3 unread notifications');
    expect(translateCount('sv', 'start.unread', 1)).toBe('1 oläst avisering');
    expect(translateCount('sv', 'start.unread', 2)).toBe('2 olästa aviseringar');
  });

  it('chooses plural forms through Intl.PluralRules wherever a message gets a numeric count', async () => {
    await loadCatalog('en');
    expect(translate('sv', 'report.similar.sharedBy', { count: 1 })).toBe('1 organisation till har behovet');
    expect(translate('sv', 'report.similar.sharedBy', { count: 2 })).toBe('2 organisationer till har behovet');
    expect(translate('sv', 'report.similar.sharedBy', { count: 0 })).toBe('0 organisationer till har behovet');
    expect(translate('en', 'report.similar.sharedBy', { count: 1 })).toBe('1 more organisation has the need');
    expect(translate('en', 'users.count', { count: 1 })).toBe('1 user');
    expect(translate('en', 'users.count', { count: 21 })).toBe('21 users');
  });
});

import { describe, expect, it } from '@jest/globals';
import { renderToStaticMarkup } from 'react-dom/server';
import { LanguageProvider } from '../app/i18n.js';
import { maskFragments } from 'gql.tada';
import { KnowledgeBasis, KnowledgeBasisFields } from './KnowledgeBasis.js';

const snapshot = maskFragments([KnowledgeBasisFields], {
  plan: {
    purpose: 'Pröva digital nattillsyn.',
    expectedBenefit: null,
    baseline: 'Tre besök per natt.',
    plannedStart: '2026-11-01',
    plannedEnd: '2027-04-30',
    consentApproach: 'PERSON_THEMSELF',
    consentDescription: null,
    informationSecurity: 'Ingen lagring av bild.',
    workEnvironment: null,
    involvement: null,
    risks: 'Avbrott.',
    documents: [],
    successCriteria: [
      { id: 'c1', name: 'Nätter utan väckning', targetValue: 80, unit: '%', description: null },
      { id: 'c2', name: 'Personaltid', targetValue: 45, unit: 'min', description: null },
      { id: 'c3', name: 'Nöjdhet', targetValue: 4, unit: 'av 5', description: null },
    ],
  },
  participants: [{ group: 'STAFF', women: 9, men: 0, otherOrUnknown: 0 }],
  observations: [
    { id: 'o1', kind: 'LESSON', description: 'Informera anhöriga tidigt', occurredOn: '2026-11-10' },
    { id: 'o2', kind: 'OBSTACLE', description: 'Wifi saknas', occurredOn: '2026-11-12' },
    { id: 'o3', kind: 'OBSTACLE', description: 'Kameran för stor', occurredOn: '2026-11-13' },
  ],
  deviations: [],
  technicalFaults: [],
  results: [
    { criterionId: 'c1', measuredValue: 86.5, met: true, comment: null },
    { criterionId: 'c2', measuredValue: 52, met: false, comment: 'Inkörning' },
  ],
});

const render = () =>
  renderToStaticMarkup(
    <LanguageProvider>
      <KnowledgeBasis data={snapshot} />
    </LanguageProvider>,
  ).replace(/<[^>]+>/g, '|');

describe('KnowledgeBasis', () => {
  it('groups observations as hinder, möjligheter and lärdomar, with a count each', () => {
    const text = render();
    expect(text).toContain('Hinder (2)');
    expect(text).toContain('Möjligheter (0)');
    expect(text).toContain('Lärdomar (1)');
    expect(text.indexOf('Wifi saknas')).toBeLessThan(text.indexOf('Informera anhöriga tidigt'));
  });

  it('shows each criterion with its result: met, not met, or not measured, in Swedish number format', () => {
    const text = render();
    expect(text).toMatch(/Nätter utan väckning\|.*80 %.*86,5 %.*Ja/);
    expect(text).toMatch(/Personaltid\|.*52 min.*Nej.*Inkörning/);
    expect(text).toMatch(/Nöjdhet\|.*Ej mätt/);
  });

  it('says what the plan left unstated instead of leaving a blank', () => {
    expect(render()).toMatch(/Arbetsmiljö\|+Ej angivet/);
  });
});

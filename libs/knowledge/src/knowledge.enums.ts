import { registerEnumType } from '@nestjs/graphql';

export enum ArticleKind {
  LESSON = 'LESSON',
  GOOD_EXAMPLE = 'GOOD_EXAMPLE',
  GUIDANCE = 'GUIDANCE',
  CHECKLIST = 'CHECKLIST',
  TEST_REPORT = 'TEST_REPORT',
}
registerEnumType(ArticleKind, {
  name: 'ArticleKind',
  valuesMap: {
    LESSON: { description: 'Lärdom' },
    GOOD_EXAMPLE: { description: 'Gott exempel' },
    GUIDANCE: { description: 'Vägledning' },
    CHECKLIST: { description: 'Checklista' },
    TEST_REPORT: { description: 'Testrapport (publicerade testbeslut kommer in av sig själva)' },
  },
});

/** Where the knowledge comes from: "not all knowledge is good knowledge" (S4:239). */
export enum KnowledgeSourceType {
  PEER_REVIEWED_STUDY = 'PEER_REVIEWED_STUDY',
  NATIONAL_GUIDANCE = 'NATIONAL_GUIDANCE',
  COUNTY_TEST = 'COUNTY_TEST',
  SINGLE_SITE_EXPERIENCE = 'SINGLE_SITE_EXPERIENCE',
  VENDOR_MATERIAL = 'VENDOR_MATERIAL',
}
registerEnumType(KnowledgeSourceType, {
  name: 'KnowledgeSourceType',
  valuesMap: {
    PEER_REVIEWED_STUDY: { description: 'Granskad studie' },
    NATIONAL_GUIDANCE: { description: 'Nationell vägledning (t.ex. Socialstyrelsen, SKR)' },
    COUNTY_TEST: { description: 'Test i länet med styrgruppsbeslut' },
    SINGLE_SITE_EXPERIENCE: { description: 'Erfarenhet från en enskild verksamhet' },
    VENDOR_MATERIAL: { description: 'Leverantörsmaterial' },
  },
});

export enum QualityGrade {
  STRONG = 'STRONG',
  ASSESSED = 'ASSESSED',
  LIMITED = 'LIMITED',
  UNASSESSED = 'UNASSESSED',
}
registerEnumType(QualityGrade, {
  name: 'QualityGrade',
  valuesMap: {
    STRONG: { description: 'Starkt underlag' },
    ASSESSED: { description: 'Bedömt underlag (t.ex. styrgruppens beslut)' },
    LIMITED: { description: 'Begränsat underlag' },
    UNASSESSED: { description: 'Ej bedömt' },
  },
});

export enum ArticleStatus {
  DRAFT = 'DRAFT',
  PUBLISHED = 'PUBLISHED',
}
registerEnumType(ArticleStatus, {
  name: 'ArticleStatus',
  description: 'A draft is seen by its organisation and node staff; published, by all.',
});

export enum ArticleLinkType {
  CATEGORY = 'CATEGORY',
  PRODUCT = 'PRODUCT',
  NEED = 'NEED',
  TEST_PROTOCOL = 'TEST_PROTOCOL',
  TEST_DECISION = 'TEST_DECISION',
}
registerEnumType(ArticleLinkType, { name: 'ArticleLinkType' });

/** What a search hit is: an article of the portal, or a published test decision that entered it by itself. */
export enum KnowledgeSource {
  ARTICLE = 'ARTICLE',
  TEST_DECISION = 'TEST_DECISION',
}
registerEnumType(KnowledgeSource, { name: 'KnowledgeSource' });

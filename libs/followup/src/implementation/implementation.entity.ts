import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { CareSetting } from '#catalog';

export enum ImplementationStatus {
  PILOT = 'PILOT',
  BROAD_ROLLOUT = 'BROAD_ROLLOUT',
  DISCONTINUED = 'DISCONTINUED',
}
registerEnumType(ImplementationStatus, {
  name: 'ImplementationStatus',
  valuesMap: {
    PILOT: { description: 'Pilot' },
    BROAD_ROLLOUT: { description: 'Bred införing' },
    DISCONTINUED: { description: 'Avslutat (med skäl)' },
  },
});

/** The IVO checklist for digital supervision and other welfare technology (S2:56-85). */
export const CHECKLIST_ITEMS = [
  'strategyOrPlan',
  'routines',
  'individualNeedsAssessment',
  'consentByPerson',
  'staffTraining',
  'followUpRoutine',
  'deviationRoutine',
  'backupSupervision',
] as const;
export type ChecklistItemKey = (typeof CHECKLIST_ITEMS)[number];
export type ChecklistData = Partial<Record<ChecklistItemKey, { done: boolean; comment: string | null }>>;

@ObjectType()
export class ChecklistItem {
  @Field()
  done: boolean;

  @Field(() => String, { nullable: true })
  comment: string | null;
}

@ObjectType({
  description:
    'IVO:s checklista (S2:56-85). Kommentarer kan innehålla personuppgifter: visas bara för den egna organisationen.',
})
export class ImplementationChecklist {
  @Field(() => ChecklistItem, { description: 'Strategi eller plan för införandet.' })
  strategyOrPlan: ChecklistItem;

  @Field(() => ChecklistItem, { description: 'Rutiner.' })
  routines: ChecklistItem;

  @Field(() => ChecklistItem, { description: 'Individuell behovsbedömning.' })
  individualNeedsAssessment: ChecklistItem;

  @Field(() => ChecklistItem, {
    description: 'Samtycke från personen själv, aldrig från anhöriga eller företrädare (S2:230).',
  })
  consentByPerson: ChecklistItem;

  @Field(() => ChecklistItem, { description: 'Utbildning av personal.' })
  staffTraining: ChecklistItem;

  @Field(() => ChecklistItem, { description: 'Rutin för uppföljning över tid.' })
  followUpRoutine: ChecklistItem;

  @Field(() => ChecklistItem, { description: 'Avvikelserutin.' })
  deviationRoutine: ChecklistItem;

  @Field(() => ChecklistItem, { description: 'Reservrutin för tillsyn om tekniken fallerar (S2:368).' })
  backupSupervision: ChecklistItem;
}

@ObjectType({ description: 'Antal personer per kön (S2:83).' })
export class CountsBySex {
  @Field(() => Int)
  women: number;

  @Field(() => Int)
  men: number;

  @Field(() => Int, { description: 'Annat eller okänt.' })
  otherOrUnknown: number;

  @Field(() => Int)
  total: number;
}

@ObjectType()
export class PeopleCounts {
  @Field(() => CountsBySex, { description: 'Erbjudna.' })
  offered: CountsBySex;

  @Field(() => CountsBySex, { description: 'Tackade ja.' })
  accepted: CountsBySex;

  @Field(() => CountsBySex, { description: 'Tackade nej.' })
  declined: CountsBySex;
}

@ObjectType({
  description:
    'Ett införande (implementering) av en produkt i en organisation, följt upp efter 12 och 24 månader (S4:358-362).',
})
@Entity({ name: 'implementations' })
export class Implementation {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => ID)
  @Column({ type: 'uuid' })
  organizationId: string;

  @Field(() => ID)
  @Column({ type: 'uuid' })
  productId: string;

  @Field(() => ID, { nullable: true, description: 'The call-off (avrop) it came from.' })
  @Column({ type: 'uuid', nullable: true })
  callOffId: string | null;

  @Field(() => CareSetting)
  @Column({ type: 'text' })
  setting: CareSetting;

  @Field(() => ImplementationStatus)
  @Column({ type: 'text' })
  status: ImplementationStatus;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  discontinuedReason: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Go-live date (YYYY-MM-DD); follow-ups are due 12 and 24 months later.',
  })
  @Column({ type: 'date', nullable: true })
  goLiveOn: string | null;

  @Field(() => ID)
  @Column({ type: 'uuid' })
  responsibleUserId: string;

  /** Offered, accepted and declined, by sex (S2:83): counts only, never identities. */
  @Column({ type: 'integer' })
  offeredWomen: number;

  @Column({ type: 'integer' })
  offeredMen: number;

  @Column({ type: 'integer' })
  offeredOther: number;

  @Column({ type: 'integer' })
  acceptedWomen: number;

  @Column({ type: 'integer' })
  acceptedMen: number;

  @Column({ type: 'integer' })
  acceptedOther: number;

  @Column({ type: 'integer' })
  declinedWomen: number;

  @Column({ type: 'integer' })
  declinedMen: number;

  @Column({ type: 'integer' })
  declinedOther: number;

  @Column({ type: 'jsonb' })
  checklist: ChecklistData;

  @Field(() => Int, { description: 'Increases with every change.' })
  @Column({ type: 'integer' })
  version: number;

  @Column({ type: 'uuid', nullable: true })
  createdByUserId: string | null;

  @Field()
  @Column({ type: 'timestamptz' })
  createdAt: Date;

  @Field()
  @Column({ type: 'timestamptz' })
  updatedAt: Date;
}

export function peopleCounts(i: Implementation): PeopleCounts {
  const bySex = (women: number, men: number, otherOrUnknown: number): CountsBySex => ({
    women,
    men,
    otherOrUnknown,
    total: women + men + otherOrUnknown,
  });
  return {
    offered: bySex(i.offeredWomen, i.offeredMen, i.offeredOther),
    accepted: bySex(i.acceptedWomen, i.acceptedMen, i.acceptedOther),
    declined: bySex(i.declinedWomen, i.declinedMen, i.declinedOther),
  };
}

export function checklistOf(i: Implementation): ImplementationChecklist {
  const checklist = new ImplementationChecklist();
  for (const key of CHECKLIST_ITEMS)
    checklist[key] = { done: i.checklist[key]?.done ?? false, comment: i.checklist[key]?.comment ?? null };
  return checklist;
}

import { Entity, PrimaryColumn } from 'typeorm';

/** The technology categories a coach knows. */
@Entity({ name: 'tech_coach_categories' })
export class TechCoachCategory {
  @PrimaryColumn({ type: 'uuid' })
  coachId: string;

  @PrimaryColumn({ type: 'uuid' })
  categoryId: string;
}

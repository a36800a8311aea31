import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { GraphQLJSON } from '#core';
import { CompatibilityStatus, EvidenceLevel } from '../compatibility-enums.js';
import { CompatibilityStatement } from '../compatibility-statement.entity.js';
import { Product } from '../../product/product.entity.js';
import { TechnologyCategory } from '../../category/technology-category.entity.js';
import { SystemKind } from '../../system/system-kind.entity.js';
import { System } from '../../system/system.entity.js';
import { OrganizationSystem } from '../../system/organization-system.entity.js';

@ObjectType({ description: 'A row of the matrix: a product and the version the cells are computed for.' })
export class MatrixProduct {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;

  @Field(() => String, { nullable: true })
  model: string | null;

  @Field()
  supplierName: string;

  @Field(() => String, { nullable: true })
  currentVersion: string | null;
}

@ObjectType({ description: 'A column of the matrix: a system and the version the cells are computed for.' })
export class MatrixSystem {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;

  @Field()
  vendorName: string;

  @Field()
  kindKey: string;

  @Field(() => String, { nullable: true })
  currentVersion: string | null;
}

@ObjectType({
  description: 'A cell for which a current statement holds. Pairs without a cell are UNKNOWN with no evidence.',
})
export class MatrixCell {
  @Field(() => ID)
  productId: string;

  @Field(() => ID)
  systemId: string;

  @Field(() => CompatibilityStatus)
  status: CompatibilityStatus;

  @Field(() => EvidenceLevel)
  evidence: EvidenceLevel;

  @Field(() => ID)
  statementId: string;

  @Field()
  productVersions: string;

  @Field()
  systemVersions: string;

  @Field(() => String, { nullable: true })
  note: string | null;

  @Field()
  assertedAt: Date;

  @Field(() => String, {
    nullable: true,
    description: "Null when the statement is this node's own; else the id of the county node that shared it.",
  })
  originNodeId: string | null;

  @Field(() => String, { nullable: true, description: 'The sharing node as the registry names it.' })
  originName: string | null;
}

/** One known cell of the compact grid: indices into the matrix's lists and the legends. */
export type MatrixGridCell = [
  productIndex: number,
  systemIndex: number,
  statusIndex: number,
  evidenceIndex: number,
  statementId: string,
  note: string | null,
  originName: string | null,
];

@ObjectType({
  description:
    'The matrix for rendering as a grid: the same known cells as `cells`, each a tuple of indices instead of an object (a national grid of one category is tens of thousands of pairs).',
})
export class MatrixGrid {
  @Field(() => [CompatibilityStatus], { description: "Legend: a cell's statusIndex points here." })
  statuses: CompatibilityStatus[];

  @Field(() => [EvidenceLevel], { description: "Legend: a cell's evidenceIndex points here." })
  evidenceLevels: EvidenceLevel[];

  @Field(() => GraphQLJSON, {
    description:
      "One array per known cell: [productIndex, systemIndex, statusIndex, evidenceIndex, statementId, note, originName], indices into the matrix's `products` and `systems` and into the legends. Every pair not listed is UNKNOWN. originName is null for this node's own statement, else the county node that shared it.",
  })
  cells: MatrixGridCell[];
}

@ObjectType({
  description:
    'Products × systems for a category, computed for each product’s current version and each system’s current version. Sparse: `cells` lists only the pairs a statement covers; every other pair is UNKNOWN (see `defaultStatus`).',
})
export class CompatibilityMatrix {
  @Field(() => TechnologyCategory)
  category: TechnologyCategory;

  @Field(() => SystemKind, { nullable: true })
  systemKind: SystemKind | null;

  @Field(() => [MatrixProduct])
  products: MatrixProduct[];

  @Field(() => [MatrixSystem])
  systems: MatrixSystem[];

  @Field(() => [MatrixCell], { description: 'One object per known cell; `grid` carries the same cells compactly.' })
  cells: MatrixCell[];

  @Field(() => MatrixGrid)
  grid: MatrixGrid;

  @Field(() => CompatibilityStatus, { description: 'The status of every pair not listed in `cells`: always UNKNOWN.' })
  defaultStatus: CompatibilityStatus;

  @Field(() => Int, { description: 'products × systems − cells.' })
  unknownCellCount: number;
}

@ObjectType({
  description: 'How a product version fares with one system the organisation runs, at the version it runs.',
})
export class SystemCheck {
  @Field(() => ID)
  systemId: string;

  @Field()
  systemName: string;

  @Field()
  vendorName: string;

  @Field()
  kindKey: string;

  @Field({ description: 'The version the organisation runs.' })
  systemVersion: string;

  @Field(() => String, { nullable: true })
  productVersion: string | null;

  @Field(() => CompatibilityStatus)
  status: CompatibilityStatus;

  @Field(() => EvidenceLevel, { nullable: true, description: 'Null when no statement covers the pair.' })
  evidence: EvidenceLevel | null;

  @Field(() => String, { nullable: true })
  note: string | null;

  @Field(() => ID, { nullable: true })
  statementId: string | null;

  @Field(() => String, {
    nullable: true,
    description: "Null when the statement is this node's own; else the id of the county node that shared it.",
  })
  originNodeId: string | null;

  @Field(() => String, { nullable: true, description: 'The sharing node as the registry names it.' })
  originName: string | null;
}

@ObjectType()
export class ProductFit {
  @Field(() => Product)
  product: Product;

  @Field(() => String, { nullable: true })
  productVersion: string | null;

  @Field({ description: 'SUPPORTED or PARTIAL with every system considered.' })
  compatible: boolean;

  @Field({ description: 'Compatible, but PARTIAL with at least one system: read the notes.' })
  partial: boolean;

  @Field(() => EvidenceLevel, {
    nullable: true,
    description: 'The weakest evidence among the checks: the ranking key.',
  })
  weakestEvidence: EvidenceLevel | null;

  @Field(() => [SystemCheck])
  checks: SystemCheck[];

  @Field(() => [String], { description: 'Why the product falls out, or what PARTIAL means, in the caller’s language.' })
  reasons: string[];
}

@ObjectType()
export class CompatibleProducts {
  @Field(() => ID)
  organizationId: string;

  @Field(() => TechnologyCategory)
  category: TechnologyCategory;

  @Field(() => [SystemKind], {
    description: 'The kinds that matter for the category: those some current statement of its products is about.',
  })
  systemKinds: SystemKind[];

  @Field(() => [OrganizationSystem], {
    description: 'The organisation’s systems of those kinds: every product is checked against each.',
  })
  consideredSystems: OrganizationSystem[];

  @Field(() => [ProductFit], {
    description: 'Fully SUPPORTED before PARTIAL, then by weakest evidence (strongest first), then by name.',
  })
  compatible: ProductFit[];

  @Field(() => [ProductFit])
  excluded: ProductFit[];
}

export enum ImpactChange {
  BREAKS = 'BREAKS',
  BECOMES_UNKNOWN = 'BECOMES_UNKNOWN',
  DEGRADES = 'DEGRADES',
  HOLDS = 'HOLDS',
}

registerEnumType(ImpactChange, {
  name: 'ImpactChange',
  valuesMap: {
    BREAKS: { description: 'NOT_SUPPORTED at the target version' },
    BECOMES_UNKNOWN: { description: 'No statement (or UNKNOWN) at the target version' },
    DEGRADES: { description: 'SUPPORTED today, PARTIAL at the target version' },
    HOLDS: { description: 'Still holds' },
  },
});

@ObjectType()
export class UpgradeImpactItem {
  @Field(() => Product)
  product: Product;

  @Field(() => String, { nullable: true })
  productVersion: string | null;

  @Field(() => CompatibilityStatement, { description: 'The statement that holds today.' })
  today: CompatibilityStatement;

  @Field(() => CompatibilityStatement, {
    nullable: true,
    description: 'The statement that would hold at the target version.',
  })
  atTarget: CompatibilityStatement | null;

  @Field(() => CompatibilityStatus)
  statusAtTarget: CompatibilityStatus;

  @Field(() => ImpactChange)
  change: ImpactChange;
}

@ObjectType({
  description: 'What an upgrade of one system would do to the statements that hold for the organisation today.',
})
export class UpgradeImpact {
  @Field(() => ID)
  organizationId: string;

  @Field(() => System)
  system: System;

  @Field()
  fromVersion: string;

  @Field()
  toVersion: string;

  @Field(() => [UpgradeImpactItem], { description: 'No longer holds, becomes unknown or degrades.' })
  affected: UpgradeImpactItem[];

  @Field(() => [UpgradeImpactItem])
  unaffected: UpgradeImpactItem[];
}

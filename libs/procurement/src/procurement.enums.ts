import { registerEnumType } from '@nestjs/graphql';

export enum ProcurementStatus {
  PLANNED = 'PLANNED',
  OPEN_FOR_PARTICIPATION = 'OPEN_FOR_PARTICIPATION',
  TENDERING = 'TENDERING',
  AWARDED = 'AWARDED',
  ACTIVE = 'ACTIVE',
  EXPIRED = 'EXPIRED',
  CANCELLED = 'CANCELLED',
}
registerEnumType(ProcurementStatus, {
  name: 'ProcurementStatus',
  description:
    'PLANNED → OPEN_FOR_PARTICIPATION → TENDERING → AWARDED → ACTIVE → EXPIRED, or CANCELLED from any non-final state.',
});

/** Procedures of the Public Procurement Act (LOU 2016:1145) that a joint procurement uses. */
export enum ProcurementProcedure {
  OPEN = 'OPEN',
  RESTRICTED = 'RESTRICTED',
  NEGOTIATED = 'NEGOTIATED',
  COMPETITIVE_DIALOGUE = 'COMPETITIVE_DIALOGUE',
  INNOVATION_PARTNERSHIP = 'INNOVATION_PARTNERSHIP',
  SIMPLIFIED = 'SIMPLIFIED',
  DIRECT_AWARD = 'DIRECT_AWARD',
}
registerEnumType(ProcurementProcedure, {
  name: 'ProcurementProcedure',
  description:
    'OPEN öppet förfarande, RESTRICTED selektivt, NEGOTIATED förhandlat, COMPETITIVE_DIALOGUE konkurrenspräglad dialog, INNOVATION_PARTNERSHIP innovationspartnerskap, SIMPLIFIED förenklat förfarande, DIRECT_AWARD direktupphandling.',
});

export enum ProcurementKind {
  FUNCTION = 'FUNCTION',
  PRODUCT = 'PRODUCT',
}
registerEnumType(ProcurementKind, {
  name: 'ProcurementKind',
  description: 'FUNCTION funktionsupphandling (needs described as functions), PRODUCT produktupphandling.',
});

export enum CallOffMethod {
  DIRECT_BY_RANKING = 'DIRECT_BY_RANKING',
  RENEWED_COMPETITION = 'RENEWED_COMPETITION',
}
registerEnumType(CallOffMethod, {
  name: 'CallOffMethod',
  description: 'DIRECT_BY_RANKING avrop enligt rangordning, RENEWED_COMPETITION förnyad konkurrensutsättning.',
});

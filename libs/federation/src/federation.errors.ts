import { defineErrors } from '#core';

export const FederationError = defineErrors('FEDERATION', {
  OFF: {
    code: 'NOT_FOUND',
    sv: 'Den här noden delar inte med andra läns noder (federation är avstängd).',
    en: "This node does not share with other counties' nodes (federation is off).",
  },
  AFTER_INVALID: {
    code: 'BAD_USER_INPUT',
    sv: 'after måste vara ett heltal, 0 eller större.',
    en: 'after must be an integer, 0 or more.',
  },
  LIMIT_INVALID: {
    code: 'BAD_USER_INPUT',
    sv: 'limit måste vara ett heltal från 1 till {max}.',
    en: 'limit must be an integer from 1 to {max}.',
  },
  NODE_NOT_FOUND: {
    code: 'NOT_FOUND',
    sv: 'Ingen nod med id {nodeId} finns i registret.',
    en: 'No node with id {nodeId} is in the registry.',
  },
  REASON_REQUIRED: {
    code: 'BAD_USER_INPUT',
    sv: 'Ange varför noden inte längre ska litas på.',
    en: 'Say why the node should no longer be trusted.',
  },
  NOT_A_MUNICIPALITY: {
    code: 'BAD_USER_INPUT',
    sv: 'Överförbarhet bedöms för en kommun.',
    en: 'Transferability is assessed for a municipality.',
  },
  RECORD_NOT_FOUND: {
    code: 'NOT_FOUND',
    sv: 'Den delade posten finns inte här.',
    en: 'The shared record is not here.',
  },
});

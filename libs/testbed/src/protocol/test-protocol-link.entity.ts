import { Entity, PrimaryColumn } from 'typeorm';

/** A participating organisation of a test. */
@Entity({ name: 'test_protocol_organizations' })
export class TestProtocolOrganization {
  @PrimaryColumn({ type: 'uuid' })
  protocolId: string;

  @PrimaryColumn({ type: 'uuid' })
  organizationId: string;
}

/** A need the test answers (`need_id` references `needs`). */
@Entity({ name: 'test_protocol_needs' })
export class TestProtocolNeed {
  @PrimaryColumn({ type: 'uuid' })
  protocolId: string;

  @PrimaryColumn({ type: 'uuid' })
  needId: string;
}

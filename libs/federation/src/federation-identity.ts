import { Inject, Injectable } from '@nestjs/common';
import { AppConfig, type FederationConfig } from '#core';
import { NodeKeys } from './keys/node-keys.js';
import { type RecordType, recordUrn } from './protocol/record-schemas.js';

/** This node in the federation: its id and signing keys (from a file or the environment, never the database). */
@Injectable()
export class FederationIdentity {
  private keys?: Promise<NodeKeys>;

  constructor(@Inject(AppConfig) private readonly appConfig: AppConfig) {}

  get enabled(): boolean {
    return this.appConfig.federation !== undefined;
  }

  get config(): FederationConfig {
    if (!this.appConfig.federation) throw new Error('federation is off (FEDERATION_NODE_ID unset)');
    return this.appConfig.federation;
  }

  get nodeId(): string {
    return this.config.nodeId;
  }

  nodeKeys(): Promise<NodeKeys> {
    this.keys ??= NodeKeys.load(this.config).catch((error: unknown) => {
      this.keys = undefined;
      throw error;
    });
    return this.keys;
  }

  urn(type: RecordType, id: string): string {
    return recordUrn(this.nodeId, type, id);
  }
}

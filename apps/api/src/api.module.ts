import { Module } from '@nestjs/common';
import { CoreApiModule, CoreModule, QueueModule } from '#core';
import { DOMAIN_MODULES } from '../../domain-modules.js';

/** The GraphQL api: composes core and the domain modules, nothing else. */
@Module({
  imports: [CoreModule, QueueModule.forRoot('producer'), CoreApiModule, ...DOMAIN_MODULES],
})
export class ApiModule {}

import { Injectable } from '@nestjs/common';
import { HandlesJob, type JobHandler } from '#core';
import { FederationPuller } from '../receive/federation-puller.service.js';
import { FederationPullJob } from './federation-pull.job.js';

@Injectable()
@HandlesJob(FederationPullJob)
export class FederationPullHandler implements JobHandler<Record<string, never>> {
  constructor(private readonly puller: FederationPuller) {}

  handle() {
    return this.puller.run();
  }
}

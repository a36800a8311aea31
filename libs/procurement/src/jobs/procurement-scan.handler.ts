import { Injectable } from '@nestjs/common';
import { HandlesJob, type JobHandler } from '#core';
import { ProcurementScanJob } from './procurement-scan.job.js';
import { ProcurementScanService } from '../procurement-scan.service.js';

@Injectable()
@HandlesJob(ProcurementScanJob)
export class ProcurementScanHandler implements JobHandler<Record<string, never>> {
  constructor(private readonly scan: ProcurementScanService) {}

  handle() {
    return this.scan.run();
  }
}

import { Controller, Get, Param, Query } from '@nestjs/common';
import { Ctx, Public, type RequestContext, UuidPipe } from '#core';
import { OcdsService } from './ocds.service.js';

/**
 * Open data: a procurement past PLANNED is announced and its release package is served without a token;
 * a PLANNED one answers 404 unless the token belongs to someone who may see it (lead organisation, node staff).
 */
@Controller('ocds')
export class OcdsController {
  constructor(private readonly ocds: OcdsService) {}

  @Public()
  @Get('procurements/:id')
  releasePackage(@Ctx() ctx: RequestContext, @Param('id', UuidPipe) id: string) {
    return this.ocds.releasePackage(ctx, id);
  }

  /** The same package addressed as `/ocds/releases?procurementId=…`. */
  @Public()
  @Get('releases')
  releases(@Ctx() ctx: RequestContext, @Query('procurementId', UuidPipe) procurementId: string) {
    return this.ocds.releasePackage(ctx, procurementId);
  }
}

import { Readable } from 'node:stream';
import { Controller, Get, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { Ctx, type RequestContext } from '#core';
import { type ExportList, ExportService } from './export.service.js';

/**
 * `GET /exports/<list>.csv` with the same authentication as the API (the global guard reads the request context,
 * whichever way it was established) and the same authorisation as the GraphQL list.
 */
@Controller('exports')
export class ExportController {
  constructor(private readonly exports: ExportService) {}

  @Get('overview.csv')
  overview(@Ctx() ctx: RequestContext, @Res() reply: FastifyReply) {
    return this.send(ctx, reply, 'overview', 'lansoversikt');
  }

  @Get('needs.csv')
  needs(@Ctx() ctx: RequestContext, @Res() reply: FastifyReply) {
    return this.send(ctx, reply, 'needs', 'behov');
  }

  @Get('decisions.csv')
  decisions(@Ctx() ctx: RequestContext, @Res() reply: FastifyReply) {
    return this.send(ctx, reply, 'decisions', 'beslut');
  }

  @Get('agreements.csv')
  agreements(@Ctx() ctx: RequestContext, @Res() reply: FastifyReply) {
    return this.send(ctx, reply, 'agreements', 'ramavtal');
  }

  @Get('follow-ups.csv')
  followUps(@Ctx() ctx: RequestContext, @Res() reply: FastifyReply) {
    return this.send(ctx, reply, 'follow-ups', 'uppfoljningar');
  }

  private async send(ctx: RequestContext, reply: FastifyReply, list: ExportList, fileName: string): Promise<void> {
    const lines = await this.exports.open(ctx, list);
    await reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${fileName}.csv"`)
      .header('cache-control', 'no-store')
      .send(Readable.from(lines));
  }
}

import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CatalogModule } from '#catalog';
import { NeedsModule } from '#needs';
import { NotificationsModule } from '#notifications';
import { Procurement } from './procurement.entity.js';
import { ProcurementLot } from './procurement-lot.entity.js';
import { RequirementSpecificationVersion } from './requirement-specification-version.entity.js';
import { ProcurementStatusChange } from './procurement-status-change.entity.js';
import { Participation, ParticipationLotVolume } from './participation.entity.js';
import { AwardedProduct, AwardedSupplier, ExtensionOption, FrameworkAgreement } from './framework-agreement.entity.js';
import { CallOff } from './call-off.entity.js';
import { ProcurementService } from './procurement.service.js';
import { ParticipationService } from './participation.service.js';
import { FrameworkAgreementService } from './framework-agreement.service.js';
import { CallOffService } from './call-off.service.js';
import { ProcurementScanService } from './procurement-scan.service.js';
import { ProcurementResolver } from './procurement.resolver.js';
import { ParticipationResolver } from './participation.resolver.js';
import { FrameworkAgreementResolver } from './framework-agreement.resolver.js';
import {
  AwardedSupplierFieldsResolver,
  CallOffFieldsResolver,
  FrameworkAgreementFieldsResolver,
  ParticipationFieldsResolver,
  ParticipationLotVolumeFieldsResolver,
  ProcurementFieldsResolver,
  ProcurementLotFieldsResolver,
} from './procurement-fields.resolver.js';
import { ProcurementScanHandler } from './jobs/procurement-scan.handler.js';
import { OcdsService } from './ocds/ocds.service.js';
import { OcdsController } from './ocds/ocds.controller.js';

/** Joint procurements, their framework agreements and call-offs, reminders, and the OCDS export (S1:2492, S4:154). */
@Module({
  imports: [
    TypeOrmModule.forFeature([
      Procurement,
      ProcurementLot,
      RequirementSpecificationVersion,
      ProcurementStatusChange,
      Participation,
      ParticipationLotVolume,
      FrameworkAgreement,
      ExtensionOption,
      AwardedSupplier,
      AwardedProduct,
      CallOff,
    ]),
    CatalogModule,
    NeedsModule,
    NotificationsModule,
  ],
  controllers: [OcdsController],
  providers: [
    ProcurementService,
    ParticipationService,
    FrameworkAgreementService,
    CallOffService,
    ProcurementScanService,
    OcdsService,
    ProcurementResolver,
    ParticipationResolver,
    FrameworkAgreementResolver,
    ProcurementFieldsResolver,
    ProcurementLotFieldsResolver,
    ParticipationFieldsResolver,
    ParticipationLotVolumeFieldsResolver,
    AwardedSupplierFieldsResolver,
    FrameworkAgreementFieldsResolver,
    CallOffFieldsResolver,
    ProcurementScanHandler,
  ],
  exports: [ProcurementService, ParticipationService, FrameworkAgreementService, CallOffService, OcdsService],
})
export class ProcurementModule {}

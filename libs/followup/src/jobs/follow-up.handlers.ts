import { Injectable } from '@nestjs/common';
import { HandlesJob, type JobHandler } from '#core';
import { FollowUpStep } from '../follow-up/follow-up-schedule.js';
import { FollowUpWorkflowService, type StepOutcome } from '../follow-up/follow-up-workflow.service.js';
import {
  EscalateFollowUpJob,
  type FollowUpStepPayload,
  OpenFollowUpJob,
  ReconcileFollowUpsJob,
  RemindFollowUpJob,
} from './follow-up.jobs.js';

@Injectable()
@HandlesJob(OpenFollowUpJob)
export class OpenFollowUpHandler implements JobHandler<FollowUpStepPayload> {
  constructor(private readonly workflow: FollowUpWorkflowService) {}

  handle(payload: FollowUpStepPayload): Promise<StepOutcome> {
    return this.workflow.runStep(FollowUpStep.Open, payload);
  }
}

@Injectable()
@HandlesJob(RemindFollowUpJob)
export class RemindFollowUpHandler implements JobHandler<FollowUpStepPayload> {
  constructor(private readonly workflow: FollowUpWorkflowService) {}

  handle(payload: FollowUpStepPayload): Promise<StepOutcome> {
    return this.workflow.runStep(FollowUpStep.Remind, payload);
  }
}

@Injectable()
@HandlesJob(EscalateFollowUpJob)
export class EscalateFollowUpHandler implements JobHandler<FollowUpStepPayload> {
  constructor(private readonly workflow: FollowUpWorkflowService) {}

  handle(payload: FollowUpStepPayload): Promise<StepOutcome> {
    return this.workflow.runStep(FollowUpStep.Escalate, payload);
  }
}

@Injectable()
@HandlesJob(ReconcileFollowUpsJob)
export class ReconcileFollowUpsHandler implements JobHandler<Record<string, never>> {
  constructor(private readonly workflow: FollowUpWorkflowService) {}

  handle(): Promise<number> {
    return this.workflow.reconcile();
  }
}

export const FOLLOW_UP_JOB_HANDLERS = [
  OpenFollowUpHandler,
  RemindFollowUpHandler,
  EscalateFollowUpHandler,
  ReconcileFollowUpsHandler,
];

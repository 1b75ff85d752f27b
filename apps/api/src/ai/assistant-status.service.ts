import { Injectable } from '@nestjs/common';
import type { AuthContext } from '../common/auth/auth-context';
import { AiMeter } from './ai-meter';
import type { AssistantStatusResponse } from './dto/ai-admin.dto';
import { ModelCalls } from './model-calls';

/** What the web app needs to show the assistant, or to explain how to enable it: never a 503. */
@Injectable()
export class AssistantStatusService {
  constructor(
    private readonly calls: ModelCalls,
    private readonly meter: AiMeter,
  ) {}

  async status(ctx: AuthContext): Promise<AssistantStatusResponse> {
    const configured = this.calls.configured;
    return {
      configured,
      model: this.calls.model,
      features: {
        suggestions: configured,
        tripPlans: configured,
        briefings: configured,
        verdictExplanations: configured,
        dayOptimisation: true,
      },
      budget: await this.meter.budget(ctx),
    };
  }
}

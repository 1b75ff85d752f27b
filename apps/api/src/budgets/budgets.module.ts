import { Module } from '@nestjs/common';
import { MailModule } from '../mail/mail.module';
import { PolicyModule } from '../policy/policy.module';
import { ReportsModule } from '../reports/reports.module';
import { TripsModule } from '../trips/trips.module';
import { UsersModule } from '../users/users.module';
import { BudgetAlerter } from './budget-alerter';
import { BudgetsController } from './budgets.controller';
import { BudgetsService } from './budgets.service';
import { CostCentreBudgetsRepository } from './cost-centre-budgets.repository';

@Module({
  imports: [MailModule, PolicyModule, ReportsModule, TripsModule, UsersModule],
  controllers: [BudgetsController],
  providers: [CostCentreBudgetsRepository, BudgetsService, BudgetAlerter],
})
export class BudgetsModule {}

import { Module } from '@nestjs/common';
import { PolicyModule } from '../policy/policy.module';
import { ReportsController } from './reports.controller';
import { SpendReportRepository } from './spend-report.repository';
import { SpendReportService } from './spend-report.service';

@Module({
  imports: [PolicyModule],
  controllers: [ReportsController],
  providers: [SpendReportRepository, SpendReportService],
  exports: [SpendReportRepository],
})
export class ReportsModule {}

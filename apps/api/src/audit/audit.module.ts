import { Module } from '@nestjs/common';
import { AuditExportService } from './audit-export.service';
import { AuditController } from './audit.controller';
import { AuditRepository } from './audit.repository';

@Module({
  controllers: [AuditController],
  providers: [AuditRepository, AuditExportService],
  exports: [AuditRepository],
})
export class AuditModule {}

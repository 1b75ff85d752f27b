import { Module } from '@nestjs/common';
import { AuditExportService } from './audit-export.service';
import { AuditRecorder } from './audit-recorder';
import { AuditController } from './audit.controller';
import { AuditRepository } from './audit.repository';

@Module({
  controllers: [AuditController],
  providers: [AuditRepository, AuditExportService, AuditRecorder],
  exports: [AuditRepository],
})
export class AuditModule {}

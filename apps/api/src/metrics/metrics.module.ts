import { Module } from '@nestjs/common';
import { MessagingModule } from '@switchboard/core/messaging/messaging.module';
import { MetricsController } from './metrics.controller';
import { MetricsService } from './metrics.service';

@Module({
  imports: [MessagingModule],
  controllers: [MetricsController],
  providers: [MetricsService],
  exports: [MetricsService],
})
export class MetricsModule {}

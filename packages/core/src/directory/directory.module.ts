import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { DirectoryController } from './directory.controller';
import { DirectoryService } from './directory.service';
import { LookupQuota } from './lookup-quota';

/** Contact discovery: phone numbers → registered accounts, under a daily quota per account. */
@Module({
  imports: [AuthModule],
  controllers: [DirectoryController],
  providers: [DirectoryService, LookupQuota],
})
export class DirectoryModule {}

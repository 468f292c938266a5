import { Module } from '@nestjs/common';
import { BusinessAuthModule } from '../auth/business-auth.module';
import { ContactsController } from './contacts.controller';
import { ContactsRepository } from './contacts.repository';
import { ContactsService } from './contacts.service';
import { ContactImportRepository } from './import/contact-import.repository';
import { ContactImport } from './import/contact-import.service';

/**
 * Contacts, opt-in and the 24 h window. Exports ContactsService for the send pipeline and inbound handling, and the
 * CSV import for the console.
 */
@Module({
  imports: [BusinessAuthModule],
  controllers: [ContactsController],
  providers: [ContactsRepository, ContactsService, ContactImport, ContactImportRepository],
  exports: [ContactsService, ContactImport],
})
export class ContactsModule {}

import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { loadConfig } from '@switchboard/config';
import { ApiError } from '@switchboard/core/errors/api-error';
import { ApiKeysService } from '../../auth/api-keys.service';
import { MembersRepository } from '../../console/members/members.repository';
import { createSetupLink } from '../../console/members/setup-link';
import { BusinessesService } from '../businesses.service';
import { AdminUsageError, runAdmin } from './admin.commands';
import { AdminModule } from './admin.module';

// `npm run admin -- <command>`: businesses, numbers and API keys from the command line (see USAGE).
const argv = process.argv.slice(2);
const json = argv.includes('--json');
const config = loadConfig();
const app = await NestFactory.createApplicationContext(AdminModule.forRoot(config), { logger: false });
try {
  const result = await runAdmin(argv, {
    businesses: app.get(BusinessesService),
    keys: app.get(ApiKeysService),
    setupLink: (email, businessId) => createSetupLink(config, app.get(MembersRepository), email, businessId),
  });
  if (json) process.stdout.write(`${JSON.stringify(result)}\n`);
  else for (const [k, v] of Object.entries(result)) process.stdout.write(`${k.padEnd(22)}${String(v)}\n`);
} catch (err) {
  process.exitCode = err instanceof AdminUsageError ? 64 : 1;
  if (err instanceof AdminUsageError) process.stderr.write(`${err.message}\n`);
  else if (err instanceof ApiError) process.stderr.write(`admin: ${err.details ?? err.message}\n`);
  else process.stderr.write(`admin: ${(err as Error).message}\n`);
} finally {
  await app.close();
}

import { Global, Module } from '@nestjs/common';
import { BusinessAuthModule } from '../../auth/business-auth.module';
import { GraphObjectRegistry } from './graph-object.registry';
import { GraphObjectsController } from './graph-objects.controller';

/** The shared `/{object_id}` routes. Global so every business feature can register its kind of object. */
@Global()
@Module({
  imports: [BusinessAuthModule],
  controllers: [GraphObjectsController],
  providers: [GraphObjectRegistry],
  exports: [GraphObjectRegistry],
})
export class GraphObjectsModule {}

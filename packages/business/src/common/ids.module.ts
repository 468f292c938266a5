import { Module } from '@nestjs/common';
import { GraphIds } from './ids';

/** GraphIds, one instance per process however many features import it (each instance holds its own id block). */
@Module({ providers: [GraphIds], exports: [GraphIds] })
export class GraphIdsModule {}

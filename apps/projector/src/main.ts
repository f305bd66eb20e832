import 'reflect-metadata';
import { bootstrap } from '@vigil/platform';
import { ProjectorAppModule } from './projector-app.module';

void bootstrap('projector', ProjectorAppModule);

import 'reflect-metadata';
import { bootstrap } from '@vigil/platform';
import { RelayAppModule } from './relay-app.module';

void bootstrap('relay', RelayAppModule.forRoot());

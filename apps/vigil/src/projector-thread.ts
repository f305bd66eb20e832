import 'reflect-metadata';
import { runProjectorThread } from '@vigil/messaging';
import { PROJECTIONS } from '@vigil/projections';

/** The all-in-one process's projector thread (`VIGIL_PROJECTOR_THREAD=worker`, the default). */
void runProjectorThread(PROJECTIONS);

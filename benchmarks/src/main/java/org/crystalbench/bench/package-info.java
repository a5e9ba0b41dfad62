/**
 * The JMH benchmarks and the fixtures they run on (compiled into the same jar). Layer bench: uses main code of
 * every layer but cli; main code never uses them (perf names them only as strings).
 */
package org.crystalbench.bench;

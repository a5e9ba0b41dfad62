/**
 * The picocli commands, thin: parse options into a request, call the operation, map its outcome to an exit code
 * (org.crystalbench.ExitCode); shared option mixins. Layer cli: may use every layer.
 */
package org.crystalbench.cli;

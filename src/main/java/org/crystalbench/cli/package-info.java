/**
 * The picocli commands, thin: shared option mixins (ConfigOptions, JournalOptions, WorkerOptions, ThreadsOption,
 * CiOptions, Invocation) into an operation's Request, the operation, and its Outcome's ExitCode as the exit code.
 * Usage errors of the command line itself are picocli's. Layer cli: may use every layer.
 */
package org.crystalbench.cli;

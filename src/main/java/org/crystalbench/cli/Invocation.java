package org.crystalbench.cli;

import java.util.List;
import org.crystalbench.io.Console;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** What every command hands its operation from picocli (a mixin): the console and the arguments as given. */
@Command // picocli takes a class without options as a mixin only when it is a command
public final class Invocation {
    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    /** picocli's streams, so tests capture both. */
    Console console() {
        return new Console(spec.commandLine().getOut(), spec.commandLine().getErr());
    }

    /** The arguments as given, recorded in provenance.json. */
    List<String> args() {
        return spec.commandLine().getParseResult().originalArgs();
    }

    /** A usage error of this command: one line and exit 2, as a bad option value. */
    ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}

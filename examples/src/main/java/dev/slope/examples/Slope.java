package dev.slope.examples;

import dev.slope.examples.bench.BenchCommand;
import dev.slope.examples.lectures.LectureCommand;
import dev.slope.examples.lectures.SamVsSgd;
import dev.slope.examples.train.TrainCommand;
import dev.slope.examples.train.TrainingDivergedException;
import java.io.IOException;
import java.io.UncheckedIOException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The `slope` command line (run by the {@code ./slope} launcher at the repository root). Exit codes:
 * 0 done; 2 a mistake of the user (bad usage, unknown names, bad numbers, a missing or corrupt input
 * file, a run that diverged), told in one line on stderr; 1 an internal error, a bug: its stack trace
 * and a request to report it.
 */
@Command(name = "slope", mixinStandardHelpOptions = true, versionProvider = Slope.Version.class,
        description = "Autodiff and optimizers from scratch in Java.", subcommands = {TrainCommand.class, SamVsSgd.class, BenchCommand.class, LectureCommand.class},
        // `shell` is the bash launcher's own command (jshell is a process of its own), told here so that --help lists it
        footer = {"", "The ./slope launcher also has:",
            "  shell    JShell with slope's jars, its packages imported and the Vector",
            "             API module added, to type the README's tour line by line; other",
            "             arguments go to jshell (./slope shell FILE.jsh runs a script)."})
public final class Slope implements Runnable {

    @Override public void run() { new CommandLine(this).usage(System.out); }

    public static void main(String[] args) { System.exit(execute(args)); }

    /** Runs the command line and returns its exit code (for tests). */
    public static int execute(String... args) { return commandLine().execute(args); }

    /** The command line with its subcommands and its exit-code rules. */
    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Slope());
        cl.setParameterExceptionHandler((e, a) -> {
            e.getCommandLine().getErr().println("slope: " + e.getMessage() + " (see --help)");
            return 2;
        });
        cl.setExecutionExceptionHandler((e, c, parse) -> {
            if (isUsersMistake(e)) {
                c.getErr().println("slope " + c.getCommandName() + ": " + e.getMessage());
                return 2;
            }
            c.getErr().println("slope " + c.getCommandName() + ": internal error, please report it with the command line and this trace:");
            e.printStackTrace(c.getErr());
            return 1;
        });
        return cl;
    }

    /** Bad arguments, unreadable or corrupt input files, a run that diverged: told in one line, exit code 2. */
    static boolean isUsersMistake(Exception e) {
        return e instanceof IllegalArgumentException || e instanceof IOException || e instanceof UncheckedIOException
                || e instanceof TrainingDivergedException;
    }

    /** The version from the jar's manifest (Maven's project version), and the Java that runs it. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override public String[] getVersion() {
            String v = Slope.class.getPackage().getImplementationVersion();
            return new String[] {"slope " + (v == null ? "(development build, not from a jar)" : v) + " on Java "
                    + Runtime.version() + " (" + System.getProperty("java.vendor") + ")"};
        }
    }
}

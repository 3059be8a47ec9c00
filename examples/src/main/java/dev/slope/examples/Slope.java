package dev.slope.examples;

import dev.slope.examples.bench.BenchCommand;
import dev.slope.examples.lectures.LectureCommand;
import dev.slope.examples.train.TrainCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The `slope` command line. Mistakes of the user (unknown names, bad numbers, missing files) end
 * with one line on stderr and exit code 2; anything else is a bug and shows its stack trace.
 */
@Command(name = "slope", mixinStandardHelpOptions = true, version = "slope 0.1.0",
        description = "Autodiff and optimizers from scratch in Java.", subcommands = {TrainCommand.class, SamVsSgd.class, BenchCommand.class, LectureCommand.class})
public final class Slope implements Runnable {

    @Override public void run() { new CommandLine(this).usage(System.out); }

    public static void main(String[] args) { System.exit(execute(args)); }

    /** Runs the command line and returns its exit code (for tests). */
    public static int execute(String... args) {
        CommandLine cl = new CommandLine(new Slope());
        cl.setParameterExceptionHandler((e, a) -> {
            e.getCommandLine().getErr().println("slope: " + e.getMessage() + " (see --help)");
            return 2;
        });
        cl.setExecutionExceptionHandler((e, c, parse) -> {
            if (e instanceof IllegalArgumentException || e instanceof IOException || e instanceof UncheckedIOException
                    || e instanceof IllegalStateException && e.getMessage() != null && e.getMessage().startsWith("training diverged")) {
                c.getErr().println("slope " + c.getCommandName() + ": " + e.getMessage());
                return 2;
            }
            throw e;
        });
        return cl.execute(args);
    }
}

package dev.slope.examples.lectures;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code slope lecture NAME}: runs one demonstration; {@code --list} names them all. */
@Command(name = "lecture", mixinStandardHelpOptions = true,
        description = "Reproduce one claim of the optimization lectures: figures, PNG plots and CSV data.")
public final class LectureCommand implements Callable<Integer> {

    @Parameters(index = "0", arity = "0..1", paramLabel = "NAME", description = "the demonstration (see --list), or all")
    String name;

    @Option(names = "--list", description = "list the demonstrations and exit")
    boolean list;

    @Option(names = "--out", paramLabel = "DIR", description = "output folder (default: out/lectures/NAME)")
    Path out;

    @Option(names = "--quick", description = "fewer steps and seeds, as the tests run it")
    boolean quick;

    @Option(names = "--seed", paramLabel = "N", description = "seed of the random numbers (default ${DEFAULT-VALUE})")
    long seed = 0;

    @Override public Integer call() throws Exception {
        if (list || name == null) {
            for (Lecture l : Lectures.all()) System.out.printf("%-18s %s%n", l.name(), l.summary());
            return 0;
        }
        if (name.equals("all")) { // every demonstration, each into its own folder under --out (default out/lectures)
            Path root = out != null ? out : Path.of("out", "lectures");
            for (Lecture l : Lectures.all()) run(l, root.resolve(l.name()));
            return 0;
        }
        Lecture lecture = Lectures.named(name).orElseThrow(() -> new IllegalArgumentException("no demonstration named '"
                + name + "'; one of " + Lectures.all().stream().map(Lecture::name).collect(Collectors.joining(", ")) + ", or all"));
        run(lecture, out != null ? out : Path.of("out", "lectures", lecture.name()));
        return 0;
    }

    /**
     * The headline figures by name, one {@code name,value} line each (full precision): what the tests
     * assert and the notes quote, kept for scripts; the printout says them in sentences and tables.
     */
    static String figures(Map<String, Double> figures) {
        StringBuilder sb = new StringBuilder("figure,value\n");
        for (var e : figures.entrySet()) sb.append(e.getKey()).append(',').append(e.getValue()).append('\n');
        return sb.toString();
    }

    private void run(Lecture lecture, Path dir) throws Exception {
        LectureOutput output = new LectureOutput(dir, System.out, quick, true, seed);
        long t0 = System.nanoTime();
        System.out.println("# " + lecture.name() + ": " + lecture.summary());
        Map<String, Double> figures = lecture.run(output);
        output.text("figures.csv", figures(figures));
        System.out.printf("wrote %d files to %s in %.1f s%n%n", output.written().size(), dir, (System.nanoTime() - t0) / 1e9);
    }
}

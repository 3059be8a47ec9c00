package dev.slope.examples.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.BenchmarkList;
import org.openjdk.jmh.runner.BenchmarkListEntry;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * `slope bench`: measures this machine's limits (FMA peak, triad bandwidth), then runs the JMH
 * benchmarks of this package in forked JVMs, and writes slope.json, slope.csv and JMH's own jmh.json
 * into the output folder. bench.sh at the repository root runs it beside the numpy and PyTorch peers.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run slope's JMH benchmarks (matmul, element-wise, reductions, MLP step warm and cold, CNN step, small ops) and measure",
                "this machine's FMA peak and memory bandwidth; writes slope.json, slope.csv and jmh.json into the output folder."})
public final class BenchCommand implements Callable<Integer> {

    static final String PACKAGE = "dev\\.slope\\.examples\\.bench\\.";

    /** The cold-start benchmark, run apart from the others with options of its own. */
    static final String COLD = "dev.slope.examples.bench.MlpColdBench";

    /** The parameters of a quick run: the smallest and largest sizes, and matmul up to 256. */
    static final Map<String, String[]> QUICK_PARAMS = Map.of(
            "n", new String[] {"64", "256"},
            "size", new String[] {"1000", "10000000"});

    @Option(names = "--include", paramLabel = "REGEX",
            description = "Benchmarks to run, by a regular expression found in 'Class.method' (repeatable; default: all), e.g. Matmul, 'Elementwise.add'.")
    List<String> include = new ArrayList<>();

    @Option(names = "--exclude", paramLabel = "REGEX", description = "Benchmarks to leave out, by regular expression (repeatable).")
    List<String> exclude = new ArrayList<>();

    @Option(names = "--quick", description = {"A smoke run of a minute or so: 1 fork, 3 warm-up iterations of 500 ms and 3 measured ones of 300 ms,",
            "matmul at n = 64, 256 and the other sizes at 1e3 and 1e7 only (options given beside it win)."})
    boolean quick;

    @Option(names = "--forks", description = "Forked JVMs per benchmark (default: 2, quick 1).")
    Integer forks;

    @Option(names = "--warmup-iterations", description = "Warm-up iterations per fork (default: 5, the MLP and CNN steps 10; quick 3).")
    Integer warmupIterations;

    @Option(names = "--warmup-time", paramLabel = "TIME", description = "Time of one warm-up iteration, e.g. 1s, 200ms (default: 1s, quick 500ms).")
    String warmupTime;

    @Option(names = "--iterations", description = "Measured iterations per fork (default: 5, quick 3).")
    Integer iterations;

    @Option(names = "--time", paramLabel = "TIME", description = "Time of one measured iteration (default: 1s, quick 300ms).")
    String time;

    @Option(names = "--param", paramLabel = "NAME=V1,V2",
            description = "Override a benchmark parameter, e.g. --param n=512,1024 --param size=1000000 --param dtype=F32 (repeatable).")
    Map<String, String> params = new LinkedHashMap<>();

    @Option(names = "--prof", paramLabel = "PROFILER",
            description = "A JMH profiler for every benchmark (repeatable), e.g. gc (allocation per op: boxed vectors show here), comp, stack.")
    List<String> profilers = new ArrayList<>();

    @Option(names = "--backend", description = "Force slope's CPU backend in every fork: vector or scalar (default: what slope picks).")
    String backend;

    @Option(names = "--jvm-arg", paramLabel = "ARG", description = "An extra JVM argument for the forks (repeatable), e.g. --jvm-arg=-Xmx4g.")
    List<String> jvmArgs = new ArrayList<>();

    @Option(names = "--no-limits", description = "Skip measuring the FMA peak and triad bandwidth.")
    boolean noLimits;

    @Option(names = "--limits-only", description = "Measure the FMA peak and triad bandwidth, run no benchmark.")
    boolean limitsOnly;

    @Option(names = "--list", description = "List the benchmarks that --include/--exclude select, and exit.")
    boolean list;

    @Option(names = "--verbosity", description = "JMH's output: silent, normal or extra (default ${DEFAULT-VALUE}).")
    String verbosity = "normal";

    @Option(names = "--out", description = "Output folder (default ${DEFAULT-VALUE}).")
    Path out = Path.of("out", "bench");

    @Override
    public Integer call() throws IOException, RunnerException {
        if (backend != null) {
            if (!backend.equals("vector") && !backend.equals("scalar")) {
                throw new IllegalArgumentException("--backend: vector or scalar, got '" + backend + "'");
            }
            System.setProperty("slope.backend", backend); // before anything touches Device.CPU
        }
        VerboseMode mode = switch (verbosity) {
            case "silent" -> VerboseMode.SILENT;
            case "normal" -> VerboseMode.NORMAL;
            case "extra" -> VerboseMode.EXTRA;
            default -> throw new IllegalArgumentException("--verbosity: silent, normal or extra, got '" + verbosity + "'");
        };
        Set<String> selected = new TreeSet<>();
        for (BenchmarkListEntry e : BenchmarkList.defaultList().find(OutputFormatFactory.createFormatInstance(System.out, VerboseMode.SILENT),
                includes(), excludes())) {
            selected.add(e.getUsername());
        }
        if (!limitsOnly && selected.isEmpty()) {
            throw new IllegalArgumentException("no benchmark matches --include " + include + (exclude.isEmpty() ? "" : " --exclude " + exclude)
                    + "; --list shows them");
        }
        if (list) {
            new Runner(options(mode).build()).list();
            return 0;
        }
        boolean cold = selected.stream().anyMatch(b -> b.startsWith(COLD));
        boolean steady = selected.stream().anyMatch(b -> !b.startsWith(COLD));

        Files.createDirectories(out);
        MachineInfo machine = MachineInfo.detect();
        System.out.println(machine);
        List<MachineLimits.Figure> limits = List.of();
        if (!noLimits) {
            System.out.printf("measuring this machine's limits (%s)...%n", quick ? "quick" : "full");
            limits = MachineLimits.measure(quick ? MachineLimits.Plan.QUICK : MachineLimits.Plan.FULL);
            for (MachineLimits.Figure f : limits) System.out.println("  " + f);
        }
        List<BenchReport.Row> rows = new ArrayList<>();
        if (!limitsOnly) {
            List<RunResult> results = new ArrayList<>();
            if (steady) {
                ChainedOptionsBuilder jmh = options(mode).exclude(COLD);
                jmh.result(out.resolve("jmh.json").toString()).resultFormat(ResultFormatType.JSON);
                results.addAll(new Runner(jmh.build()).run());
            }
            if (cold) {
                ChainedOptionsBuilder jmh = coldOptions(mode, selected);
                jmh.result(out.resolve("jmh-cold.json").toString()).resultFormat(ResultFormatType.JSON);
                results.addAll(new Runner(jmh.build()).run());
            }
            for (RunResult r : results) rows.add(BenchReport.Row.of(r));
            rows.sort((x, y) -> compare(x, y));
        }
        String table = BenchReport.write(out, machine, limits, rows, settings());
        System.out.println();
        System.out.println(machine);
        for (MachineLimits.Figure f : limits) System.out.println("  " + f);
        System.out.print(table);
        System.out.println("wrote " + out.resolve("slope.json") + ", " + out.resolve("slope.csv") + (limitsOnly ? "" : ", JMH's own results in "
                + (steady ? out.resolve("jmh.json") + (cold ? " and " : "") : "") + (cold ? out.resolve("jmh-cold.json") : "")));
        return 0;
    }

    /** The steady-state benchmarks' options: the selection, with --quick and the iteration options applied. */
    private ChainedOptionsBuilder options(VerboseMode mode) {
        ChainedOptionsBuilder o = new OptionsBuilder().verbosity(mode).shouldFailOnError(true);
        for (String i : includes()) o.include(i);
        for (String e : excludes()) o.exclude(e);
        if (quick) {
            // Warm-up long enough for C2 to compile the kernels (interpreted or in C1 a Vector API kernel
            // boxes its vectors and runs hundreds of times slower); the full run warms up 5 x 1 s, as
            // matmul at n = 64 took about 3 s to settle on a busy 2-core machine.
            o.forks(1).warmupIterations(3).warmupTime(TimeValue.milliseconds(500)).measurementIterations(3)
                    .measurementTime(TimeValue.milliseconds(300));
            for (Map.Entry<String, String[]> p : QUICK_PARAMS.entrySet()) {
                if (!params.containsKey(p.getKey())) o.param(p.getKey(), p.getValue());
            }
        }
        if (forks != null) o.forks(forks);
        if (warmupIterations != null) o.warmupIterations(warmupIterations);
        if (warmupTime != null) o.warmupTime(duration("--warmup-time", warmupTime));
        if (iterations != null) o.measurementIterations(iterations);
        if (time != null) o.measurementTime(duration("--time", time));
        return shared(o);
    }

    /**
     * MlpColdBench's options, for its selected methods: their own shots (steps 1-100; 50 steps, then
     * 51-60) whatever the iteration options say, in as many fresh JVMs as --forks asks (default 5,
     * quick 1); params, profilers and JVM flags as for the others.
     */
    private ChainedOptionsBuilder coldOptions(VerboseMode mode, Set<String> selected) {
        ChainedOptionsBuilder o = new OptionsBuilder().verbosity(mode).shouldFailOnError(true);
        for (String b : selected) if (b.startsWith(COLD)) o.include("^" + java.util.regex.Pattern.quote(b) + "$");
        if (forks != null) o.forks(forks);
        else if (quick) o.forks(1);
        return shared(o);
    }

    /** What every run takes from the command line: profilers, parameters, the backend and JVM flags. */
    private ChainedOptionsBuilder shared(ChainedOptionsBuilder o) {
        for (String p : profilers) o.addProfiler(p);
        for (Map.Entry<String, String> p : params.entrySet()) o.param(p.getKey(), p.getValue().split(","));
        // Options given here replace the @Fork annotation's jvmArgsAppend, so the flags slope needs come again.
        List<String> append = new ArrayList<>(List.of(BenchSetup.VECTOR, BenchSetup.NATIVE, BenchSetup.UNSAFE));
        if (backend != null) append.add("-Dslope.backend=" + backend);
        append.addAll(jvmArgs);
        if (backend != null || !jvmArgs.isEmpty()) o.jvmArgsAppend(append.toArray(String[]::new));
        return o;
    }

    /** JMH's include patterns: the user's, each found in a name of this package (all of it by default). */
    private List<String> includes() {
        return include.isEmpty() ? List.of(PACKAGE) : include.stream().map(i -> PACKAGE + ".*" + i).toList();
    }

    private List<String> excludes() { return exclude.stream().map(e -> PACKAGE + ".*" + e).toList(); }

    private static TimeValue duration(String option, String text) {
        try {
            return TimeValue.fromString(text);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(option + ": a time such as 1s or 200ms, got '" + text + "'");
        }
    }

    private Map<String, Object> settings() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("quick", quick);
        s.put("include", include);
        s.put("exclude", exclude);
        s.put("params", params);
        if (forks != null) s.put("forks", forks);
        if (backend != null) s.put("backend", backend);
        if (!profilers.isEmpty()) s.put("profilers", profilers);
        return s;
    }

    /** By benchmark name, then by the numeric parameters in increasing order (so 64 before 256). */
    private static int compare(BenchReport.Row x, BenchReport.Row y) {
        int c = x.benchmark().compareTo(y.benchmark());
        if (c != 0) return c;
        for (String k : x.params().keySet()) {
            String a = x.params().get(k), b = y.params().getOrDefault(k, "");
            if (a.equals(b)) continue;
            try {
                return Long.compare(Long.parseLong(a), Long.parseLong(b));
            } catch (NumberFormatException e) {
                return a.compareTo(b);
            }
        }
        return 0;
    }
}

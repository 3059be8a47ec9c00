package dev.slope.examples.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.util.Statistics;

/**
 * Turns JMH's times into the figures issue 7 asks for: GFLOP/s for matmul and the MLP step, GB/s for
 * element-wise ops and reductions, each beside the machine limit it is judged against (the FMA peak
 * or the triad bandwidth, measured in the same run). Writes slope.json (read by
 * report.py) and slope.csv, and prints a summary table.
 */
public final class BenchReport {
    private BenchReport() {}

    /** One benchmark at one set of parameters: JMH's time per op (median, mean, error), in JMH's unit. */
    public record Row(String benchmark, Map<String, String> params, String unit, double median, double mean,
                      double error, double min, double max, long samples) {

        static Row of(RunResult run) {
            Result<?> r = run.getPrimaryResult();
            Statistics s = r.getStatistics();
            String name = run.getParams().getBenchmark();
            Map<String, String> params = new TreeMap<>();
            for (String k : run.getParams().getParamsKeys()) params.put(k, run.getParams().getParam(k));
            return new Row(name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1), params, r.getScoreUnit(),
                    s.getPercentile(50), r.getScore(), r.getScoreError(), s.getMin(), s.getMax(), s.getN());
        }

        /** Median seconds per operation. */
        public double seconds() { return median * secondsPer(unit); }
    }

    /** The work of one operation: floating-point operations and bytes moved (0 where not counted), and elements. */
    public record Work(double flops, double bytes, long elements, String limit) {
        static final Work NONE = new Work(0, 0, 0, null);
    }

    /**
     * What one call of the benchmark does. Matmul: 2 n^3 flops, a small product 2 m k n (the FMA peak of its dtype). Element-wise:
     * bytes read and written as STREAM counts them (triad). Reductions: one read of the input (triad).
     * MLP step: the matmul flops of forward and backward, 3 x 2 x batch x sum(in x out) (F32 FMA peak);
     * the cold MLP's first100 does 100 steps in one call, its after50 one step per operation.
     * CNN step: likewise 3 x 2 x the multiply-adds of the convolutions and the linear layer.
     */
    public static Work work(String benchmark, Map<String, String> params) {
        String cls = benchmark.substring(0, benchmark.indexOf('.'));
        String method = benchmark.substring(benchmark.indexOf('.') + 1);
        return switch (cls) {
            case "MatmulBench" -> {
                double n = Integer.parseInt(params.get("n"));
                yield new Work(2 * n * n * n, 0, (long) (n * n), "fma-" + params.get("dtype").toLowerCase(Locale.ROOT));
            }
            case "SmallMatmulBench" -> {
                int[] mkn = SmallMatmulBench.dims(params.get("shape"));
                yield new Work(2.0 * mkn[0] * mkn[1] * mkn[2], 0, (long) mkn[0] * mkn[2], "fma-" + params.get("dtype").toLowerCase(Locale.ROOT));
            }
            case "ElementwiseBench" -> {
                long size = Long.parseLong(params.get("size"));
                yield new Work(0, (method.startsWith("exp") ? 8.0 : 12.0) * size, size, "triad"); // exp and expOut: read one, write one
            }
            case "ReductionBench" -> {
                int[] shape = ReductionBench.shape(Integer.parseInt(params.get("size")));
                long numel = (long) shape[0] * shape[1];
                yield new Work(0, 4.0 * numel, numel, "triad");
            }
            case "MlpStepBench" -> new Work(mlpStepFlops(), 0, 0, "fma-f32");
            case "MlpColdBench" -> new Work((method.equals("first100") ? MlpColdBench.FIRST : 1) * mlpStepFlops(), 0, 0, "fma-f32");
            case "CnnStepBench" -> new Work(3 * 2 * CnnStepBench.forwardMacs(), 0, 0, "fma-f32");
            default -> Work.NONE;
        };
    }

    /** The matmul flops of one MLP step, forward and backward: 3 x 2 x batch x sum(in x out). */
    static double mlpStepFlops() {
        double macs = 0;
        for (int i = 0; i + 1 < MlpStepBench.WIDTHS.length; i++) macs += (double) MlpStepBench.WIDTHS[i] * MlpStepBench.WIDTHS[i + 1];
        return 3 * 2 * MlpStepBench.BATCH * macs;
    }

    /** Seconds in one unit of JMH's score unit ("ns/op", "us/op", "ms/op", "s/op"). */
    static double secondsPer(String unit) {
        return switch (unit.substring(0, unit.indexOf('/'))) {
            case "ns" -> 1e-9;
            case "us" -> 1e-6;
            case "ms" -> 1e-3;
            case "s" -> 1;
            case "min" -> 60;
            default -> throw new IllegalArgumentException("bench: unknown time unit " + unit);
        };
    }

    /** The row's throughput in the limit's unit (GFLOP/s or GB/s), or NaN where nothing is counted. */
    public static double throughput(Row row, Work w) {
        if (w.flops() > 0) return w.flops() / row.seconds() / 1e9;
        if (w.bytes() > 0) return w.bytes() / row.seconds() / 1e9;
        return Double.NaN;
    }

    /**
     * The limit a throughput is judged against: the named figure on the thread count that reached the
     * most (2 threads on a quiet machine; 1 when another job held the second core during that figure).
     */
    static MachineLimits.Figure limit(List<MachineLimits.Figure> limits, String name) {
        MachineLimits.Figure best = null;
        for (MachineLimits.Figure f : limits) if (f.name().equals(name) && (best == null || f.median() > best.median())) best = f;
        return best;
    }

    /** A time in seconds, in the unit that reads best: "812 ns", "3.41 us", "1.20 ms", "2.05 s". */
    public static String formatTime(double seconds) {
        if (seconds < 1e-6) return String.format(Locale.ROOT, "%.0f ns", seconds * 1e9);
        if (seconds < 1e-3) return String.format(Locale.ROOT, "%.3g us", seconds * 1e6);
        if (seconds < 1) return String.format(Locale.ROOT, "%.3g ms", seconds * 1e3);
        return String.format(Locale.ROOT, "%.3g s", seconds);
    }

    /** The summary line of one row: name, parameters, median time, throughput and its fraction of the limit. */
    public static String formatRow(Row row, Work w, MachineLimits.Figure limit) {
        String params = row.params().isEmpty() ? "" : new java.util.TreeMap<>(row.params()).toString(); // sorted: the same text whatever the map
        double t = throughput(row, w);
        String speed = Double.isNaN(t) ? "" : String.format(Locale.ROOT, "%9.2f %s", t, w.flops() > 0 ? "GFLOP/s" : "GB/s   ");
        String ratio = Double.isNaN(t) || limit == null ? "" : String.format(Locale.ROOT, "  %5.1f%% of %s (%d thr)", 100 * t / limit.median(), limit.name(), limit.threads());
        return String.format(Locale.ROOT, "%-30s %-24s %11s %s%s", row.benchmark(), params, formatTime(row.seconds()), speed, ratio).stripTrailing();
    }

    /** Writes slope.json and slope.csv into {@code out} and returns the summary table as text. */
    public static String write(Path out, MachineInfo machine, List<MachineLimits.Figure> limits, List<Row> rows,
                               Map<String, Object> settings) throws IOException {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("tool", "slope bench");
        json.put("date", Instant.now().toString());
        json.put("settings", settings);
        json.put("machine", machine);
        List<Map<String, Object>> lim = new ArrayList<>();
        for (MachineLimits.Figure f : limits) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", f.name());
            m.put("threads", f.threads());
            m.put("unit", f.unit());
            m.put("median", f.median());
            m.put("best", f.best());
            m.put("samples", f.samples());
            lim.add(m);
        }
        json.put("limits", lim);
        List<Map<String, Object>> results = new ArrayList<>();
        StringBuilder csv = new StringBuilder("benchmark,params,median,unit,mean,error,min,max,samples,seconds_per_op,throughput,throughput_unit,limit,fraction_of_limit\n");
        StringBuilder table = new StringBuilder();
        for (Row row : rows) {
            Work w = work(row.benchmark(), row.params());
            MachineLimits.Figure l = w.limit() == null ? null : limit(limits, w.limit());
            double t = throughput(row, w);
            String tUnit = w.flops() > 0 ? "GFLOP/s" : w.bytes() > 0 ? "GB/s" : "";
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("benchmark", row.benchmark());
            m.put("params", row.params());
            m.put("unit", row.unit());
            m.put("median", row.median());
            m.put("mean", row.mean());
            m.put("error", row.error());
            m.put("min", row.min());
            m.put("max", row.max());
            m.put("samples", row.samples());
            m.put("seconds", row.seconds());
            if (w.elements() > 0) m.put("elements", w.elements());
            if (w.flops() > 0) m.put("flops", w.flops());
            if (w.bytes() > 0) m.put("bytes", w.bytes());
            if (!tUnit.isEmpty()) {
                m.put("throughput", t);
                m.put("throughput_unit", tUnit);
            }
            if (l != null && !tUnit.isEmpty()) {
                m.put("limit", l.name() + "@" + l.threads());
                m.put("fraction_of_limit", t / l.median());
            }
            results.add(m);
            csv.append(String.join(",", row.benchmark(), '"' + row.params().toString().replace("\"", "") + '"', num(row.median()), row.unit(),
                    num(row.mean()), num(row.error()), num(row.min()), num(row.max()), Long.toString(row.samples()), num(row.seconds()),
                    tUnit.isEmpty() ? "" : num(t), tUnit, l == null || tUnit.isEmpty() ? "" : l.name() + "@" + l.threads(),
                    l == null || tUnit.isEmpty() ? "" : num(t / l.median()))).append('\n');
            table.append(formatRow(row, w, l)).append('\n');
        }
        json.put("results", results);
        Files.createDirectories(out);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.resolve("slope.json").toFile(), json);
        Files.writeString(out.resolve("slope.csv"), csv);
        return table.toString();
    }

    private static String num(double v) { return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.6g", v); }
}

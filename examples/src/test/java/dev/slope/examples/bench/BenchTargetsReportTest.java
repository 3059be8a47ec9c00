package dev.slope.examples.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Targets table that report.py (run by bench.sh) prints first: each target with its ratio from one
 * run, met or missed, "not run" where its benchmark is absent, under the CPU model and its vector flag.
 * Runs report.py with Debian's python3 on two small JSON documents; skipped where there is none.
 */
class BenchTargetsReportTest {
    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final Path REPORT = Path.of("src/main/python/report.py");

    private static final String SLOPE = """
            {"date": "2026-12-06T00:00:00Z", "settings": {"quick": true},
             "machine": {"cpuModel": "AMD EPYC", "cpuFamilyModel": "family 25 model 17", "simd": "AVX-512", "cores": 2},
             "limits": [{"name": "fma-f32", "threads": 2, "median": 200.0, "best": 210.0}],
             "results": [
              {"benchmark": "SmallMatmulBench.matmul", "params": {"shape": "64", "dtype": "F32"}, "seconds": 6e-6, "throughput": 90.0},
              {"benchmark": "SmallMatmulBench.matmul", "params": {"shape": "256", "dtype": "F32"}, "seconds": 2e-4, "throughput": 160.0},
              {"benchmark": "MatmulBench.matmul", "params": {"n": "1024", "dtype": "F32"}, "seconds": 0.012, "throughput": 170.0},
              {"benchmark": "MlpStepBench.step", "params": {}, "seconds": 0.0012}]}
            """;
    private static final String PEERS = """
            {"settings": {"quick": true}, "machine": {"cpu_model": "AMD EPYC", "cpu_family_model": "family 25 model 17", "simd": "AVX-512"},
             "results": [
              {"peer": "numpy", "benchmark": "SmallMatmulBench.matmul", "params": {"shape": "64", "dtype": "F32"}, "threads": 2, "seconds": 5e-6, "throughput": 100.0},
              {"peer": "numpy", "benchmark": "SmallMatmulBench.matmul", "params": {"shape": "256", "dtype": "F32"}, "threads": 2, "seconds": 2e-4, "throughput": 150.0},
              {"peer": "numpy", "benchmark": "MatmulBench.matmul", "params": {"n": "1024", "dtype": "F32"}, "threads": 2, "seconds": 0.012, "throughput": 160.0},
              {"peer": "torch", "benchmark": "MlpStepBench.step", "params": {}, "threads": 1, "seconds": 0.0025},
              {"peer": "torch", "benchmark": "MlpStepBench.step", "params": {}, "threads": 2, "seconds": 0.0020}]}
            """;

    @Test
    void targetsComeFirstWithTheirRatioVerdictAndTheCpu(@TempDir Path dir) throws IOException, InterruptedException {
        assumeTrue(Files.isExecutable(PYTHON), "no /usr/bin/python3");
        Files.writeString(dir.resolve("slope.json"), SLOPE);
        Files.writeString(dir.resolve("peers.json"), PEERS);
        Process p = new ProcessBuilder(PYTHON.toString(), REPORT.toString(), "--slope", dir.resolve("slope.json").toString(),
                "--peers", dir.resolve("peers.json").toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        List<String> lines = out.lines().toList();
        assertEquals("## Targets", lines.getFirst());
        assertTrue(out.contains("CPU: **AMD EPYC** (family 25 model 17), flags: avx512f."), out);
        assertTrue(out.indexOf("## Targets") < out.indexOf("## Speed"), out);
        assertRow(lines, "small matmul F32 n = 64", "0.90x", "≥ 0.9x", "met");
        assertRow(lines, "small matmul F32 n = 256", "1.07x", "≥ 1.0x", "met");
        assertRow(lines, "matmul F32 n = 1024", "1.06x, 85%", "≥ 0.95x, ≥ 75%", "met");
        assertRow(lines, "matmul F64 n = 1024", "not run", "≥ 0.9x", "–");
        assertRow(lines, "CNN step", "not run", "≤ 1.0x", "–");
        assertRow(lines, "MLP step after 50 steps", "not run", "≤ 1.3x", "–");
        assertRow(lines, "MLP step, steady", "0.60x", "≤ 0.6x", "met");
    }

    /** The Targets row that starts with label has these cells after it. */
    private static void assertRow(List<String> lines, String label, String measured, String goal, String verdict) {
        String row = lines.stream().filter(l -> l.startsWith("| " + label)).findFirst().orElseThrow(() -> new AssertionError("no row " + label));
        List<String> cells = List.of(row.substring(2, row.length() - 2).split(" \\| "));
        assertEquals(List.of(measured, goal, verdict), cells.subList(1, 4), row);
    }
}

package dev.slope.examples.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The arithmetic and formatting of the benchmark report; no benchmark runs here (they are not tests). */
class BenchReportTest {

    @Test
    void matmulThroughputIsTwoNCubedOverTheMedianTime() {
        BenchReport.Row row = new BenchReport.Row("MatmulBench.matmul", Map.of("n", "1024", "dtype", "F32"), "ms/op",
                5.0, 5.2, 0.1, 4.9, 5.5, 10);
        BenchReport.Work w = BenchReport.work(row.benchmark(), row.params());
        assertEquals(2.0 * 1024 * 1024 * 1024 / 5e-3 / 1e9, BenchReport.throughput(row, w), 1e-9);
        assertEquals("fma-f32", w.limit());
        MachineLimits.Figure peak = new MachineLimits.Figure("fma-f32", 2, "GFLOP/s", 500, 510, new double[] {500});
        MachineLimits.Figure busy = new MachineLimits.Figure("fma-f32", 1, "GFLOP/s", 260, 262, new double[] {260});
        assertEquals(peak, BenchReport.limit(List.of(busy, peak), "fma-f32"));
        assertEquals("MatmulBench.matmul             {dtype=F32, n=1024}          5.00 ms    429.50 GFLOP/s   85.9% of fma-f32 (2 thr)",
                BenchReport.formatRow(row, w, peak));
    }

    @Test
    void smallProductsCountTwoMKNWhateverOperandIsTransposed() {
        assertEquals(List.of(128, 784, 256), java.util.Arrays.stream(SmallMatmulBench.dims("128x784x256")).boxed().toList());
        assertEquals(List.of(784, 128, 256), java.util.Arrays.stream(SmallMatmulBench.dims("784x128x256/At")).boxed().toList());
        assertEquals(List.of(64, 64, 64), java.util.Arrays.stream(SmallMatmulBench.dims("64")).boxed().toList());
        BenchReport.Work w = BenchReport.work("SmallMatmulBench.matmul", Map.of("shape", "128x256x784/Bt", "dtype", "F64"));
        assertEquals(2.0 * 128 * 256 * 784, w.flops());
        assertEquals("fma-f64", w.limit());
    }

    @Test
    void timesReadInTheirNaturalUnit() {
        assertEquals("812 ns", BenchReport.formatTime(812e-9));
        assertEquals("3.41 us", BenchReport.formatTime(3.41e-6));
        assertEquals("1.20 ms", BenchReport.formatTime(1.2e-3));
        assertEquals("2.05 s", BenchReport.formatTime(2.05));
        assertEquals(1e-6, BenchReport.secondsPer("us/op"));
    }

    @Test
    void reductionsCountOneReadOfTheMatrixTheyActuallyReduce() {
        assertEquals(List.of(10, 1024), List.of(ReductionBench.shape(10_000)[0], ReductionBench.shape(10_000)[1]));
        assertEquals(List.of(1, 1000), List.of(ReductionBench.shape(1000)[0], ReductionBench.shape(1000)[1]));
        assertEquals(4.0 * 9766 * 1024, BenchReport.work("ReductionBench.sumAll", Map.of("size", "10000000")).bytes());
    }

    @Test
    void theColdMlpCountsAHundredStepsForFirst100AndOneForAfter50() {
        double step = BenchReport.work("MlpStepBench.step", Map.of()).flops();
        assertEquals(3 * 2 * 128 * (784.0 * 256 + 256 * 128 + 128 * 10), step);
        assertEquals(100 * step, BenchReport.work("MlpColdBench.first100", Map.of("device", "cpu")).flops());
        assertEquals(step, BenchReport.work("MlpColdBench.after50", Map.of("device", "cpu")).flops());
        assertEquals("fma-f32", BenchReport.work("MlpColdBench.after50", Map.of()).limit());
    }

    @Test
    void cnnStepCountsTheMultiplyAddsOfBothConvolutionsAndTheLinearLayerThreeTimes() {
        double macs = 64.0 * (8 * 1 * 9 * 28 * 28 + 16 * 8 * 9 * 14 * 14 + 784 * 10);
        BenchReport.Work w = BenchReport.work("CnnStepBench.step", Map.of("device", "cpu"));
        assertEquals(3 * 2 * macs, w.flops());
        assertEquals("fma-f32", w.limit());
    }
}

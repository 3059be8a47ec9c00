package dev.slope.examples.bench;

import dev.slope.autograd.Device;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;

/**
 * The machine a run was measured on, printed and stored beside the figures: the CPU (model name from
 * /proc/cpuinfo, which on some VMs is only "AMD EPYC", so family and model numbers too), its widest
 * vector extension, the cores the JVM sees, the Vector API's preferred lane counts, the JDK,
 * slope's CPU backend, and the load average before the run (these machines are shared: a load near
 * the core count means another job ran beside the benchmarks, and the figures are low).
 */
public record MachineInfo(String cpuModel, String cpuFamilyModel, String simd, String l3, int cores,
                          int floatLanes, int doubleLanes, int vectorBits, String java, String backend,
                          String loadAverage) {

    public static MachineInfo detect() {
        List<String> cpuinfo = readLines(Path.of("/proc/cpuinfo"));
        String flags = " " + field(cpuinfo, "flags") + " ";
        String simd = flags.contains(" avx512f ") ? "AVX-512" : flags.contains(" avx2 ") ? "AVX2" : flags.contains(" asimd ") ? "NEON" : "other";
        List<String> l3 = readLines(Path.of("/sys/devices/system/cpu/cpu0/cache/index3/size"));
        return new MachineInfo(
                field(cpuinfo, "model name"),
                "family " + field(cpuinfo, "cpu family") + " model " + field(cpuinfo, "model"),
                simd,
                l3.isEmpty() ? "?" : l3.getFirst().trim(),
                Runtime.getRuntime().availableProcessors(),
                FloatVector.SPECIES_PREFERRED.length(),
                DoubleVector.SPECIES_PREFERRED.length(),
                FloatVector.SPECIES_PREFERRED.vectorBitSize(),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
                Device.CPU.backend().name(),
                readLines(Path.of("/proc/loadavg")).stream().findFirst().map(l -> String.join(" ", Arrays.asList(l.split(" ")).subList(0, 3))).orElse("?"));
    }

    private static List<String> readLines(Path p) {
        try {
            return Files.readAllLines(p);
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }

    private static String field(List<String> cpuinfo, String key) {
        for (String line : cpuinfo) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equals(key)) return line.substring(colon + 1).trim();
        }
        return "?";
    }

    @Override public String toString() {
        return String.format("CPU: %s (%s, %s, L3 %s), %d cores; Vector API preferred species: %d-bit, %d float lanes, %d double lanes;%n"
                + "JDK: %s; slope CPU backend: %s; load average %s", cpuModel, cpuFamilyModel, simd, l3, cores, vectorBits, floatLanes,
                doubleLanes, java, backend, loadAverage);
    }
}

package dev.slope.examples.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * jit_timeline.py (issue 18's cold-start analysis) on a small LogCompilation file: each compilation's
 * queue, start and install times, its wait and its length, the tier and OSR, and the compilers' busy time by
 * package. Runs it with Debian's python3; skipped where there is none.
 */
class JitTimelineTest {
    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final Path SCRIPT = Path.of("src/main/python/jit_timeline.py");

    /** Two compilations as HotSpot logs them: a C2 OSR one of a slope kernel, a C1 one of a Vector API fallback. */
    private static final String LOG = """
            <hotspot_log>
            <task_queued compile_id='7' compile_kind='osr' method='dev.slope.autograd.backend.cpu.Sgemm kernel4 (II)V' bytes='1520' osr_bci='174' stamp='0.798' comment='tiered'/>
            <task_queued compile_id='8' method='jdk.incubator.vector.FloatVector bTest (I)Z' bytes='40' level='3' stamp='0.800' comment='tiered'/>
            <compilation_log thread='1'>
            <task compile_id='7' compile_kind='osr' method='dev.slope.autograd.backend.cpu.Sgemm kernel4 (II)V' bytes='1520' osr_bci='174' stamp='0.807'>
            <task_done success='1' nmsize='50592' stamp='1.046'/>
            </task>
            <task compile_id='8' method='jdk.incubator.vector.FloatVector bTest (I)Z' bytes='40' level='3' stamp='0.900'>
            <task_done success='1' nmsize='900' stamp='0.950'/>
            </task>
            </compilation_log>
            </hotspot_log>
            """;

    @Test
    void listsEachCompilationsWaitAndLengthAndTheCompilersBusyTime(@TempDir Path dir) throws IOException, InterruptedException {
        assumeTrue(Files.isExecutable(PYTHON), "no /usr/bin/python3");
        Files.writeString(dir.resolve("jit.xml"), LOG);
        Process p = new ProcessBuilder(PYTHON.toString(), SCRIPT.toString(), dir.resolve("jit.xml").toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("  0.798   0.807   1.046   0.009   0.239  4 OSR  Sgemm kernel4"), out);
        assertTrue(!out.contains("bTest  "), "only slope's methods are listed by default: " + out);
        assertTrue(out.contains("C1 busy 0.05 s: slope 0.00 s, vector 0.05 s, jdk 0.00 s"), out);
        assertTrue(out.contains("C2 busy 0.24 s: slope 0.24 s, vector 0.00 s, jdk 0.00 s"), out);
    }
}

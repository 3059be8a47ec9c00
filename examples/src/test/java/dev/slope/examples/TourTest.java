package dev.slope.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import org.junit.jupiter.api.Test;

class TourTest {
    @Test
    void theReadmeTourRunsAndPrintsWhatItSays() {
        PrintStream before = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true));
        try {
            Tour.main(new String[0]);
        } finally {
            System.setOut(before);
        }
        String s = out.toString();
        assertTrue(s.contains("H v of sum(z^3) = tensor([6., 0., 0.], dtype=F64)"), s);
        assertTrue(s.contains("gradcheck: true"), s);
        assertTrue(s.contains("digraph autograd"), s);
    }
}

package dev.slope.autograd.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.function.Executable;

/**
 * A sweep of public calls with bad arguments (issue 16): each must be refused with an
 * IllegalArgumentException or IndexOutOfBoundsException whose message starts with the name of the
 * call the user made ("randn: ...", not the "zeros: ..." of an op it is built from). All mismatches
 * are reported at once, so one run lists every leaking message.
 */
public final class BadInputSweep {
    private BadInputSweep() {}

    /** One public call with a bad argument, and the name its message must start with. */
    public record Case(String name, Executable call) {}

    public static Case call(String name, Executable call) { return new Case(name, call); }

    /** Fails listing each case that did not throw, threw another type, or named another op first. */
    public static void assertEachNamesItself(List<Case> cases) {
        List<String> wrong = new ArrayList<>();
        for (Case c : cases) {
            try {
                c.call().execute();
                wrong.add(c.name() + ": no exception");
            } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
                if (e.getMessage() == null || !e.getMessage().startsWith(c.name() + ": ")) {
                    wrong.add(c.name() + " -> " + e.getClass().getSimpleName() + ": " + e.getMessage());
                }
            } catch (Throwable e) {
                wrong.add(c.name() + " -> " + e);
            }
        }
        assertEquals("", String.join("\n", wrong), "calls whose message does not start with their own name");
    }
}

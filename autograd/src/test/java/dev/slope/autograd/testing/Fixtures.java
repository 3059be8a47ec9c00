package dev.slope.autograd.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Reference fixtures: JSON files that a Python script (PyTorch, SciPy) wrote once and the tests
 * compare against, read from the test classpath.
 */
public final class Fixtures {
    private Fixtures() {}

    /** The JSON tree of the classpath resource {@code resource}, e.g. {@code "/reference/optim_reference.json"}. */
    public static JsonNode json(String resource) {
        try (InputStream in = Fixtures.class.getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException("fixture " + resource + " is missing from the test classpath");
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the fixture " + resource, e);
        }
    }
}

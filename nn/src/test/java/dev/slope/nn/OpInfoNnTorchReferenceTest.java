package dev.slope.nn;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slope.autograd.ops.opinfo.OpInfoCheck;
import dev.slope.autograd.testing.Fixtures;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * nn's losses, distances and normalizations against PyTorch's own OpInfo samples (issue 16):
 * values, vjp and double backward in F64 at rtol 1e-7, atol 1e-9, through autograd's
 * {@link OpInfoCheck} and {@link NnOpInfoAdapters}. The fixture is written by autograd's
 * {@code src/test/resources/torch/opinfo.py}; the test prints per op how many samples there are,
 * how many slope expresses and how many agree, and fails on any disagreement.
 */
class OpInfoNnTorchReferenceTest {
    static final JsonNode FIXTURE = Fixtures.json("/torch/opinfo_nn.json");

    @Test
    void expressibleSamplesAgreeWithPyTorch() {
        OpInfoCheck.Report report = OpInfoCheck.run(FIXTURE, NnOpInfoAdapters.ADAPTERS);
        report.print();
        report.assertAllAgreeExcept(Map.of());
    }

    @Test
    void everyFixtureOpHasAnAdapter() {
        OpInfoCheck.assertEveryOpHasAnAdapter(FIXTURE, NnOpInfoAdapters.ADAPTERS);
    }
}

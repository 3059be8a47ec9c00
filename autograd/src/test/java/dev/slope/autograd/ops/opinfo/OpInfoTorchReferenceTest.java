package dev.slope.autograd.ops.opinfo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slope.autograd.testing.Fixtures;
import org.junit.jupiter.api.Test;

/**
 * slope's autograd ops against PyTorch's own OpInfo samples (issue 16): sample_inputs and
 * reference_inputs (NaN, +-inf, empty tensors), values, vjp and double backward in F64, through
 * {@link OpInfoCheck} and the adapters of {@link OpInfoAdapters}. The fixture is written by
 * {@code src/test/resources/torch/opinfo.py}; the test prints per op how many samples there are,
 * how many slope expresses and how many agree, and fails on any disagreement.
 */
class OpInfoTorchReferenceTest {
    static final JsonNode FIXTURE = Fixtures.json("/torch/opinfo.json");

    @Test
    void expressibleSamplesAgreeWithPyTorch() {
        OpInfoCheck.Report report = OpInfoCheck.run(FIXTURE, OpInfoAdapters.ADAPTERS);
        report.print();
        report.assertAllAgree();
    }

    @Test
    void everyFixtureOpHasAnAdapter() {
        OpInfoCheck.assertEveryOpHasAnAdapter(FIXTURE, OpInfoAdapters.ADAPTERS);
    }
}

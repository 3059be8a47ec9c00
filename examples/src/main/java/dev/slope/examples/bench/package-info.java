/**
 * JMH benchmarks of slope's CPU path and the machine limits they are judged against (issue 7).
 *
 * <p>{@link dev.slope.examples.bench.MatmulBench}, {@link dev.slope.examples.bench.SmallMatmulBench},
 * {@link dev.slope.examples.bench.ElementwiseBench}, {@link dev.slope.examples.bench.ReductionBench},
 * {@link dev.slope.examples.bench.MlpStepBench}, {@link dev.slope.examples.bench.CnnStepBench} (both a
 * {@link dev.slope.examples.bench.TrainingStepBench}) and {@link dev.slope.examples.bench.SmallOpBench} time
 * the public Tensor, nn and optim API, as a user calls it; {@link dev.slope.examples.bench.MlpColdBench}
 * times the MLP step in fresh JVMs, before the JIT has warmed up.
 * {@link dev.slope.examples.bench.MachineLimits} measures what this machine can do at most (FMA peak and
 * triad bandwidth) in the same run, so that every figure is reported as a ratio to it.
 * {@link dev.slope.examples.bench.BenchCommand} ({@code slope bench}) runs them all and writes
 * {@code slope.json} and {@code slope.csv}; {@code bench.sh} at the repository root adds the numpy and
 * PyTorch peers ({@code examples/src/main/python/peers.py}) and prints the README's table
 * ({@code report.py}).
 *
 * <p>Benchmarks are not tests: nothing here runs in {@code mvn verify}. May use every slope module and JMH.
 */
package dev.slope.examples.bench;

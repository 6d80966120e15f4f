/**
 * An analyzer (or its middleware) on the other end of the MLLP link, for tests, the demo
 * and the benchmark: asks for work orders by barcode, answers with plausible results,
 * sends bursts on many connections, and misbehaves on purpose. No Spring: it runs from
 * the command line ({@code ./continuum analyzer}).
 */
@NullMarked
package continuum.lab.hl7.simulator;

import org.jspecify.annotations.NullMarked;

package continuum.continuity.probes;

import java.time.Duration;
import java.time.Instant;

/** One probe of a component: when it started, what it found, how long it took. */
public record ProbeResult(Instant at, ProbeOutcome outcome, Duration latency) {
}

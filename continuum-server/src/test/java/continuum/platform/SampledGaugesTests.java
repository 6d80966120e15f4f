package continuum.platform;

import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A sampled gauge is read by the schedule only: a scrape costs no read, and a read that
 * fails shows no value rather than an old one.
 */
class SampledGaugesTests {

	final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	final SampledGauges gauges = new SampledGauges(registry);

	@Test
	void scrapesReadTheLastSampleNotTheSource() {
		AtomicInteger reads = new AtomicInteger();
		gauges.register("continuum.test.depth", "a test gauge", () -> 40L + reads.incrementAndGet());
		assertThat(value()).as("not read yet").isNaN();
		gauges.sampleAll();
		for (int i = 0; i < 100; i++) {
			assertThat(value()).isEqualTo(41.0);
		}
		assertThat(reads).hasValue(1);
		gauges.sampleAll();
		assertThat(value()).isEqualTo(42.0);
	}

	@Test
	void aFailedReadShowsNoValueUntilAReadSucceeds() {
		AtomicInteger reads = new AtomicInteger();
		gauges.register("continuum.test.depth", "a test gauge", () -> {
			if (reads.incrementAndGet() == 2) {
				throw new IllegalStateException("database unreachable");
			}
			return 7L;
		});
		gauges.sampleAll();
		assertThat(value()).isEqualTo(7.0);
		gauges.sampleAll();
		assertThat(value()).isNaN();
		gauges.sampleAll();
		assertThat(value()).isEqualTo(7.0);
	}

	private double value() {
		return registry.get("continuum.test.depth").gauge().value();
	}

}

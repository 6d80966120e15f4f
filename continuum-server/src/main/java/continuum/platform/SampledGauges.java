package continuum.platform;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Gauges whose values a module reads from the database (the change feed's head, the
 * outbox's depth): read on a schedule, every {@value #INTERVAL_SECONDS} s, and never by a
 * scrape. A scrape then costs no query however often it comes, and still answers while
 * the database does not: a value that could not be read is {@code NaN} (no sample in
 * Prometheus's text format) until the next read succeeds, and so is a value not read yet.
 * Every server node samples for its own scrape: the reads change nothing, so they need no
 * lease ({@link JobLeases}).
 */
@Component
public class SampledGauges {

	static final long INTERVAL_SECONDS = 10;

	private static final Logger log = LoggerFactory.getLogger(SampledGauges.class);

	private final MeterRegistry registry;

	private final List<Sample> samples = new CopyOnWriteArrayList<>();

	SampledGauges(MeterRegistry registry) {
		this.registry = registry;
	}

	/**
	 * Registers a gauge named as Micrometer names meters
	 * ({@code continuum.changes.head}), whose value {@code read} gives; {@code read} runs
	 * on the scheduler's thread, as the server itself.
	 */
	public void register(String name, String description, LongSupplier read) {
		Sample sample = new Sample(name, read);
		Gauge.builder(name, sample, Sample::value).description(description).strongReference(true).register(registry);
		samples.add(sample);
	}

	@Scheduled(fixedDelay = INTERVAL_SECONDS, timeUnit = TimeUnit.SECONDS)
	void sampleAll() {
		samples.forEach(Sample::take);
	}

	/**
	 * One gauge's last reading; a failure is logged when it starts, not at every turn.
	 */
	private static final class Sample {

		private final String name;

		private final LongSupplier read;

		private volatile double value = Double.NaN;

		private volatile boolean failing;

		Sample(String name, LongSupplier read) {
			this.name = name;
			this.read = read;
		}

		double value() {
			return value;
		}

		void take() {
			try {
				value = read.getAsLong();
				if (failing) {
					failing = false;
					log.info("Gauge {} is read again", name);
				}
			}
			catch (RuntimeException ex) {
				value = Double.NaN;
				if (!failing) {
					failing = true;
					log.warn("Gauge {} could not be read; it shows no value until it can: {}", name,
							SafeLogging.describe(ex));
				}
			}
		}

	}

}

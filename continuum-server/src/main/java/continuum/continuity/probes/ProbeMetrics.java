package continuum.continuity.probes;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

import continuum.continuity.IncidentKind;
import continuum.continuity.IncidentService;
import continuum.platform.SampledGauges;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.stereotype.Component;

/**
 * Continuity's metrics (docs/continuity.md): every probe result, counted by component and
 * outcome ({@code continuum.continuity.probe.results}) and timed
 * ({@code continuum.continuity.probe.latency}); each downtime node's lag as its last
 * probe read it ({@code continuum.continuity.node.lag}, tag {@code node}: the node's
 * URL); and the outages going on ({@code continuum.continuity.incidents.open}, sampled
 * like every gauge read from the database). Tags hold component codes and node URLs,
 * never patient data.
 */
@Component
class ProbeMetrics {

	private final MeterRegistry registry;

	private final Map<String, AtomicReference<Double>> lags = new ConcurrentHashMap<>();

	ProbeMetrics(MeterRegistry registry, SampledGauges gauges, IncidentService incidents) {
		this.registry = registry;
		gauges.register("continuum.continuity.incidents.open", "Outages going on (opened, not yet resolved)",
				() -> incidents.current()
					.stream()
					.filter(i -> i.kind() == IncidentKind.OUTAGE && !i.status().closed())
					.count());
	}

	/** Counts and times one probe result of the component. */
	void recorded(String code, ProbeResult result) {
		Counter.builder("continuum.continuity.probe.results")
			.description("Probe results by component and outcome (ok, degraded, failed)")
			.tag("component", code)
			.tag("outcome", result.outcome().result().code())
			.register(registry)
			.increment();
		Timer.builder("continuum.continuity.probe.latency")
			.description("How long each probe took, by component")
			.tag("component", code)
			.register(registry)
			.record(result.latency());
	}

	/** The lag the node at {@code url} reported to its last probe. */
	void nodeLag(String url, double seconds) {
		lags.computeIfAbsent(url, node -> {
			AtomicReference<Double> lag = new AtomicReference<>(Double.NaN);
			Gauge.builder("continuum.continuity.node.lag", lag, AtomicReference::get)
				.description("A downtime node's lag behind the change feed, as its last probe read it")
				.baseUnit("seconds")
				.tag("node", node)
				.strongReference(true)
				.register(registry);
			return lag;
		}).set(seconds);
	}

}

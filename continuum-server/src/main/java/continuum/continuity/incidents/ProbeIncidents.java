package continuum.continuity.incidents;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import continuum.continuity.Impact;
import continuum.continuity.Incident;
import continuum.continuity.IncidentKind;
import continuum.continuity.IncidentStatus;
import continuum.continuity.probes.Component;
import continuum.continuity.probes.ComponentRepository;
import continuum.continuity.probes.ProbeOutcome;
import continuum.continuity.probes.ProbeResult;
import continuum.continuity.probes.ProbeResultRepository;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records each probe result and applies the {@link IncidentRule}: in one transaction per
 * result, with the component's row locked (so two results of one component, even from two
 * server nodes, are applied one after the other), the result is stored, the run moves on,
 * and an incident is opened (start: the first failed probe of the run) or resolved (end:
 * the first good probe of the run). An incident the probes opened belongs to its first
 * component, whose probes resolve it even if IT added other components.
 */
@Service
public class ProbeIncidents {

	private final ComponentRepository components;

	private final ProbeResultRepository results;

	private final IncidentRepository incidents;

	private final IncidentBook book;

	private final Clock clock;

	ProbeIncidents(ComponentRepository components, ProbeResultRepository results, IncidentRepository incidents,
			IncidentBook book, Clock clock) {
		this.components = components;
		this.results = results;
		this.incidents = incidents;
		this.book = book;
		this.clock = clock;
	}

	@Transactional
	public void record(String code, ProbeResult result) {
		Optional<Component> locked = components.lock(code);
		if (locked.isEmpty()) {
			return;
		}
		Component component = locked.get();
		results.insert(code, result);
		Instant now = clock.instant();
		List<Incident> current = incidents.current(now).stream().filter(i -> i.components().contains(code)).toList();
		boolean maintenance = current.stream()
			.anyMatch(i -> i.kind() == IncidentKind.MAINTENANCE && i.covers(result.at()));
		Optional<Incident> outage = current.stream()
			.filter(i -> i.kind() == IncidentKind.OUTAGE && !i.status().closed())
			.findFirst();
		IncidentRule.Open open = outage.isEmpty() ? IncidentRule.Open.NONE
				: outage.get().origin() == Incident.Origin.PROBE && outage.get().components().get(0).equals(code)
						? IncidentRule.Open.BY_PROBE : IncidentRule.Open.BY_HAND;
		IncidentRule.Step step = IncidentRule.next(component.run(), result, component.failureThreshold(),
				component.recoveryThreshold(), open, maintenance);
		components.saveRun(code, step.run(), result.at(),
				result.outcome().code() == null ? null : result.outcome().code().code());
		if (step.decision() == IncidentRule.Decision.OPEN) {
			opened(component, result, step, now);
		}
		else if (step.decision() == IncidentRule.Decision.RESOLVE) {
			Incident incident = outage.orElseThrow();
			book.change(incident.id(), null, IncidentBook.Draft.of(incident).closed(IncidentStatus.RESOLVED, step.at()),
					"probes good again", "Resolved by probes: " + component.recoveryThreshold()
							+ " consecutive good probes, the first at " + step.at() + ".");
		}
	}

	/** Brings every component's state in line with the incidents going on now. */
	@Transactional
	public void refreshStates() {
		book.refreshStates();
	}

	private void opened(Component component, ProbeResult result, IncidentRule.Step step, Instant now) {
		boolean failed = result.outcome().result() == ProbeOutcome.Result.FAILED;
		String error = result.outcome().code() == null ? "" : " (" + result.outcome().code().code() + ")";
		Duration detection = Duration.between(step.at(), now);
		book.open(
				new IncidentBook.Draft(IncidentKind.OUTAGE, component.name() + (failed ? " unavailable" : " degraded"),
						failed ? Impact.CRITICAL : Impact.MINOR, IncidentStatus.INVESTIGATING,
						List.of(component.code()), step.at(), null),
				now, Incident.Origin.PROBE, "opened by probes",
				"Opened by probes: " + step.run().failures() + " consecutive failed probes" + error + ", the first at "
						+ step.at() + "; detected " + detection.toSeconds() + " s later.");
	}

}

package continuum.continuity.status;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import continuum.continuity.ComponentState;
import continuum.continuity.Incident;
import continuum.continuity.IncidentUpdate;
import continuum.platform.JobLease;
import org.jspecify.annotations.Nullable;

/**
 * What the status page shows at {@code now}: every component with its state, the
 * incidents going on (and maintenance ahead) with their timelines, and per component the
 * outages of the last {@link #DAYS} days with their durations and the downtime of each
 * day; and the background jobs that run on one server node at a time, with the node that
 * holds each one's lease.
 */
public record StatusReport(Instant now, List<ComponentStatus> components, List<CurrentIncident> current,
		List<History> history, List<JobLease> jobs) {

	/** How many days of history the page shows. */
	public static final int DAYS = 90;

	/** The worst state of any configured component now. */
	public ComponentState worst() {
		ComponentState worst = ComponentState.OPERATIONAL;
		for (ComponentStatus component : components) {
			if (component.configured() && component.state() != ComponentState.UNDER_MAINTENANCE
					&& component.state().compareTo(worst) > 0) {
				worst = component.state();
			}
		}
		if (worst == ComponentState.OPERATIONAL
				&& components.stream().anyMatch(c -> c.configured() && c.state() == ComponentState.UNDER_MAINTENANCE)) {
			return ComponentState.UNDER_MAINTENANCE;
		}
		return worst;
	}

	/** A component now; not configured: it has no target and is not probed. */
	public record ComponentStatus(String code, String name, ComponentState state, Instant since, boolean configured,
			@Nullable Instant lastProbe, @Nullable String lastError) {
	}

	/** An incident going on (or a maintenance window ahead) and its timeline. */
	public record CurrentIncident(Incident incident, List<IncidentUpdate> updates, Duration lasted) {
	}

	/** A component's last days: its outages, newest first, and the downtime per day. */
	public record History(String code, String name, List<Outage> outages, List<Day> days, Duration downtime) {
	}

	/**
	 * One outage of the component (an outage incident that hit it), its whole window:
	 * {@code end} null while it lasts.
	 */
	public record Outage(long incidentId, String title, Instant start, @Nullable Instant end, Duration duration,
			String status) {
	}

	/** A day (hospital time) and how long the component was down in it. */
	public record Day(LocalDate date, Duration down) {
	}

}

package continuum.continuity;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import continuum.continuity.incidents.IncidentRepository;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reading incidents, for the status page and for what depends on outages (impact
 * analysis). Incidents hold no patient data, so reading them is neither checked nor
 * audited; changing them is the IT role's (the incident pages), audited.
 */
@Service
public class IncidentService {

	private final IncidentRepository incidents;

	private final Clock clock;

	IncidentService(IncidentRepository incidents, Clock clock) {
		this.incidents = incidents;
		this.clock = clock;
	}

	/** The incident as its latest version says. */
	@Transactional(readOnly = true)
	public Optional<Incident> find(long id) {
		return incidents.latest(id);
	}

	/**
	 * Every version of the incident, oldest first; empty if there is no such incident.
	 */
	@Transactional(readOnly = true)
	public List<Incident> versions(long id) {
		return incidents.versions(id);
	}

	/** The incident's timeline of updates, oldest first. */
	@Transactional(readOnly = true)
	public List<IncidentUpdate> timeline(long id) {
		return incidents.updates(id);
	}

	/**
	 * Incidents going on now (outages not resolved, maintenance windows going on) and
	 * maintenance windows ahead, oldest first.
	 */
	@Transactional(readOnly = true)
	public List<Incident> current() {
		return incidents.current(clock.instant());
	}

	/**
	 * Incidents of both kinds (latest versions) whose window overlaps {@code [from, to)},
	 * newest first; one still going overlaps every later period.
	 */
	@Transactional(readOnly = true)
	public List<Incident> overlapping(Instant from, Instant to) {
		return incidents.overlapping(from, to);
	}

}

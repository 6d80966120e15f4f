package continuum.continuity.impact;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import continuum.continuity.Incident;
import continuum.continuity.incidents.IncidentRepository;
import org.springframework.stereotype.Component;

/** The incident book's incidents as the impact analysis reads them. */
@Component
class IncidentOutages implements Outages {

	private final IncidentRepository incidents;

	IncidentOutages(IncidentRepository incidents) {
		this.incidents = incidents;
	}

	@Override
	public Optional<Outage> find(long incidentId) {
		return incidents.latest(incidentId).map(IncidentOutages::outage);
	}

	@Override
	public List<Outage> overlapping(Instant from, Instant to) {
		return incidents.overlapping(from, to).stream().map(IncidentOutages::outage).toList();
	}

	private static Outage outage(Incident incident) {
		return new Outage(incident.id(), incident.components(), incident.start(), incident.end());
	}

}

package continuum.continuity.impact;

import java.time.Instant;
import java.util.List;

import continuum.scheduling.OutageWindows;
import org.springframework.stereotype.Component;

/**
 * Tells scheduling when the hospital's systems were down as far as appointments are
 * concerned: the incidents (outages and maintenance windows) whose components keep
 * patients from being checked in ({@link ImpactReach#APPOINTMENTS}).
 */
@Component
class IncidentOutageWindows implements OutageWindows {

	private final Outages outages;

	IncidentOutageWindows(Outages outages) {
		this.outages = outages;
	}

	@Override
	public List<Window> overlapping(Instant from, Instant to) {
		return outages.overlapping(from, to)
			.stream()
			.filter(o -> ImpactReach.APPOINTMENTS.of(o.components()))
			.map(o -> new Window(o.start(), o.end()))
			.toList();
	}

}

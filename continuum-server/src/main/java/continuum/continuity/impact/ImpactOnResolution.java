package continuum.continuity.impact;

import continuum.continuity.IncidentResolved;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Computes an incident's impact once it is resolved, and again when a resolved incident
 * is corrected: after commit, kept in the event publication registry until it has run
 * (recomputing replaces the stored impact, so a second delivery is harmless).
 */
@Component
class ImpactOnResolution {

	private final ImpactAnalysis analysis;

	ImpactOnResolution(ImpactAnalysis analysis) {
		this.analysis = analysis;
	}

	@ApplicationModuleListener
	void on(IncidentResolved event) {
		analysis.analyse(new Outage(event.incidentId(), event.components(), event.start(), event.end()), "system");
	}

}

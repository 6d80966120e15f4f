package continuum.continuity.node;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Every type a downtime node loads, in the order of the protocol's manifest: patients
 * first, then what hangs off them, places, appointments and their schedules, and staff
 * accounts.
 */
@Component
class RecordSources {

	static final List<String> ORDER = List.of("Patient", "AllergyIntolerance", "MedicationStatement", "Condition",
			"Observation", "DiagnosticReport", "Encounter", "Location", "Appointment", "Schedule", "Slot",
			"StaffAccount");

	private final List<RecordSource> sources;

	RecordSources(List<RecordSource> sources) {
		this.sources = sources.stream().sorted(java.util.Comparator.comparingInt(s -> rank(s.type()))).toList();
	}

	List<String> types() {
		return sources.stream().map(RecordSource::type).toList();
	}

	/** The source of the type, or a 400 naming the types there are. */
	RecordSource of(@Nullable String type) {
		return sources.stream()
			.filter(s -> s.type().equals(type))
			.findFirst()
			.orElseThrow(() -> new BadParameterException("'type' must be one of " + String.join(", ", types())));
	}

	private static int rank(String type) {
		int rank = ORDER.indexOf(type);
		return rank < 0 ? ORDER.size() : rank;
	}

}

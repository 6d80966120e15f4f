package continuum.fhir;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * One existing resource of each type the FHIR server serves, as the path of its read
 * ({@code Patient/12}) with a demo account that may use it, for tests that try a rule on
 * every type.
 */
final class EveryType {

	private EveryType() {
	}

	/** The types a client may update, each with an account that may update it. */
	static Map<String, String> updatable(JdbcClient jdbc) {
		Map<String, String> resources = new LinkedHashMap<>();
		resources.put("Patient/" + first(jdbc, "select min(id) from patient where merged_into is null"), "physician");
		resources.put(
				"AllergyIntolerance/" + first(jdbc, "select min(id) from allergy_intolerance where deleted_at is null"),
				"physician");
		resources.put("Condition/" + first(jdbc, "select min(id) from condition where deleted_at is null"),
				"physician");
		resources.put(
				"MedicationStatement/"
						+ first(jdbc, "select min(id) from medication_statement where deleted_at is null"),
				"physician");
		resources.put("Encounter/" + first(jdbc, "select min(id) from adt_encounter"), "physician");
		resources.put("Location/bed-" + first(jdbc, "select min(id) from adt_bed"), "admin");
		resources.put("Schedule/" + first(jdbc, "select min(id) from sched_schedule"), "admin");
		resources.put("Slot/" + first(jdbc, "select min(id) from sched_slot"), "scheduler");
		resources.put("Appointment/" + first(jdbc, "select min(id) from sched_appointment"), "scheduler");
		return resources;
	}

	/** Every type, each with an account that may read it. */
	static Map<String, String> readable(JdbcClient jdbc) {
		Map<String, String> resources = updatable(jdbc);
		resources.put("Location/ward-" + first(jdbc, "select min(id) from adt_ward"), "admin");
		resources.put("Practitioner/" + first(jdbc, "select min(id) from app_user"), "physician");
		resources.put("AuditEvent/" + first(jdbc, "select min(id) from audit_log"), "auditor");
		return resources;
	}

	private static long first(JdbcClient jdbc, String sql) {
		return jdbc.sql(sql).query(Long.class).single();
	}

}

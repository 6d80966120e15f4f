package continuum.downtime.viewer;

import java.util.Locale;

/**
 * What each role sees on the node, following the server's access table
 * (docs/security.md): patient data only for clinical roles, and allergies, medications
 * and problems only for the roles that may read AllergyIntolerance, MedicationStatement
 * and Condition there. Administrators, auditors, IT staff and system accounts see no
 * patient data.
 */
enum NodeRole {

	PHYSICIAN("physician", true, true, true, true, true), NURSE("nurse", true, true, true, true, true),
	LAB_TECHNOLOGIST("labtech", true, false, false, false, true),
	RADIOLOGIST("radiologist", true, true, true, true, true),
	RADIOGRAPHER("radiographer", true, true, false, false, false),
	SCHEDULER("scheduler", true, false, false, false, false), NO_PATIENT_DATA("", false, false, false, false, false);

	private final String name;

	final boolean patients;

	final boolean allergies;

	final boolean medications;

	final boolean problems;

	/**
	 * Laboratory results and radiology reports: the roles whose server table reads
	 * Observation and DiagnosticReport.
	 */
	final boolean results;

	NodeRole(String name, boolean patients, boolean allergies, boolean medications, boolean problems, boolean results) {
		this.name = name;
		this.patients = patients;
		this.allergies = allergies;
		this.medications = medications;
		this.problems = problems;
		this.results = results;
	}

	/**
	 * The role the server names ({@code nurse}, ...); any other role sees no patient
	 * data.
	 */
	static NodeRole of(String role) {
		String wanted = role.toLowerCase(Locale.ROOT);
		for (NodeRole candidate : values()) {
			if (!candidate.name.isEmpty()
					&& (candidate.name.equals(wanted) || candidate.name().equalsIgnoreCase(wanted))) {
				return candidate;
			}
		}
		return NO_PATIENT_DATA;
	}

	String authority() {
		return "ROLE_" + (name.isEmpty() ? "none" : name);
	}

}

package continuum.security;

import java.util.Map;

/**
 * The roles of hospital staff and system clients, each with the SMART App Launch 2 scopes
 * it may hold ({@code c}reate, {@code r}ead, {@code u}pdate, {@code d}elete,
 * {@code s}earch per resource type). This table is the access policy; docs/security.md
 * shows it and a test walks all of it.
 */
public enum Role {

	PHYSICIAN("physician",
			Map.of("Patient", "crus", "AllergyIntolerance", "crus", "MedicationStatement", "crus", "Condition", "crus",
					"Encounter", "crus", "Location", "rs", "Practitioner", "rs", "Schedule", "rs", "Slot", "rs",
					"Appointment", "rs")),

	NURSE("nurse",
			Map.of("Patient", "crus", "AllergyIntolerance", "crus", "MedicationStatement", "rs", "Condition", "rs",
					"Encounter", "crus", "Location", "rs", "Practitioner", "rs", "Schedule", "rs", "Slot", "rs",
					"Appointment", "rs")),

	LAB_TECHNOLOGIST("labtech",
			Map.of("Patient", "rs", "Encounter", "rs", "Location", "rs", "Practitioner", "rs", "Schedule", "rs", "Slot",
					"rs", "Appointment", "rus")),

	RADIOLOGIST("radiologist",
			Map.of("Patient", "rs", "AllergyIntolerance", "rs", "MedicationStatement", "rs", "Condition", "rs",
					"Encounter", "rs", "Location", "rs", "Practitioner", "rs", "Schedule", "rs", "Slot", "rs",
					"Appointment", "rs")),

	RADIOGRAPHER("radiographer",
			Map.of("Patient", "rs", "AllergyIntolerance", "rs", "Encounter", "rs", "Location", "rs", "Practitioner",
					"rs", "Schedule", "rs", "Slot", "rs", "Appointment", "rus")),

	SCHEDULER("scheduler",
			Map.of("Patient", "crus", "Encounter", "rs", "Location", "rs", "Practitioner", "rs", "Schedule", "rs",
					"Slot", "crus", "Appointment", "crus")),

	ADMIN("admin", Map.of("Location", "crus", "Practitioner", "crus", "Schedule", "crus", "Slot", "rs")),

	AUDITOR("auditor", Map.of("AuditEvent", "rs", "Practitioner", "rs")),

	/**
	 * The IT team that keeps the hospital running: declares and manages incidents, reads
	 * the server's metrics. Holds no scope on any resource, patient data included.
	 */
	IT_OPERATIONS("itops", Map.of()),

	/**
	 * Interfaces and downtime nodes: read everything clinical, follow the change feed.
	 */
	SYSTEM("interface",
			Map.ofEntries(Map.entry("Patient", "rs"), Map.entry("AllergyIntolerance", "rs"),
					Map.entry("MedicationStatement", "rs"), Map.entry("Condition", "rs"), Map.entry("Encounter", "rs"),
					Map.entry("Location", "rs"), Map.entry("Practitioner", "rs"), Map.entry("ChangeFeed", "rs"),
					Map.entry("Schedule", "rs"), Map.entry("Slot", "rs"), Map.entry("Appointment", "rs")));

	private final String demoUsername;

	private final Map<String, String> permissions;

	Role(String demoUsername, Map<String, String> permissions) {
		this.demoUsername = demoUsername;
		this.permissions = permissions;
	}

	/** The name of this role's demo account. */
	public String demoUsername() {
		return demoUsername;
	}

	/**
	 * Resource type to the interactions allowed on it, as SMART letters in {@code cruds}
	 * order.
	 */
	public Map<String, String> permissions() {
		return permissions;
	}

	/**
	 * Whether the role may run the verification of the audit log's hash chain: auditors,
	 * who read the log, and administrators, who run the system; the check shows only row
	 * ids and positions, no patient data.
	 */
	public boolean verifiesAuditChain() {
		return this == AUDITOR || this == ADMIN;
	}

	/**
	 * Whether the role declares, updates and resolves incidents and planned maintenance
	 * by hand: the IT team only.
	 */
	public boolean managesIncidents() {
		return this == IT_OPERATIONS;
	}

	/**
	 * Whether the role reads the server's operational metrics
	 * ({@code /actuator/prometheus}): the IT team and administrators. Metrics are counts
	 * and timings, never patient data.
	 */
	public boolean readsMetrics() {
		return this == IT_OPERATIONS || this == ADMIN;
	}

	/**
	 * Whether the role watches the HL7 interfaces (the interface monitor, with the raw
	 * messages, and the re-processing of quarantined ones): the laboratory's
	 * technologists and the IT team. Every view of a raw message is audited.
	 */
	public boolean monitorsInterfaces() {
		return this == LAB_TECHNOLOGIST || this == IT_OPERATIONS;
	}

	public boolean allows(String resourceType, Interaction interaction) {
		String letters = permissions.get(resourceType);
		return letters != null && letters.indexOf(interaction.letter()) >= 0;
	}

}

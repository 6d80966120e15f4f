package continuum.security;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The roles of hospital staff and system clients, each with the SMART App Launch 2 scopes
 * it may hold ({@code c}reate, {@code r}ead, {@code u}pdate, {@code d}elete,
 * {@code s}earch per resource type). This table is the access policy; docs/security.md
 * shows it and a test walks all of it.
 */
public enum Role {

	PHYSICIAN("physician",
			table("Patient crus, AllergyIntolerance crus, MedicationStatement crus, Condition crus, Encounter crus, "
					+ "Location rs, Practitioner rs, Schedule rs, Slot rs, Appointment rs, ServiceRequest crus, "
					+ "Specimen rs, Observation rs, DiagnosticReport rs, ImagingStudy rs, Subscription cruds")),

	NURSE("nurse",
			table("Patient crus, AllergyIntolerance crus, MedicationStatement rs, Condition rs, Encounter crus, "
					+ "Location rs, Practitioner rs, Schedule rs, Slot rs, Appointment rs, ServiceRequest rs, "
					+ "Specimen rus, Observation rs, DiagnosticReport rs, ImagingStudy rs, Subscription cruds")),

	/**
	 * The laboratory technologist: receives specimens, runs the benches, enters results
	 * by hand and verifies them technically.
	 */
	LAB_TECHNOLOGIST("labtech",
			table("Patient rs, Encounter rs, Location rs, Practitioner rs, Schedule rs, Slot rs, Appointment rus, "
					+ "ServiceRequest rs, Specimen crus, Observation crus, DiagnosticReport rs, Subscription cruds")),

	/**
	 * The clinical biologist: what the technologist does, and the medical release of
	 * results (and their correction after release).
	 */
	LAB_SPECIALIST("labmed",
			table("Patient rs, Encounter rs, Location rs, Practitioner rs, ServiceRequest rs, Specimen crus, "
					+ "Observation crus, DiagnosticReport rs, Subscription cruds")),

	RADIOLOGIST("radiologist",
			table("Patient rs, AllergyIntolerance rs, MedicationStatement rs, Condition rs, Encounter rs, Location rs, "
					+ "Practitioner rs, Schedule rs, Slot rs, Appointment rs, ServiceRequest rs, Observation rs, "
					+ "DiagnosticReport crus, ImagingStudy rs, Subscription cruds")),

	/**
	 * The radiographer: performs imaging procedures, so reads imaging orders and updates
	 * their steps (the worklist).
	 */
	RADIOGRAPHER("radiographer", table(
			"Patient rs, AllergyIntolerance rs, Encounter rs, Location rs, Practitioner rs, Schedule rs, Slot rs, "
					+ "Appointment rus, ServiceRequest rus, ImagingStudy crs, Subscription cruds")),

	SCHEDULER("scheduler",
			table("Patient crus, Encounter rs, Location rs, Practitioner rs, Schedule rs, Slot crus, Appointment crus, "
					+ "Subscription cruds")),

	ADMIN("admin", table("Location crus, Practitioner crus, Schedule crus, Slot rs")),

	AUDITOR("auditor", table("AuditEvent rs, Practitioner rs")),

	/**
	 * The privacy officer: flags patients' records as restricted, reviews every
	 * break-the-glass access and answers a patient's "who looked at my record" request
	 * from the audit log. Reads the log; no clinical data, no clinical writes.
	 */
	PRIVACY_OFFICER("privacy", table("AuditEvent rs, Practitioner rs")),

	/**
	 * The IT team that keeps the hospital running: declares and manages incidents, reads
	 * the server's metrics. Holds no scope on any resource, patient data included.
	 */
	IT_OPERATIONS("itops", Map.of()),

	/**
	 * Interfaces, downtime nodes and bulk-export clients: read everything clinical,
	 * follow the change feed, find the groups (wards, departments) a bulk export takes.
	 */
	SYSTEM("interface",
			table("Patient rs, AllergyIntolerance rs, MedicationStatement rs, Condition rs, Encounter rs, Location rs, "
					+ "Practitioner rs, ChangeFeed rs, Schedule rs, Slot rs, Appointment rs, ServiceRequest rs, "
					+ "Specimen rs, Observation rs, DiagnosticReport rs, ImagingStudy crs, Subscription cruds, Group rs"));

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
	 * Whether the role verifies laboratory results technically (before a clinical
	 * biologist releases them): technologists and clinical biologists.
	 */
	public boolean verifiesLabResults() {
		return this == LAB_TECHNOLOGIST || this == LAB_SPECIALIST;
	}

	/**
	 * Whether the role releases laboratory results to the chart, and corrects released
	 * ones: the clinical biologist only.
	 */
	public boolean releasesLabResults() {
		return this == LAB_SPECIALIST;
	}

	/**
	 * Whether the role receives and acknowledges critical-value alerts: physicians (the
	 * ordering one, everyone once escalated) and the nurses of the patient's ward.
	 */
	public boolean acknowledgesCriticalResults() {
		return this == PHYSICIAN || this == NURSE;
	}

	/**
	 * Whether the role watches the HL7 interfaces (the interface monitor, with the raw
	 * messages, and the re-processing of quarantined ones): the laboratory's
	 * technologists and clinical biologists, and the IT team. Every view of a raw message
	 * is audited.
	 */
	public boolean monitorsInterfaces() {
		return this == LAB_TECHNOLOGIST || this == LAB_SPECIALIST || this == IT_OPERATIONS;
	}

	/**
	 * Whether the role performs imaging procedures: the radiographers' worklist page, and
	 * starting and completing steps by hand where a modality sends no MPPS.
	 */
	public boolean performsImaging() {
		return this == RADIOGRAPHER;
	}

	/**
	 * Whether the role resolves the PACS quarantine (studies whose objects match no order
	 * or another patient): radiographers, the IT team and administrators.
	 */
	public boolean resolvesImagingQuarantine() {
		return this == RADIOGRAPHER || this == IT_OPERATIONS || this == ADMIN;
	}

	/**
	 * Whether the role manages the DICOM peers (who may call the server's AE, what each
	 * may do, where C-MOVE sends): the IT team and administrators.
	 */
	public boolean managesDicomPeers() {
		return this == IT_OPERATIONS || this == ADMIN;
	}

	/**
	 * Whether the role works on patients' privacy: restricts records, reviews emergency
	 * (break-the-glass) accesses and reports who looked at a record.
	 */
	public boolean reviewsPrivacy() {
		return this == PRIVACY_OFFICER;
	}

	/**
	 * Whether the role may flag a patient's record as restricted or lift the flag: the
	 * privacy officer (a VIP, a member of staff, on request) and physicians (a sensitive
	 * record: psychiatry, HIV, sexual health), who must be able to read the record.
	 */
	public boolean restrictsRecords() {
		return this == PRIVACY_OFFICER || this == PHYSICIAN;
	}

	/**
	 * Whether the role is bound by restricted records: every signed-in person whose role
	 * reads patient data. System accounts (interfaces, downtime nodes) must file results
	 * for every patient and keep a full copy for downtime, so they are not.
	 */
	public boolean boundByRestrictions() {
		return this != SYSTEM;
	}

	/**
	 * Whether the role's accounts are the most powerful: they sign in with a second
	 * factor ({@link SecondFactorService}), and creating or re-enabling one, or resetting
	 * its password or second factor, takes two administrators
	 * ({@link StaffApprovalService}). Administrators manage accounts; auditors read who
	 * opened every record; privacy officers open restricted records' access reports and
	 * judge emergency accesses.
	 */
	public boolean privileged() {
		return this == ADMIN || this == AUDITOR || this == PRIVACY_OFFICER;
	}

	public boolean allows(String resourceType, Interaction interaction) {
		String letters = permissions.get(resourceType);
		return letters != null && letters.indexOf(interaction.letter()) >= 0;
	}

	/** Reads {@code "Patient crus, Location rs"} into resource type → letters. */
	private static Map<String, String> table(String cells) {
		Map<String, String> table = new LinkedHashMap<>();
		for (String cell : cells.split(",")) {
			String[] parts = cell.strip().split(" ");
			table.put(parts[0], parts[1]);
		}
		return Collections.unmodifiableMap(table);
	}

}

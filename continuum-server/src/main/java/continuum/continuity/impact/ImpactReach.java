package continuum.continuity.impact;

import java.util.Collection;
import java.util.Set;

/**
 * What an outage of a component keeps from working, as far as the impact analysis can
 * count it. Without patient management, ADT, scheduling or the database nobody can check
 * a patient in or see the day's list, so every appointment of the window is hit; without
 * the database or a notification gateway, patients' messages wait. Other components (a
 * downtime node, later an HL7 link or a DICOM peer) hit neither.
 */
enum ImpactReach {

	APPOINTMENTS, MESSAGES;

	private static final Set<String> APPOINTMENT_COMPONENTS = Set.of("patient-management", "adt", "scheduling",
			"database");

	private static final Set<String> MESSAGE_COMPONENTS = Set.of("database", "smtp-gateway", "sms-gateway");

	/** Whether an outage of these components has this reach. */
	boolean of(Collection<String> components) {
		Set<String> hitting = this == APPOINTMENTS ? APPOINTMENT_COMPONENTS : MESSAGE_COMPONENTS;
		return components.stream().anyMatch(hitting::contains);
	}

}

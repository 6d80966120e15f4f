package continuum.lab.hl7;

import java.time.format.DateTimeFormatter;
import java.util.List;

import continuum.lab.LabOrder;
import continuum.lab.LabTest;
import continuum.lab.OrderStatus;
import continuum.lab.Specimen;
import continuum.lab.SpecimenStatus;
import continuum.patients.Gender;
import continuum.patients.PatientSummary;
import org.jspecify.annotations.Nullable;

/**
 * The segments that describe a work order in the laboratory's messages (HL7 v2.5.1
 * chapters 3, 4, 7 and 13; IHE LAB TF-2 §3): PID, then per item ORC, TQ1 and OBR, and per
 * specimen SPM and SAC. OML^O21 and RSP^K11 share them.
 */
final class WorkOrderSegments {

	/** The assigning authority and namespace of our identifiers (CX-4, EI-2). */
	static final String NAMESPACE = "CONTINUUM";

	private static final DateTimeFormatter DATE = DateTimeFormatter.BASIC_ISO_DATE;

	private WorkOrderSegments() {
	}

	/** PID: MRN as a CX of type MR, name, birth date, administrative sex (table 0001). */
	static void pid(Er7 message, PatientSummary patient) {
		message.segment("PID", "1", "", Er7.comp(patient.mrn(), "", "", NAMESPACE, "MR"), "",
				Er7.comp(patient.family(), patient.given()), "",
				patient.birthDate() == null ? "" : DATE.format(patient.birthDate()), sex(patient.gender()));
	}

	/**
	 * ORC, TQ1 and OBR of one item: order control (table 0119: NW new, CA cancel, SC
	 * status changed), placer/filler/group numbers, status (table 0038), priority (table
	 * 0485), the orderable's LOINC code, the clinical note and the ordering user.
	 */
	static void item(Er7 message, int setId, LabOrder order, LabOrder.Item item, String control) {
		String placer = Er7.comp(item.placerNumber(), NAMESPACE);
		String filler = item.fillerNumber() == null ? "" : Er7.comp(item.fillerNumber(), "LAB");
		String provider = Er7.comp(order.orderedBy());
		message.segment("ORC", control, placer, filler, Er7.comp(order.placerNumber(), NAMESPACE),
				orderStatus(item, order, control), "", "", "", Er7.dtm(item.updatedAt()), "", "", provider);
		message.segment("TQ1", "1", "", "", "", "", "", Er7.dtm(order.orderedAt()), "", order.priority().hl7Code());
		message.segment("OBR", String.valueOf(setId), placer, filler,
				Er7.comp(item.orderable().code(), item.orderable().name(), "LN"), "", "", collected(order, item), "",
				"", "", "", "", Er7.esc(order.clinicalNote()), "", "", provider);
	}

	/**
	 * SPM and SAC of a specimen: accession number (SPM-2, SAC-3), type (table 0487),
	 * collection and receipt times, availability, rejection reason (table 0490) and
	 * condition (table 0493), container.
	 */
	static void specimen(Er7 message, int setId, Specimen specimen) {
		boolean rejected = specimen.status() == SpecimenStatus.REJECTED;
		var condition = specimen.condition();
		String reject = rejected && condition != null && condition.hl7Rejection() != null
				? Er7.comp(condition.hl7Rejection(), specimen.rejectionReason(), "HL70490") : "";
		String state = condition != null && condition.hl7Condition() != null
				? Er7.comp(condition.hl7Condition(), condition.label(), "HL70493") : "";
		message.segment("SPM", String.valueOf(setId), Er7.comp(specimen.accession()), "",
				Er7.comp(specimen.specimenType(), "", "HL70487"), "", "", "", "", "", "", "", "", "", "", "", "",
				Er7.dtm(specimen.collectedAt()), Er7.dtm(specimen.receivedAt()), "",
				specimen.status() == SpecimenStatus.RECEIVED ? "Y" : rejected ? "N" : "", reject, "", "", state, "", "",
				Er7.comp("", specimen.container()));
		message.segment("SAC", "", "", Er7.comp(specimen.accession()));
	}

	/** The specimens of the order that carry the item, rejected ones included. */
	static List<Specimen> specimensOf(LabOrder order, LabOrder.Item item) {
		return order.specimens().stream().filter(s -> s.items().contains(item.id())).toList();
	}

	/** The tests of the item that a specimen's container is for. */
	static List<LabTest> testsOn(LabOrder.Item item, Specimen specimen) {
		return item.orderable().tests().stream().filter(t -> t.container().equals(specimen.container())).toList();
	}

	private static String orderStatus(LabOrder.Item item, LabOrder order, String control) {
		if ("CA".equals(control) || item.status() == OrderStatus.REVOKED) {
			return "CA";
		}
		if (item.status() == OrderStatus.COMPLETED) {
			return "CM";
		}
		boolean received = specimensOf(order, item).stream().anyMatch(s -> s.status() == SpecimenStatus.RECEIVED);
		return received ? "IP" : "SC";
	}

	private static String collected(LabOrder order, LabOrder.Item item) {
		return specimensOf(order, item).stream()
			.map(Specimen::collectedAt)
			.filter(java.util.Objects::nonNull)
			.findFirst()
			.map(Er7::dtm)
			.orElse("");
	}

	private static String sex(@Nullable Gender gender) {
		if (gender == null) {
			return "U";
		}
		return switch (gender) {
			case MALE -> "M";
			case FEMALE -> "F";
			case OTHER -> "O";
			case UNKNOWN -> "U";
		};
	}

}

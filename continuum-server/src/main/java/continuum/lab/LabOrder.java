package continuum.lab;

import java.time.Instant;
import java.util.List;

import continuum.patients.PatientId;
import org.jspecify.annotations.Nullable;

/**
 * A laboratory requisition: its placer number (HL7 ORC-4), the patient, who ordered it
 * and how urgently, its items (one per orderable, each a FHIR ServiceRequest) and the
 * specimens drawn for it.
 */
public record LabOrder(LabOrderId id, String placerNumber, PatientId patient, Priority priority, OrderStatus status,
		String orderedBy, @Nullable String clinicalNote, Instant orderedAt, @Nullable String cancelReason,
		List<Item> items, List<Specimen> specimens, int version, Instant updatedAt) {

	/**
	 * One orderable of the requisition: placer number ORC-2, filler number ORC-3 (once
	 * the laboratory has received a specimen for it).
	 */
	public record Item(LabItemId id, LabOrderId order, Orderable orderable, String placerNumber,
			@Nullable String fillerNumber, OrderStatus status, Instant updatedAt) {
	}

	public Item item(LabItemId id) {
		return items.stream().filter(i -> i.id().equals(id)).findFirst().orElseThrow();
	}

}

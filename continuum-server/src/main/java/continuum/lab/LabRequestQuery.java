package continuum.lab;

import java.time.Instant;
import java.util.Set;

import continuum.fhir.SearchControls;
import continuum.patients.PatientId;
import org.jspecify.annotations.Nullable;

/**
 * Which order items to find: any criterion left null (or an empty set) does not narrow.
 * Times are half-open ranges, {@code from} inclusive and {@code until} exclusive;
 * authored is when the order was placed, updated the item's last change.
 * {@code requisition} is the order's placer number; {@code itemNumber} an item's own
 * placer or filler number (ORC-2/ORC-3), as {@code itemNumberKind} says ({@code null}:
 * either). {@code controls} carry the parameters every FHIR type has.
 */
public record LabRequestQuery(@Nullable PatientId patient, @Nullable String orderableCode, Set<OrderStatus> statuses,
		@Nullable Instant authoredFrom, @Nullable Instant authoredUntil, @Nullable Instant updatedFrom,
		@Nullable Instant updatedUntil, @Nullable String requisition, @Nullable String itemNumber,
		@Nullable ItemNumber itemNumberKind, int limit, int offset, SearchControls controls) {

	public LabRequestQuery(@Nullable PatientId patient, @Nullable String orderableCode, Set<OrderStatus> statuses,
			@Nullable Instant authoredFrom, @Nullable Instant authoredUntil, @Nullable Instant updatedFrom,
			@Nullable Instant updatedUntil, @Nullable String requisition, @Nullable String itemNumber,
			@Nullable ItemNumber itemNumberKind, int limit, int offset) {
		this(patient, orderableCode, statuses, authoredFrom, authoredUntil, updatedFrom, updatedUntil, requisition,
				itemNumber, itemNumberKind, limit, offset, SearchControls.NONE);
	}

	/** Which of an item's numbers {@code itemNumber} is. */
	public enum ItemNumber {

		PLACER, FILLER

	}

	public LabRequestQuery {
		statuses = Set.copyOf(statuses);
	}

}

package continuum.adt;

import java.util.List;

import continuum.patients.AllergyStatus;
import org.jspecify.annotations.Nullable;

/** Every bed of a ward, in room order, with its occupant if any. */
public record WardCensus(Ward ward, List<Line> lines) {

	public WardCensus {
		lines = List.copyOf(lines);
	}

	public long occupied() {
		return lines.stream().filter(l -> l.occupant() != null).count();
	}

	/**
	 * One bed of the census, with its occupant's allergy status (null for a free bed, or
	 * for a role that may not see allergies).
	 */
	public record Line(BedLocation bed, @Nullable Occupant occupant, @Nullable AllergyStatus allergies) {

	}

}

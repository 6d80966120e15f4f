package continuum.adt;

import java.util.List;

import continuum.patients.Allergy;
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
	 * One bed of the census, with its occupant's allergies that hold now (empty for a
	 * free bed, or for a role that may not see allergies).
	 */
	public record Line(BedLocation bed, @Nullable Occupant occupant, List<Allergy> allergies) {

		public Line {
			allergies = List.copyOf(allergies);
		}

		/** Whether an allergy of high criticality holds: the census marks it. */
		public boolean highRisk() {
			return allergies.stream().anyMatch(Allergy::isHighRisk);
		}

	}

}

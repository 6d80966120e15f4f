package continuum.adt;

/**
 * A ward with its bed counts: all beds, beds that can take a patient, and beds that hold
 * one.
 */
public record WardOccupancy(Ward ward, int beds, int operational, int occupied) {

	public int free() {
		return Math.max(0, operational - occupied);
	}

}

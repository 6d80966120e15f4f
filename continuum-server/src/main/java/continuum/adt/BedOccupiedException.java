package continuum.adt;

import continuum.platform.ConflictException;

/**
 * Thrown when a patient is to be put in a bed that already holds one (also when another
 * request just took it).
 */
public class BedOccupiedException extends ConflictException {

	private final BedId bed;

	public BedOccupiedException(BedId bed, String bedCode) {
		super("Bed " + bedCode + " (id " + bed + ") is occupied");
		this.bed = bed;
	}

	public BedId bed() {
		return bed;
	}

}

package continuum.adt;

/** A bed with the room and ward it stands in. */
public record BedLocation(BedId id, String code, BedStatus status, long roomId, String roomCode, long wardId,
		String wardCode, String wardName) {

	/** How staff name the place: ward, room and bed. */
	public String label() {
		return wardName + " · room " + roomCode + " · bed " + code;
	}

}

package continuum.bulkdata;

/**
 * A client asked for another export while it has as many running as it may: the kick-off
 * is answered 429 with a {@code Retry-After} (Bulk Data Access IG, "Bulk Data Kick-off
 * Request").
 */
public class TooManyExportsException extends RuntimeException {

	public TooManyExportsException(String clientId, int maximum) {
		super("Client " + clientId + " has " + maximum + " bulk exports running, as many as it may; "
				+ "try again when one has finished, or cancel one");
	}

}

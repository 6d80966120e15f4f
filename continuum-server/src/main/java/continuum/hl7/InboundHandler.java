package continuum.hl7;

import java.util.Set;

import ca.uhn.hl7v2.model.Message;
import org.jspecify.annotations.Nullable;

/**
 * A module's processing of inbound messages of some types (one bean per handler). The hl7
 * module calls it inside the transaction that stores the message, behind a savepoint, as
 * the server itself (no user's role applies).
 */
public interface InboundHandler {

	/** MSH-9 types handled, as "ORU^R01", "OUL^R22", "QBP^Q11". */
	Set<String> messageTypes();

	/**
	 * Processes the message inside the transaction that stores it. Returns the response
	 * to send (e.g. an RSP^K11 for a query), or null to let the hl7 module build the
	 * acknowledgement. Throws {@link Hl7ApplicationException} for an application error (→
	 * AE/AR + ERR, message quarantined). The patient the message is about is reported
	 * with {@link InboundMessage#reportPatient(String)}.
	 */
	@Nullable Message handle(InboundMessage message);

	/**
	 * The application acknowledgement of a message this handler refused, in the reply
	 * type its standard names (an ORI^O24 for an OMI^O23), or null (the default) for the
	 * hl7 module's ACK. Called after the handler's work was rolled back, in the same
	 * transaction and as the server itself; {@code error} is what {@link #handle} threw
	 * (code 207 when it failed otherwise). The reply's MSA and ERR are the hl7 module's:
	 * they are written over whatever the handler put there, as in every acknowledgement.
	 */
	default @Nullable Message errorResponse(InboundMessage message, Hl7ApplicationException error) {
		return null;
	}

}

package continuum.hl7;

import java.sql.SQLException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.model.Segment;
import ca.uhn.hl7v2.model.v251.message.ACK;
import continuum.audit.AuditAction;
import continuum.audit.AuditEntry;
import continuum.audit.AuditService;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.test.context.TestComponent;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.annotation.Transactional;

/**
 * Takes {@code ZZT^Z01}: writes an audit row ({@code Hl7Test}, the control id) in the
 * transaction it is called in, so a test counts how often a message was processed with
 * effect. ZZT-1 says what to do: {@code OK}, {@code REFUSE} (an application error with
 * its location, AE), {@code REJECT} (AR 204), {@code CRASH} (a bug), {@code DBDOWN} (the
 * database connection lost), {@code RESPOND} (a response of its own); a control id in
 * {@link #refused} is refused until a test removes it. ZZT-2 is the patient reported.
 */
@TestComponent
class TestHandler implements InboundHandler {

	static final Set<String> refused = ConcurrentHashMap.newKeySet();

	private final AuditService audit;

	TestHandler(AuditService audit) {
		this.audit = audit;
	}

	@Override
	public Set<String> messageTypes() {
		return Set.of("ZZT^Z01");
	}

	/**
	 * Transactional as a module's service is: a failure marks the storing transaction
	 * rollback-only, which the savepoint's rollback must undo.
	 */
	@Override
	@Transactional
	public @Nullable Message handle(InboundMessage message) {
		String action;
		String patient;
		try {
			Segment zzt = (Segment) message.parsed().get("ZZT");
			action = zzt.getField(1, 0).encode();
			patient = zzt.getField(2).length > 0 ? zzt.getField(2, 0).encode() : "";
		}
		catch (Exception ex) {
			throw new Hl7ApplicationException(Hl7ErrorCode.REQUIRED_FIELD_MISSING, "ZZT segment missing",
					ErrorLocation.segment("ZZT", 1));
		}
		if (!patient.isEmpty()) {
			message.reportPatient(patient);
		}
		audit.record(AuditEntry.success(AuditAction.CREATE, "Hl7Test", message.controlId(), null));
		if (refused.contains(message.controlId()) || action.equals("REFUSE")) {
			throw new Hl7ApplicationException(Hl7ErrorCode.UNKNOWN_KEY_IDENTIFIER, "Specimen 42 is not known",
					new ErrorLocation("ZZT", 1, 1, 0));
		}
		if (action.equals("REJECT")) {
			throw Hl7ApplicationException.reject(Hl7ErrorCode.UNKNOWN_KEY_IDENTIFIER, "Order cancelled", null)
				.withPatient(patient.isEmpty() ? "none" : patient);
		}
		if (action.equals("CRASH")) {
			throw new IllegalStateException("a bug in a handler");
		}
		if (action.equals("DBDOWN")) {
			throw new CannotGetJdbcConnectionException("the database went away",
					new SQLException("connection refused", "08001"));
		}
		if (action.equals("RESPOND")) {
			try {
				// MSH set by hand: HAPI's initQuickstart draws a control id from a file
				// it
				// writes into the working directory.
				ACK response = new ACK();
				response.getMSH().getFieldSeparator().setValue("|");
				response.getMSH().getEncodingCharacters().setValue("^~\\&");
				response.getMSH().getMessageType().getMessageCode().setValue("ACK");
				response.getMSH().getMessageType().getTriggerEvent().setValue("Z01");
				response.getMSH().getMessageControlID().setValue("R" + message.controlId());
				response.getMSH().getProcessingID().getProcessingID().setValue("P");
				response.getMSH().getVersionID().getVersionID().setValue("2.5.1");
				response.getMSA().getAcknowledgmentCode().setValue("AA");
				response.getMSA().getMessageControlID().setValue(message.controlId());
				response.getMSA().getTextMessage().setValue("answered by the handler");
				return response;
			}
			catch (HL7Exception ex) {
				throw new IllegalStateException(ex);
			}
		}
		return null;
	}

}

package continuum.audit;

import java.io.StringWriter;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

import org.jspecify.annotations.Nullable;

/**
 * One audit row as a DICOM audit message (PS3.15 Annex A.5, the format of IHE ATNA):
 * EventIdentification (EventID from DICOM CID 400 by action and resource,
 * EventActionCode, EventDateTime, EventOutcomeIndicator), the user as the requesting
 * ActiveParticipant and Continuum as the other, AuditSourceIdentification, and
 * ParticipantObjectIdentification for the patient (by MRN, never by name) and for the
 * resource. Written on one line, so a syslog file holds one message per line.
 */
final class AtnaMessage {

	private static final XMLOutputFactory XML = XMLOutputFactory.newFactory();

	private AtnaMessage() {
	}

	/** An EventID, EventTypeCode or other coded value: code, scheme, meaning. */
	record Code(String code, String scheme, String meaning) {
	}

	/** Where the message says it comes from. */
	record Source(String sourceId, @Nullable String site, String host) {
	}

	static final Code USER_AUTHENTICATION = new Code("110114", "DCM", "User Authentication");

	/**
	 * The message of {@code row}; {@code mrn} the patient's MRN when known (else the
	 * patient's id is used).
	 */
	static String of(AuditRecord row, @Nullable String mrn, Source source) {
		StringWriter out = new StringWriter(1024);
		try {
			XMLStreamWriter xml = XML.createXMLStreamWriter(out);
			xml.writeStartElement("AuditMessage");
			xml.writeStartElement("EventIdentification");
			xml.writeAttribute("EventActionCode", actionCode(row));
			xml.writeAttribute("EventDateTime",
					DateTimeFormatter.ISO_INSTANT.format(row.recordedAt().truncatedTo(ChronoUnit.MICROS)));
			xml.writeAttribute("EventOutcomeIndicator", outcome(row.outcome()));
			code(xml, "EventID", eventId(row));
			Code type = eventType(row);
			if (type != null) {
				code(xml, "EventTypeCode", type);
			}
			if (row.outcome() != AuditOutcome.SUCCESS && row.detail() != null) {
				element(xml, "EventOutcomeDescription", row.detail());
			}
			xml.writeEndElement();

			xml.writeStartElement("ActiveParticipant");
			xml.writeAttribute("UserID", row.username());
			xml.writeAttribute("UserIsRequestor", "true");
			if (row.address() != null) {
				xml.writeAttribute("NetworkAccessPointID", row.address());
				xml.writeAttribute("NetworkAccessPointTypeCode", isIpAddress(row.address()) ? "2" : "1");
			}
			if (row.role() != null) {
				code(xml, "RoleIDCode", new Code(row.role(), "Continuum role", row.role()));
			}
			xml.writeEndElement();

			xml.writeStartElement("ActiveParticipant");
			xml.writeAttribute("UserID", source.sourceId());
			xml.writeAttribute("UserIsRequestor", "false");
			xml.writeAttribute("NetworkAccessPointID", source.host());
			xml.writeAttribute("NetworkAccessPointTypeCode", "1");
			code(xml, "RoleIDCode", new Code("110153", "DCM", "Source Role ID"));
			xml.writeEndElement();

			xml.writeStartElement("AuditSourceIdentification");
			if (source.site() != null) {
				xml.writeAttribute("AuditEnterpriseSiteID", source.site());
			}
			xml.writeAttribute("AuditSourceID", source.sourceId());
			code(xml, "AuditSourceTypeCode", new Code("4", "DCM", "Application Server"));
			xml.writeEndElement();

			if (row.patientId() != null) {
				xml.writeStartElement("ParticipantObjectIdentification");
				xml.writeAttribute("ParticipantObjectID", mrn != null ? mrn : row.patientId());
				xml.writeAttribute("ParticipantObjectTypeCode", "1");
				xml.writeAttribute("ParticipantObjectTypeCodeRole", "1");
				code(xml, "ParticipantObjectIDTypeCode", new Code("2", "RFC-3881", "Patient Number"));
				xml.writeEndElement();
			}
			if (!"Patient".equals(row.resourceType()) || row.patientId() == null) {
				xml.writeStartElement("ParticipantObjectIdentification");
				xml.writeAttribute("ParticipantObjectID",
						row.resourceType() + (row.resourceId() == null ? "" : "/" + row.resourceId()));
				xml.writeAttribute("ParticipantObjectTypeCode", "2");
				xml.writeAttribute("ParticipantObjectTypeCodeRole", "3");
				code(xml, "ParticipantObjectIDTypeCode", new Code("12", "RFC-3881", "URI"));
				xml.writeEndElement();
			}
			xml.writeEndElement();
			xml.close();
		}
		catch (XMLStreamException ex) {
			throw new IllegalStateException("The audit message of row " + row.id() + " could not be written", ex);
		}
		return out.toString();
	}

	/**
	 * DICOM CID 400 (Audit Event ID) for what the row records: sign-in, sign-out and
	 * tokens are User Authentication; the audit log's own use (reads, searches,
	 * verification) Audit Log Used; staff accounts Security Alert; a search Query; an
	 * export Export; orders Order Record; procedures Procedure Record; anything else
	 * about a patient Patient Record; the rest Application Activity.
	 */
	static Code eventId(AuditRecord row) {
		return switch (row.action()) {
			case LOGIN, LOGOUT, TOKEN -> USER_AUTHENTICATION;
			default -> switch (row.resourceType()) {
				case "AuditEvent" -> new Code("110101", "DCM", "Audit Log Used");
				case "StaffAccount" -> new Code("110113", "DCM", "Security Alert");
				default -> switch (row.action()) {
					case SEARCH -> new Code("110112", "DCM", "Query");
					case EXPORT -> new Code("110106", "DCM", "Export");
					default -> switch (row.resourceType()) {
						case "ServiceRequest" -> new Code("110109", "DCM", "Order Record");
						case "Procedure", "ImagingStudy" -> new Code("110111", "DCM", "Procedure Record");
						default -> row.patientId() != null || "Patient".equals(row.resourceType())
								? new Code("110110", "DCM", "Patient Record")
								: new Code("110100", "DCM", "Application Activity");
					};
				};
			};
		};
	}

	/** DICOM CID 401 (Audit Event Type Code), where one applies. */
	static @Nullable Code eventType(AuditRecord row) {
		return switch (row.action()) {
			case LOGIN, TOKEN -> new Code("110122", "DCM", "Login");
			case LOGOUT -> new Code("110123", "DCM", "Logout");
			default -> "StaffAccount".equals(row.resourceType())
					? new Code("110137", "DCM", "User Security Attributes Changed") : null;
		};
	}

	/** C, R, U, D or E (PS3.15 A.5.3.1). */
	static String actionCode(AuditRecord row) {
		return switch (row.action()) {
			case CREATE -> "C";
			case READ, EXPORT -> "R";
			case UPDATE -> "U";
			case DELETE -> "D";
			default -> "E";
		};
	}

	/** 0 success, 4 minor failure (a refusal), 8 serious failure. */
	static String outcome(AuditOutcome outcome) {
		return switch (outcome) {
			case SUCCESS -> "0";
			case DENIED -> "4";
			case FAILED -> "8";
		};
	}

	private static boolean isIpAddress(String address) {
		return address.matches("[0-9.]+") || address.contains(":");
	}

	private static void code(XMLStreamWriter xml, String element, Code code) throws XMLStreamException {
		xml.writeEmptyElement(element);
		xml.writeAttribute("csd-code", code.code());
		xml.writeAttribute("codeSystemName", code.scheme());
		xml.writeAttribute("originalText", code.meaning());
	}

	private static void element(XMLStreamWriter xml, String element, String text) throws XMLStreamException {
		xml.writeStartElement(element);
		xml.writeCharacters(text);
		xml.writeEndElement();
	}

}

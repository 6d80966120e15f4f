package continuum.imaging.hl7;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.model.Segment;
import ca.uhn.hl7v2.model.v251.datatype.CE;
import ca.uhn.hl7v2.model.v251.datatype.EI;
import ca.uhn.hl7v2.model.v251.datatype.TQ;
import ca.uhn.hl7v2.model.v251.group.ORI_O24_ORDER;
import ca.uhn.hl7v2.model.v251.group.ORR_O02_ORDER;
import ca.uhn.hl7v2.model.v251.message.ORI_O24;
import ca.uhn.hl7v2.model.v251.message.ORR_O02;
import ca.uhn.hl7v2.model.v251.segment.IPC;
import ca.uhn.hl7v2.model.v251.segment.MSA;
import ca.uhn.hl7v2.model.v251.segment.MSH;
import ca.uhn.hl7v2.model.v251.segment.OBR;
import ca.uhn.hl7v2.model.v251.segment.ORC;
import ca.uhn.hl7v2.model.v251.segment.PID;
import ca.uhn.hl7v2.model.v251.segment.TQ1;
import ca.uhn.hl7v2.parser.CanonicalModelClassFactory;
import ca.uhn.hl7v2.util.Terser;
import ca.uhn.hl7v2.validation.impl.ValidationContextFactory;
import continuum.hl7.InboundMessage;
import continuum.imaging.ImagingOrder;
import continuum.imaging.ImagingOrderStatus;
import continuum.imaging.ProcedureStatus;
import continuum.imaging.ProcedureStep;
import continuum.imaging.RequestedProcedure;
import continuum.patients.PatientId;
import continuum.patients.PatientService;
import continuum.patients.PatientSummary;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * The Order Filler's application acknowledgement of a placer's order message, built with
 * HAPI's v2.5.1 structures: ORI^O24 for OMI^O23 (§4.4.9: MSA, PID, and per order ORC,
 * TQ1, OBR and one IPC per scheduled step with Accession Number, Requested Procedure ID,
 * Study Instance UID, SPS ID, modality, station name and AE title) and ORR^O02 for
 * ORM^O01 (§4.4.2: MSA, PID, per order ORC and OBR with the identifiers where IHE RAD
 * TF-2 puts them for ORM, RAD-4/RAD-13: OBR-18 Accession Number, OBR-19 Requested
 * Procedure ID, OBR-20 SPS ID, OBR-24 modality, and the ZDS segment, ZDS-1 the Study
 * Instance UID). ORC-2 is the placer's number, ORC-3 ours (the order's id, namespace
 * {@code CONTINUUM}), ORC-5 the order status (table 0038: SC, IP, CM, CA). An ORI's order
 * group needs its IPC, so a refused order we hold nothing of (UA of a new order, an
 * unknown order) is told only by MSA and ERR there; an ORR echoes it with its ORC.
 */
@Component
class OrderReplies {

	/** The filler application: the namespace of ORC-3/OBR-3, ZDS-1's application. */
	static final String FILLER = "CONTINUUM";

	private static final ZoneId ZONE = ZoneId.of("Europe/Brussels");

	private static final DateTimeFormatter DTM = DateTimeFormatter.ofPattern("yyyyMMddHHmmssZ");

	private static final DateTimeFormatter MESSAGE_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss.SSSZ");

	/**
	 * One order of the message and its answer (table 0119); the order when we hold it.
	 */
	record Answer(Segments.Segment orc, Segments.@Nullable Segment obr, String control, @Nullable ImagingOrder order) {
	}

	private final PatientService patients;

	private final Clock clock;

	private final HapiContext hapi;

	private final AtomicLong sequence = new AtomicLong();

	private final String prefix;

	OrderReplies(PatientService patients, Clock clock) {
		this.patients = patients;
		this.clock = clock;
		this.hapi = new DefaultHapiContext();
		this.hapi.setModelClassFactory(new CanonicalModelClassFactory("2.5.1"));
		this.hapi.setValidationContext(ValidationContextFactory.noValidation());
		this.prefix = "I" + Long.toString(clock.millis(), 36).toUpperCase(Locale.ROOT) + "-";
	}

	/**
	 * The reply to the message: AA when {@code accepted}, else AE (the hl7 module writes
	 * the final MSA and ERR of an error reply).
	 */
	Message reply(InboundMessage message, List<Segments.Segment> segments, @Nullable PatientId patient,
			List<Answer> answers, boolean accepted) {
		try {
			PatientSummary summary = patient == null ? null : patients.summaries(List.of(patient)).get(patient);
			return message.type().startsWith("ORM") ? orr(message, segments, summary, answers, accepted)
					: ori(message, segments, summary, answers, accepted);
		}
		catch (HL7Exception ex) {
			throw new IllegalStateException("The reply to HL7 message " + message.id() + " could not be built", ex);
		}
	}

	private Message ori(InboundMessage message, List<Segments.Segment> segments, @Nullable PatientSummary patient,
			List<Answer> answers, boolean accepted) throws HL7Exception {
		ORI_O24 reply = new ORI_O24();
		reply.setParser(hapi.getPipeParser());
		header(reply.getMSH(), segments.get(0), "ORI", "O24");
		acknowledge(reply.getMSA(), message, accepted);
		List<Answer> echoed = answers.stream().filter(a -> a.order() != null).toList();
		if (echoed.isEmpty()) {
			return reply;
		}
		if (patient != null) {
			patient(reply.getRESPONSE().getPATIENT().getPID(), patient);
		}
		for (int i = 0; i < echoed.size(); i++) {
			Answer answer = echoed.get(i);
			ImagingOrder order = answer.order();
			ORI_O24_ORDER group = reply.getRESPONSE().getORDER(i);
			order(group.getORC(), answer);
			ProcedureStep first = order.procedures().get(0).step();
			TQ1 tq1 = group.getTIMING(0).getTQ1();
			tq1.getSetIDTQ1().setValue("1");
			tq1.getStartDateTime().getTime().setValue(dtm(first.start()));
			tq1.getPriority(0).getIdentifier().setValue(order.priority().hl7Code());
			tq1.getPriority(0).getNameOfCodingSystem().setValue("HL70485");
			request(group.getOBR(), i + 1, answer);
			int ipc = 0;
			for (RequestedProcedure procedure : order.procedures()) {
				for (ProcedureStep step : procedure.steps()) {
					imagingControl(group.getIPC(ipc++), procedure, step);
				}
			}
		}
		return reply;
	}

	private Message orr(InboundMessage message, List<Segments.Segment> segments, @Nullable PatientSummary patient,
			List<Answer> answers, boolean accepted) throws HL7Exception {
		ORR_O02 reply = new ORR_O02();
		reply.setParser(hapi.getPipeParser());
		header(reply.getMSH(), segments.get(0), "ORR", "O02");
		acknowledge(reply.getMSA(), message, accepted);
		if (answers.isEmpty()) {
			return reply;
		}
		if (patient != null) {
			patient(reply.getRESPONSE().getPATIENT().getPID(), patient);
		}
		for (int i = 0; i < answers.size(); i++) {
			Answer answer = answers.get(i);
			ORR_O02_ORDER group = reply.getRESPONSE().getORDER(i);
			order(group.getORC(), answer);
			OBR obr = group.getOBR();
			request(obr, i + 1, answer);
			ImagingOrder order = answer.order();
			if (order == null) {
				continue;
			}
			RequestedProcedure procedure = order.procedures().get(0);
			ProcedureStep step = procedure.step();
			timing(group.getORC().getQuantityTiming(0), step.start(), order);
			timing(obr.getQuantityTiming(0), step.start(), order);
			obr.getPlacerField1().setValue(procedure.accessionNumber());
			obr.getPlacerField2().setValue(procedure.requestedProcedureId());
			obr.getFillerField1().setValue(step.stepId());
			obr.getDiagnosticServSectID().setValue(step.modality());
			Segment zds = (Segment) group.get(group.addNonstandardSegment("ZDS"));
			Terser.set(zds, 1, 0, 1, 1, procedure.studyInstanceUid());
			Terser.set(zds, 1, 0, 2, 1, FILLER);
			Terser.set(zds, 1, 0, 3, 1, "Application");
			Terser.set(zds, 1, 0, 4, 1, "DICOM");
		}
		return reply;
	}

	/** MSH answering the sender: MSH-3/4 and MSH-5/6 swapped, as the ACKs do. */
	private void header(MSH msh, Segments.Segment received, String code, String event) throws HL7Exception {
		msh.getFieldSeparator().setValue("|");
		msh.getEncodingCharacters().setValue("^~\\&");
		msh.getSendingApplication().getNamespaceID().setValue(received.component(5, 1));
		msh.getSendingFacility().getNamespaceID().setValue(received.component(6, 1));
		msh.getReceivingApplication().getNamespaceID().setValue(received.component(3, 1));
		msh.getReceivingFacility().getNamespaceID().setValue(received.component(4, 1));
		msh.getDateTimeOfMessage().getTime().setValue(MESSAGE_TIME.format(clock.instant().atZone(ZONE)));
		msh.getMessageType().getMessageCode().setValue(code);
		msh.getMessageType().getTriggerEvent().setValue(event);
		msh.getMessageType().getMessageStructure().setValue(code + "_" + event);
		msh.getMessageControlID().setValue(prefix + sequence.incrementAndGet());
		String processing = received.component(11, 1);
		msh.getProcessingID().getProcessingID().setValue(processing.matches("[DPT]") ? processing : "P");
		msh.getVersionID().getVersionID().setValue("2.5.1");
		if (!received.component(18, 1).isEmpty()) {
			msh.getCharacterSet(0).setValue(received.component(18, 1));
		}
	}

	private static void acknowledge(MSA msa, InboundMessage message, boolean accepted) throws HL7Exception {
		msa.getAcknowledgmentCode().setValue(accepted ? "AA" : "AE");
		msa.getMessageControlID().setValue(message.controlId());
	}

	/** PID as we hold the patient: MRN, name, birth date, sex (table 0001). */
	private static void patient(PID pid, PatientSummary patient) throws HL7Exception {
		pid.getSetIDPID().setValue("1");
		pid.getPatientIdentifierList(0).getIDNumber().setValue(patient.mrn());
		pid.getPatientIdentifierList(0).getAssigningAuthority().getNamespaceID().setValue(FILLER);
		pid.getPatientIdentifierList(0).getIdentifierTypeCode().setValue("MR");
		pid.getPatientName(0).getFamilyName().getSurname().setValue(patient.family());
		pid.getPatientName(0).getGivenName().setValue(patient.given());
		if (patient.birthDate() != null) {
			pid.getDateTimeOfBirth().getTime().setValue(DateTimeFormatter.BASIC_ISO_DATE.format(patient.birthDate()));
		}
		pid.getAdministrativeSex().setValue(switch (patient.gender()) {
			case MALE -> "M";
			case FEMALE -> "F";
			case OTHER -> "O";
			default -> "U";
		});
	}

	private void order(ORC orc, Answer answer) throws HL7Exception {
		orc.getOrderControl().setValue(answer.control());
		placerNumber(orc.getPlacerOrderNumber(), answer);
		ImagingOrder order = answer.order();
		if (order != null) {
			fillerNumber(orc.getFillerOrderNumber(), order);
			orc.getOrderStatus().setValue(status(order));
		}
		orc.getDateTimeOfTransaction().getTime().setValue(dtm(clock.instant()));
	}

	/**
	 * OBR: the placer's and our numbers, the procedure (ours, or as the placer sent it).
	 */
	private static void request(OBR obr, int setId, Answer answer) throws HL7Exception {
		obr.getSetIDOBR().setValue(String.valueOf(setId));
		placerNumber(obr.getPlacerOrderNumber(), answer);
		CE service = obr.getUniversalServiceIdentifier();
		ImagingOrder order = answer.order();
		if (order != null) {
			fillerNumber(obr.getFillerOrderNumber(), order);
			service.getIdentifier().setValue(order.procedures().get(0).procedure().code());
			service.getText().setValue(order.procedures().get(0).procedure().display());
			service.getNameOfCodingSystem().setValue(order.procedures().get(0).procedure().codingScheme());
		}
		else if (answer.obr() != null) {
			service.getIdentifier().setValue(answer.obr().component(4, 1));
			service.getText().setValue(answer.obr().component(4, 2));
			service.getNameOfCodingSystem().setValue(answer.obr().component(4, 3));
		}
	}

	private static void imagingControl(IPC ipc, RequestedProcedure procedure, ProcedureStep step) throws HL7Exception {
		ipc.getAccessionIdentifier().getEntityIdentifier().setValue(procedure.accessionNumber());
		ipc.getRequestedProcedureID().getEntityIdentifier().setValue(procedure.requestedProcedureId());
		ipc.getStudyInstanceUID().getEntityIdentifier().setValue(procedure.studyInstanceUid());
		ipc.getScheduledProcedureStepID().getEntityIdentifier().setValue(step.stepId());
		ipc.getModality().getIdentifier().setValue(step.modality());
		ipc.getModality().getNameOfCodingSystem().setValue("DCM");
		if (step.stationName() != null) {
			ipc.getScheduledStationName().getEntityIdentifier().setValue(step.stationName());
		}
		if (step.stationAeTitle() != null) {
			ipc.getScheduledAETitle().setValue(step.stationAeTitle());
		}
	}

	private static void timing(TQ tq, Instant start, ImagingOrder order) throws HL7Exception {
		tq.getStartDateTime().getTime().setValue(dtm(start));
		tq.getPriority().setValue(order.priority().hl7Code());
	}

	/** ORC-2/OBR-2: the placer's number in its application's namespace. */
	private static void placerNumber(EI number, Answer answer) throws HL7Exception {
		ImagingOrder order = answer.order();
		if (order != null) {
			number.getEntityIdentifier().setValue(order.placerNumber());
			number.getNamespaceID().setValue(order.placerApplication());
			return;
		}
		number.getEntityIdentifier().setValue(answer.orc().component(2, 1));
		number.getNamespaceID().setValue(answer.orc().component(2, 2));
	}

	private static void fillerNumber(EI number, ImagingOrder order) throws HL7Exception {
		number.getEntityIdentifier().setValue(order.id().asString());
		number.getNamespaceID().setValue(FILLER);
	}

	/** ORC-5, table 0038. */
	private static String status(ImagingOrder order) {
		if (order.status() == ImagingOrderStatus.REVOKED) {
			return "CA";
		}
		if (order.status() == ImagingOrderStatus.COMPLETED) {
			return "CM";
		}
		return order.procedures().stream().anyMatch(p -> p.status() == ProcedureStatus.IN_PROGRESS) ? "IP" : "SC";
	}

	private static String dtm(Instant instant) {
		return DTM.format(instant.atZone(ZONE));
	}

}

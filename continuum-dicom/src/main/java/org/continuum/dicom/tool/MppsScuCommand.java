package org.continuum.dicom.tool;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.continuum.dicom.data.Attributes;
import org.continuum.dicom.data.Tag;
import org.continuum.dicom.data.Uid;
import org.continuum.dicom.data.UidGenerator;
import org.continuum.dicom.data.VR;
import org.continuum.dicom.net.Association;
import org.continuum.dicom.net.AssociationRequest;
import org.continuum.dicom.net.NResponse;
import org.continuum.dicom.net.service.MppsScu;
import org.continuum.dicom.net.service.PerformedProcedureStepStatus;
import org.continuum.dicom.net.service.TransferSyntaxes;

/**
 * {@code mppsscu}: plays a modality against a RIS (PS3.4 §F.7, IHE RAD-6/RAD-7): N-CREATE
 * of a performed procedure step IN PROGRESS from worklist-like keys, then the final
 * N-SET.
 */
final class MppsScuCommand implements Command {

	@Override
	public String name() {
		return "mppsscu";
	}

	@Override
	public String help() {
		return "usage: mppsscu --port PORT [options] -k KEY=VALUE...\n"
				+ "Creates a Modality Performed Procedure Step IN PROGRESS (N-CREATE) from worklist keys, then\n"
				+ "ends it (N-SET).\n\n" + Network.HELP
				+ """
						  -k KEY=VALUE       a worklist key: PatientName, PatientID, StudyInstanceUID, AccessionNumber,
						                     RequestedProcedureID, ScheduledProcedureStepSequence[0].Modality, ... (a new
						                     Study Instance UID when none is given)
						  --uid UID          the step's SOP Instance UID (default: a new one)
						  --pps-id ID        Performed Procedure Step ID (default: from the time)
						  --station AE       Performed Station AE Title (default: --aet)
						  --final STATUS     COMPLETED (default), DISCONTINUED, or NONE to leave it IN PROGRESS
						  --series UID       a Series Instance UID performed, for the Performed Series Sequence (repeatable)
						  --set-only         no N-CREATE: only end the step --uid
						""";
	}

	@Override
	public int run(String[] args) throws Exception {
		Set<String> withValue = new HashSet<>(Network.OPTIONS);
		withValue.addAll(List.of("k", "uid", "pps-id", "station", "final", "series"));
		Options o = new Options(args, withValue, Network.flags("set-only"));
		String finalStatus = o.get("final", "COMPLETED");
		PerformedProcedureStepStatus end = finalStatus.equals("NONE") ? null
				: PerformedProcedureStepStatus.of(finalStatus);
		if (end == null && !finalStatus.equals("NONE") || end == PerformedProcedureStepStatus.IN_PROGRESS) {
			throw new UsageException("--final must be COMPLETED, DISCONTINUED or NONE");
		}
		boolean setOnly = o.has("set-only");
		if (setOnly && (!o.has("uid") || end == null)) {
			throw new UsageException("--set-only needs --uid and a --final status");
		}
		String uid = o.get("uid", UidGenerator.uuidBased().next());
		String aet = o.get("aet", "CONTINUUM");
		var request = new AssociationRequest(aet, o.get("call", "ANY-SCP"))
			.addContext(Uid.MODALITY_PERFORMED_PROCEDURE_STEP, TransferSyntaxes.UNCOMPRESSED.toArray(String[]::new));
		LocalDateTime now = LocalDateTime.now();
		try (Association as = request.connect(o.get("host", "127.0.0.1"), Integer.parseInt(o.require("port")),
				Network.settings(o))) {
			if (!setOnly) {
				Attributes item = worklistItem(o);
				Attributes created = MppsScu.inProgress(item, o.get("station", aet),
						o.get("pps-id", "PPS" + now.format(DateTimeFormatter.ofPattern("HHmmss"))), now);
				if (!print("N-CREATE", uid, as.nCreate(Uid.MODALITY_PERFORMED_PROCEDURE_STEP, uid, created))) {
					return EXIT_STATUS;
				}
			}
			if (end != null) {
				Attributes ended = MppsScu.end(end, LocalDateTime.now(), performedSeries(o));
				if (!print("N-SET " + end.value(), uid, as.nSet(Uid.MODALITY_PERFORMED_PROCEDURE_STEP, uid, ended))) {
					return EXIT_STATUS;
				}
			}
			return EXIT_OK;
		}
	}

	private static Attributes worklistItem(Options o) throws UsageException {
		Attributes item = QueryKeys.parse(o);
		item.remove(Tag.QueryRetrieveLevel);
		if (item.getString(Tag.StudyInstanceUID) == null) {
			item.setString(Tag.StudyInstanceUID, VR.UI, UidGenerator.uuidBased().next());
		}
		return item;
	}

	private static List<Attributes> performedSeries(Options o) {
		List<Attributes> series = new ArrayList<>();
		for (String uid : o.all("series")) {
			Attributes item = new Attributes();
			item.setString(Tag.SeriesInstanceUID, VR.UI, uid);
			item.setString(Tag.SeriesDescription, VR.LO, "");
			item.setString(Tag.ProtocolName, VR.LO, "");
			item.setString(Tag.RetrieveAETitle, VR.AE, "");
			item.newSequence(Tag.ReferencedImageSequence);
			series.add(item);
		}
		return series;
	}

	private static boolean print(String operation, String uid, NResponse rsp) {
		System.out.printf("%s of %s: status 0x%04X%s%n", operation, uid, rsp.status(),
				rsp.errorComment() == null ? "" : " (" + rsp.errorComment() + ")");
		return rsp.performed();
	}

}

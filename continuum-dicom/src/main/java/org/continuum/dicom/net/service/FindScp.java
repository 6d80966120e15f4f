package org.continuum.dicom.net.service;

import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.continuum.dicom.data.Attributes;
import org.continuum.dicom.data.Tag;
import org.continuum.dicom.data.Uid;
import org.continuum.dicom.data.VR;
import org.continuum.dicom.net.Association;
import org.continuum.dicom.net.CommandField;
import org.continuum.dicom.net.Commands;
import org.continuum.dicom.net.DimseMessage;
import org.continuum.dicom.net.DimseService;
import org.continuum.dicom.net.Status;
import org.jspecify.annotations.Nullable;

/**
 * C-FIND SCP for Query/Retrieve (PS3.4 §C.4.1) and Modality Worklist (PS3.4 §K.4.1): one
 * Pending response per match (PS3.7 §9.1.2), then Success; a C-CANCEL-RQ between matches
 * ends it with Cancel (FE00), and a handler that fails ends it with Unable to Process
 * (C001).
 */
public final class FindScp implements DimseService {

	private static final Set<String> DEFAULT_SOP_CLASSES = Set.of(Uid.PATIENT_ROOT_QR_FIND, Uid.STUDY_ROOT_QR_FIND,
			Uid.MODALITY_WORKLIST_FIND);

	private final FindHandler handler;

	private final Set<String> sopClasses;

	public FindScp(FindHandler handler) {
		this(handler, DEFAULT_SOP_CLASSES);
	}

	public FindScp(FindHandler handler, Set<String> sopClasses) {
		this.handler = handler;
		this.sopClasses = Set.copyOf(sopClasses);
	}

	@Override
	public Set<CommandField> commands() {
		return Set.of(CommandField.C_FIND_RQ);
	}

	@Override
	public boolean supports(String abstractSyntax) {
		return sopClasses.contains(abstractSyntax);
	}

	@Override
	public List<String> transferSyntaxes(String abstractSyntax) {
		return TransferSyntaxes.UNCOMPRESSED;
	}

	@Override
	public void onRequest(Association association, DimseMessage request) throws IOException {
		Attributes keys = Identifiers.read(association, request);
		int pc = request.contextId();
		if (keys == null) {
			fail(association, request, Status.CANNOT_UNDERSTAND.code(), "missing or malformed identifier");
			return;
		}
		if (!Uid.MODALITY_WORKLIST_FIND.equals(request.affectedSopClassUid())
				&& keys.getString(Tag.QueryRetrieveLevel) == null) {
			fail(association, request, Status.IDENTIFIER_DOES_NOT_MATCH_SOP_CLASS.code(), "no Query/Retrieve Level");
			return;
		}
		Iterator<Attributes> matches;
		try {
			matches = handler.find(new FindRequest(association.callingAeTitle(), request.affectedSopClassUid(), keys));
		}
		catch (DimseException e) {
			fail(association, request, e.status(), e.getMessage());
			return;
		}
		catch (RuntimeException e) {
			fail(association, request, Status.UNABLE_TO_PROCESS.code(), e.toString());
			return;
		}
		String ts = request.transferSyntax();
		while (true) {
			Attributes match;
			try {
				if (!matches.hasNext()) {
					break;
				}
				match = matches.next();
			}
			catch (RuntimeException e) {
				fail(association, request, Status.UNABLE_TO_PROCESS.code(), e.toString());
				return;
			}
			if (Cancellation.requested(association, request.messageId())) {
				association.send(pc, Commands.response(request.command(), Status.CANCEL.code(), false), null);
				return;
			}
			association.send(pc, Commands.response(request.command(), Status.PENDING.code(), true),
					out -> StoreScu.encode(match, ts, out));
		}
		association.send(pc, Commands.response(request.command(), Status.SUCCESS.code(), false), null);
	}

	static void fail(Association association, DimseMessage request, int status, @Nullable String comment)
			throws IOException {
		Attributes rsp = Commands.response(request.command(), status, false);
		if (comment != null) {
			rsp.setString(Tag.ErrorComment, VR.LO, StoreScp.errorComment(comment));
		}
		association.send(request.contextId(), rsp, null);
	}

}

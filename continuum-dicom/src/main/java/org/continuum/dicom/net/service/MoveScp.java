package org.continuum.dicom.net.service;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.continuum.dicom.data.Attributes;
import org.continuum.dicom.data.Uid;
import org.continuum.dicom.io.TransferSyntax;
import org.continuum.dicom.net.Association;
import org.continuum.dicom.net.AssociationRequest;
import org.continuum.dicom.net.AssociationSettings;
import org.continuum.dicom.net.CommandField;
import org.continuum.dicom.net.DimseMessage;
import org.continuum.dicom.net.DimseService;
import org.continuum.dicom.net.RemoteAe;
import org.continuum.dicom.net.Status;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * C-MOVE SCP (PS3.4 §C.4.2): resolves the Move Destination among the known peers (else
 * A801), opens its own association to it as Storage SCU and sends the matching instances
 * as C-STORE sub-operations.
 */
public final class MoveScp implements DimseService {

	private static final Logger LOG = LoggerFactory.getLogger(MoveScp.class);

	private final RetrieveHandler handler;

	private final AssociationSettings settings;

	/**
	 * @param settings this AE's settings: its title calls the destination, its known
	 * peers resolve it
	 */
	public MoveScp(RetrieveHandler handler, AssociationSettings settings) {
		this.handler = handler;
		this.settings = settings;
	}

	@Override
	public Set<CommandField> commands() {
		return Set.of(CommandField.C_MOVE_RQ);
	}

	@Override
	public boolean supports(String abstractSyntax) {
		return Uid.PATIENT_ROOT_QR_MOVE.equals(abstractSyntax) || Uid.STUDY_ROOT_QR_MOVE.equals(abstractSyntax);
	}

	@Override
	public List<String> transferSyntaxes(String abstractSyntax) {
		return TransferSyntaxes.UNCOMPRESSED;
	}

	@Override
	public void onRequest(Association association, DimseMessage request) throws IOException {
		Attributes keys = Identifiers.read(association, request);
		String destination = request.command().getString(org.continuum.dicom.data.Tag.MoveDestination);
		if (keys == null) {
			FindScp.fail(association, request, Status.CANNOT_UNDERSTAND.code(), "missing or malformed identifier");
			return;
		}
		RemoteAe peer = destination == null ? null : settings.peer(destination).orElse(null);
		if (peer == null) {
			FindScp.fail(association, request, Status.MOVE_DESTINATION_UNKNOWN.code(), "unknown move destination");
			return;
		}
		List<RetrieveInstance> instances;
		try {
			instances = handler.retrieve(new RetrieveRequest(association.callingAeTitle(),
					request.affectedSopClassUid(), keys, destination));
		}
		catch (DimseException e) {
			FindScp.fail(association, request, e.status(), e.getMessage());
			return;
		}
		catch (RuntimeException e) {
			FindScp.fail(association, request, Status.UNABLE_TO_PROCESS.code(), e.toString());
			return;
		}
		var subOperations = new SubOperations(association, request, instances.size());
		if (instances.isEmpty()) {
			subOperations.run(null, instances, null);
			return;
		}
		Association store;
		try {
			store = requestFor(instances, destination).connect(peer.host(), peer.port(), settings);
		}
		catch (IOException e) {
			LOG.warn("C-MOVE to {} at {}:{}: cannot associate: {}", destination, peer.host(), peer.port(),
					e.getMessage());
			subOperations.failAll(instances, Status.REFUSED_OUT_OF_RESOURCES_SUBOPERATIONS.code());
			return;
		}
		try (store) {
			subOperations.run(store, instances, association.callingAeTitle());
		}
	}

	private AssociationRequest requestFor(List<RetrieveInstance> instances, String destination) {
		Map<String, Boolean> seen = new LinkedHashMap<>();
		var rq = new AssociationRequest(settings.aeTitle(), destination);
		for (RetrieveInstance i : instances) {
			if (seen.putIfAbsent(i.sopClassUid() + "|" + i.transferSyntax(), true) == null) {
				java.util.Set<String> offered = new java.util.LinkedHashSet<>();
				offered.add(i.transferSyntax());
				if (!TransferSyntax.encodingOf(i.transferSyntax()).encapsulated()) {
					offered.addAll(TransferSyntaxes.UNCOMPRESSED); // converted on the fly
																	// if chosen
				}
				rq.addContext(i.sopClassUid(), offered.toArray(String[]::new));
			}
		}
		return rq;
	}

}

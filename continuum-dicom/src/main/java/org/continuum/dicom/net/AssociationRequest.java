package org.continuum.dicom.net;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import org.continuum.dicom.io.Implementation;
import org.continuum.dicom.net.pdu.AAbort;
import org.continuum.dicom.net.pdu.AAssociateAc;
import org.continuum.dicom.net.pdu.AAssociateRj;
import org.continuum.dicom.net.pdu.AAssociateRq;
import org.continuum.dicom.net.pdu.Pdu;
import org.continuum.dicom.net.pdu.PduReader;
import org.continuum.dicom.net.pdu.PduWriter;
import org.continuum.dicom.net.pdu.PresentationContext;
import org.continuum.dicom.net.pdu.RoleSelection;
import org.continuum.dicom.net.pdu.UserIdentity;
import org.continuum.dicom.net.pdu.UserInformation;
import org.jspecify.annotations.Nullable;

/**
 * What a requestor proposes (PS3.8 §7.1.1): presentation contexts, role selections and
 * user identity, and {@link #connect} to open the association as association-requestor
 * (states Sta4 → Sta5 → Sta6).
 */
public final class AssociationRequest {

	private final String callingAeTitle;

	private final String calledAeTitle;

	private final List<PresentationContext> contexts = new ArrayList<>();

	private final List<RoleSelection> roles = new ArrayList<>();

	private @Nullable UserIdentity userIdentity;

	private boolean proposeAsyncWindow;

	public AssociationRequest(String callingAeTitle, String calledAeTitle) {
		this.callingAeTitle = callingAeTitle;
		this.calledAeTitle = calledAeTitle;
	}

	/**
	 * Proposes one presentation context; ids are assigned 1, 3, 5, … (PS3.8 §9.3.2.2).
	 */
	public AssociationRequest addContext(String abstractSyntax, String... transferSyntaxes) {
		int id = 2 * contexts.size() + 1;
		if (id > 255) {
			throw new IllegalStateException("at most 128 presentation contexts per association");
		}
		contexts.add(new PresentationContext(id, abstractSyntax, List.of(transferSyntaxes)));
		return this;
	}

	public AssociationRequest addRole(String sopClassUid, boolean scu, boolean scp) {
		roles.add(new RoleSelection(sopClassUid, scu, scp));
		return this;
	}

	public AssociationRequest userIdentity(UserIdentity identity) {
		this.userIdentity = identity;
		return this;
	}

	/**
	 * Also proposes an asynchronous operations window of 1/1, which acceptors must be
	 * able to answer.
	 */
	public AssociationRequest proposeAsyncWindow() {
		this.proposeAsyncWindow = true;
		return this;
	}

	public AAssociateRq toPdu(int maxPduLength) {
		int window = proposeAsyncWindow ? 1 : 0;
		return new AAssociateRq(calledAeTitle, callingAeTitle, AAssociateRq.DICOM_APPLICATION_CONTEXT, contexts,
				new UserInformation(maxPduLength, Implementation.CLASS_UID, Implementation.VERSION_NAME, window, window,
						roles, userIdentity, null));
	}

	/**
	 * Connects, negotiates and returns the established association; TCP_NODELAY is always
	 * on.
	 */
	public Association connect(String host, int port, AssociationSettings settings) throws IOException {
		Socket socket = settings.sslContext() == null ? new Socket()
				: settings.sslContext().getSocketFactory().createSocket();
		try {
			socket.setTcpNoDelay(true);
			socket.connect(new InetSocketAddress(host, port), (int) settings.connectTimeout().toMillis());
			socket.setSoTimeout((int) settings.artimTimeout().toMillis());
			PduReader reader = Association.readerFor(socket, settings.maxPduLength());
			PduWriter writer = Association.writerFor(socket);
			AAssociateRq rq = toPdu(settings.maxPduLength());
			writer.write(rq);
			Pdu answer = reader.read();
			if (answer instanceof AAssociateAc) {
				socket.setSoTimeout((int) settings.idleTimeout().toMillis());
				return new Association(socket, rq, (AAssociateAc) answer, true, reader, writer,
						settings.artimTimeout());
			}
			if (answer instanceof AAssociateRj) {
				throw new AssociationRejectedException((AAssociateRj) answer,
						calledAeTitle + " at " + host + ":" + port);
			}
			if (answer instanceof AAbort) {
				throw new AssociationAbortedException("A-ABORT from " + calledAeTitle + " at " + host + ":" + port
						+ " in answer to A-ASSOCIATE-RQ: " + ((AAbort) answer).reason());
			}
			writer.write(AAbort.byProvider(AAbort.Reason.UNEXPECTED_PDU));
			throw new AssociationAbortedException("unexpected " + (answer == null ? "end of stream" : answer.type())
					+ " from " + host + ":" + port + " in answer to A-ASSOCIATE-RQ");
		}
		catch (IOException | RuntimeException e) {
			socket.close();
			throw e;
		}
	}

}

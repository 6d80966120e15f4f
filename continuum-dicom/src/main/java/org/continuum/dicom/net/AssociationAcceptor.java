package org.continuum.dicom.net;

import java.io.IOException;
import java.net.Socket;
import java.util.List;
import javax.net.ssl.SSLSocket;
import org.continuum.dicom.data.Attributes;
import org.continuum.dicom.net.pdu.AAbort;
import org.continuum.dicom.net.pdu.AAssociateAc;
import org.continuum.dicom.net.pdu.AAssociateRj;
import org.continuum.dicom.net.pdu.AAssociateRq;
import org.continuum.dicom.net.pdu.Pdu;
import org.continuum.dicom.net.pdu.PduFormatException;
import org.continuum.dicom.net.pdu.PduReader;
import org.continuum.dicom.net.pdu.PduWriter;
import org.continuum.dicom.net.pdu.ProtocolVersionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.jspecify.annotations.Nullable;

/**
 * Serves one connection as association-acceptor: Sta2 (ARTIM running, awaiting
 * A-ASSOCIATE-RQ), negotiation, then Sta6, dispatching each request to the service that
 * handles its command and abstract syntax (PS3.7 §9.1), until release, abort, idle
 * timeout or a protocol error (answered by A-ABORT, PS3.8 §9.2 AA-1..AA-8).
 */
final class AssociationAcceptor {

	private static final Logger LOG = LoggerFactory.getLogger(AssociationAcceptor.class);

	private final AssociationSettings settings;

	private final List<DimseService> services;

	private final Negotiator negotiator;

	AssociationAcceptor(AssociationSettings settings, List<DimseService> services, Negotiator negotiator) {
		this.settings = settings;
		this.services = services;
		this.negotiator = negotiator;
	}

	void serve(Socket socket) {
		String peer = String.valueOf(socket.getRemoteSocketAddress());
		try (socket) {
			socket.setSoTimeout((int) settings.artimTimeout().toMillis());
			if (socket instanceof SSLSocket tls && !handshake(tls, peer)) {
				return;
			}
			PduReader reader = Association.readerFor(socket, settings.maxPduLength());
			PduWriter writer = Association.writerFor(socket);
			Pdu first;
			try {
				first = reader.read();
			}
			catch (ProtocolVersionException e) {
				writer.write(new AAssociateRj(true, AAssociateRj.Reason.PROTOCOL_VERSION_NOT_SUPPORTED));
				LOG.info("rejected association from {}: {}", peer, e.getMessage());
				return;
			}
			catch (PduFormatException e) {
				writer.write(AAbort.byProvider(e.abortReason()));
				LOG.info("aborted connection from {} before association: {}", peer, e.getMessage());
				return;
			}
			if (first == null) {
				return;
			}
			if (!(first instanceof AAssociateRq)) {
				writer.write(AAbort.byProvider(AAbort.Reason.UNEXPECTED_PDU));
				LOG.info("aborted connection from {}: {} before A-ASSOCIATE-RQ", peer, first.type());
				return;
			}
			AAssociateRq rq = (AAssociateRq) first;
			Pdu answer = negotiator.answer(rq);
			writer.write(answer);
			if (answer instanceof AAssociateRj) {
				LOG.info("rejected association {} -> {} from {}: {}", rq.callingAeTitle(), rq.calledAeTitle(), peer,
						((AAssociateRj) answer).reason());
				return;
			}
			socket.setSoTimeout((int) settings.idleTimeout().toMillis());
			var association = new Association(socket, rq, (AAssociateAc) answer, false, reader, writer,
					settings.artimTimeout());
			LOG.info("association {} -> {} from {} established", rq.callingAeTitle(), rq.calledAeTitle(), peer);
			serveMessages(association);
		}
		catch (IOException e) {
			LOG.info("association from {} ended: {}", peer, e.getMessage());
		}
		catch (RuntimeException e) {
			LOG.error("association from {} failed", peer, e);
		}
	}

	/**
	 * Completes the TLS handshake before any PDU is read, so that a caller refused there
	 * (no certificate, or one the trust store does not trust) is logged as such.
	 */
	private static boolean handshake(SSLSocket socket, String peer) {
		try {
			socket.startHandshake();
			return true;
		}
		catch (IOException e) {
			LOG.warn("TLS handshake with {} failed, connection refused: {}", peer, e.getMessage());
			return false;
		}
	}

	private void serveMessages(Association association) throws IOException {
		DimseMessage message;
		while ((message = association.receive()) != null) {
			CommandField field = message.commandField();
			if (field == CommandField.C_CANCEL_RQ) {
				continue;
			}
			DimseService service = serviceFor(field, association.abstractSyntaxOf(message.contextId()));
			if (service == null || field == null || !field.isRequest()) {
				int status = field == null || !field.isRequest() ? Status.UNRECOGNIZED_OPERATION.code()
						: Status.SOP_CLASS_NOT_SUPPORTED.code();
				Attributes rsp = Commands.response(message.command(), status, false);
				association.send(message.contextId(), rsp, null);
				continue;
			}
			try {
				service.onRequest(association, message);
			}
			catch (PduFormatException | AssociationAbortedException e) {
				throw e;
			}
			catch (IOException | RuntimeException e) {
				LOG.warn("{} on association from {} failed: {}", field, association.callingAeTitle(), e.toString());
				if (association.isOpen()) {
					association.abort(AAbort.Reason.NOT_SPECIFIED);
				}
				return;
			}
			if (!association.isOpen()) {
				// The service ended the association itself, e.g. when a peer released
				// while it awaited the response to an N-EVENT-REPORT it sent.
				return;
			}
		}
		LOG.info("association from {} released", association.callingAeTitle());
	}

	private @Nullable DimseService serviceFor(@Nullable CommandField field, @Nullable String abstractSyntax) {
		if (field == null || abstractSyntax == null) {
			return null;
		}
		for (DimseService s : services) {
			if (s.commands().contains(field) && s.supports(abstractSyntax)) {
				return s;
			}
		}
		return null;
	}

}
